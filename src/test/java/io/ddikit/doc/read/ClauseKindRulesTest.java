package io.ddikit.doc.read;

import io.ddikit.doc.ClauseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClauseKindRulesTest {
    @ParameterizedTest(name = "{0} -> {1} by {2}")
    @CsvSource(delimiter = '|', value = {
            "For more information about acquiring and releasing NDIS spin locks, see Synchronization.|informative|pointer",
            "See KeReleaseSpinLock.|informative|pointer",
            "Note The interface is kept for older drivers only.|informative|note",
            "A driver must initialize its spin lock with NdisAllocateSpinLock before it calls any other function.|caller-obligation|caller-subject",
            "Instead, a miniport driver must call NdisMSynchronizeWithInterruptEx.|caller-obligation|caller-subject",
            "Callers of ExAcquireFastMutex must be running at IRQL <= APC_LEVEL.|caller-obligation|caller-subject",
            "Use ExTryToAcquireFastMutex if the current thread can do other work.|caller-obligation|imperative",
            "Any spin lock acquired with NdisAcquireSpinLock must be released with NdisReleaseSpinLock.|caller-obligation|passive-obligation",
            "NdisReleaseSpinLock restores the original IRQL at which its caller was running.|implementation-behaviour|api-subject",
            "The NdisReleaseSpinLock function releases a spin lock.|implementation-behaviour|api-subject",
            "This routine returns immediately if the lock is free.|implementation-behaviour|api-subject",
            "ExAcquireFastMutex puts the caller into a wait state if the fast mutex cannot be acquired immediately.|implementation-behaviour|api-subject",
            "Each call to NdisAcquireSpinLock requires a reciprocal call to NdisReleaseSpinLock.|caller-obligation|obligation-word",
            "The code within a critical region must neither be pageable nor touch pageable data.|caller-obligation|obligation-word",
            "Otherwise, a deadlock occurs, hanging the driver.|informative|otherwise",
            "For a write operation, NdisAcquireReadWriteLock raises the IRQL by acquiring a spin lock.|implementation-behaviour|api-subject",
            "The previous IRQL is written to OldIrql after the lock is acquired.|implementation-behaviour|passive-behaviour",
            "The code within a critical region can neither call pageable code nor raise an exception.|caller-obligation|obligation-word",
            "Read access does not require interlocked operations.|informative|otherwise",
            "Note The interface is deprecated for NDIS 6.20 and later drivers, which should use another one.|informative|note",
            "KeFoo can only be called at PASSIVE_LEVEL.|caller-obligation|restricted-use",
            "This routine can be used only by file system drivers.|caller-obligation|restricted-use",
            "NdisReleaseSpinLock allocates the resources required for the release.|implementation-behaviour|api-subject",
            "This topic describes the NdisReleaseSpinLock function.|informative|pointer",
            "The NDIS_SPIN_LOCK structure holds a spin lock and an IRQL.|informative|data-subject",
            "The KSPIN_LOCK_QUEUE structure must be allocated from nonpaged memory.|caller-obligation|passive-obligation",
            "A LOCK_STATE is required for each acquisition.|caller-obligation|obligation-word",
            "However, it is not required.|informative|otherwise",
    })
    void first_matching_rule_decides(String text, String kind, String rule) {
        ClauseKindRules.Rule r = ClauseKindRules.ruleFor(text, "NdisReleaseSpinLock");
        assertThat(r.name()).isEqualTo(rule);
        assertThat(r.kind()).isEqualTo(ClauseKind.fromLabel(kind));
    }

    @Test
    void a_sentence_of_a_note_is_informative_without_its_label_unless_its_main_clause_obliges() {
        assertThat(ClauseKindRules.ruleFor("The interface is deprecated for NDIS 6.20 and later drivers, which should use another one.",
                "NdisX", true).name()).isEqualTo("note");
        assertThat(ClauseKindRules.ruleFor("The interface is deprecated for NDIS 6.20 and later drivers, which should use another one.",
                "NdisX", false).name()).isEqualTo("obligation-word");
        assertThat(ClauseKindRules.kindOf("A driver must hold the lock.", "NdisX", true)).isEqualTo(ClauseKind.CALLER_OBLIGATION);
    }

    @Test
    void a_sentence_naming_the_page_api_first_is_implementation_behaviour() {
        assertThat(ClauseKindRules.ruleFor("It is NdisReleaseSpinLock that lowers the IRQL.", "NdisReleaseSpinLock").name())
                .isEqualTo("names-api");
    }

    @Test
    void every_rule_is_described_and_the_last_matches_everything() {
        assertThat(ClauseKindRules.RULES).allSatisfy(r -> assertThat(r.description()).isNotBlank());
        assertThat(ClauseKindRules.RULES.get(ClauseKindRules.RULES.size() - 1).test().test(ClauseKindRules.Sentence.of(""), "")).isTrue();
    }
}
