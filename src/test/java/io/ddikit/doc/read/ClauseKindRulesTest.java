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

    /** Classes of sentences found in the hand-labelled sample of both trees (issue 15), each as a sentence of our own. */
    @ParameterizedTest(name = "{0} -> {1} by {2}")
    @CsvSource(delimiter = '|', value = {
            "KeExampleGate|informative|fragment",
            "Status = KeExampleOpenGate(&Gate);|informative|fragment",
            "Use KEXAMPLE_GATE.|caller-obligation|imperative",
            "Note that, if a driver opens more than one gate, it must close each one.|caller-obligation|obligation-word",
            "Supply a NULL handle for the Gate parameter, or create a gate and supply its handle:|caller-obligation|imperative",
            "Create.Gate is set by the framework.|implementation-behaviour|passive-behaviour",
            "Then, implement your callback function as follows.|caller-obligation|imperative",
            "Only bus drivers can call KeExampleOpenGate.|caller-obligation|restricted-use",
            "This method is available only in kernel mode.|caller-obligation|restricted-use",
            "KeExampleOpenGate can be called at any IRQL.|caller-obligation|irql-permission",
            "Callers of KeExampleOpenGate can be running at IRQL <= DISPATCH_LEVEL if the gate is resident.|caller-obligation|irql-permission",
            "This function is not intended to be used directly from your code.|caller-obligation|obligation-word",
            "We recommend that drivers use KeExampleOpenGate instead.|caller-obligation|obligation-word",
            "The driver does not have to close the gate.|informative|otherwise",
            "The KEXAMPLE_GATE_OPEN function type is defined in the Kexample.h header file.|informative|declared-in",
            "The Flags member contains the first gate in the list.|informative|data-subject",
            "The Status field is set to STATUS_SUCCESS when the gate opens.|implementation-behaviour|passive-behaviour",
            "The KEXAMPLE_GATE enumeration is used only if the gate is shared.|informative|data-subject",
            "This method can respond in one of three ways:|informative|lead-in",
            "KeExampleOpenGate and KeExampleCloseGate are two versions of the same routine.|informative|api-identity",
            "This routine is currently not supported on Windows Server.|informative|api-identity",
            "The pfnExampleGateCb function causes the runtime to refresh the gate.|implementation-behaviour|api-subject",
            "If the gate was closed, __KeExampleOpenGate returns STATUS_CANCELLED.|implementation-behaviour|api-subject",
            "All of these functions take a gate and return its state.|implementation-behaviour|api-subject",
            "Converts a gate handle to a pointer.|implementation-behaviour|summary-verb",
            "Discards (closes) a gate of the queue.|implementation-behaviour|summary-verb",
            "Describes a gate to create.|informative|otherwise",
            "Filter drivers call the NdisReleaseSpinLock function to release a lock they acquired.|implementation-behaviour|purpose",
            "After a driver closes the gate, the framework stops queuing requests to it.|implementation-behaviour|system-subject",
            "The framework can use RtlCopyMemory to copy the gate.|implementation-behaviour|system-subject",
            "GATE_E_BUSY: The hardware does not support a second gate.|implementation-behaviour|system-subject",
            "The client driver returns the status of the gate in the request.|caller-obligation|driver-does",
            "For example, suppose the miniport driver provides two gates.|informative|otherwise",
            "The miniport driver typically opens the gate during initialization.|informative|otherwise",
            "A client uses a gate request to wait for an event.|informative|otherwise",
            "When a driver opens the gate, a part of the queue is mapped to locked pages.|implementation-behaviour|passive-behaviour",
            "The latch is shared.|informative|otherwise",
            "Spinning on a gate twice is guaranteed to hang the processor.|informative|otherwise",
            "Otherwise the request will be held until the gate opens.|implementation-behaviour|future-behaviour",
            "The debugger engine will replace the alias before it runs the command.|implementation-behaviour|future-behaviour",
            "After it opens the gate, the routine returns to the port driver, which performs the work that requires the lock.|implementation-behaviour|api-subject",
            "When the work is done, the driver calls KeExampleCloseGate so that others can enter.|caller-obligation|driver-does",
            "KeExampleOpenGateAtDpc is a faster KeExampleOpenGate that a driver can call only at DISPATCH_LEVEL.|caller-obligation|restricted-use",
            "The Gate pointer that is passed to KeExampleOpenGate is a required parameter for all other gate functions.|informative|otherwise",
            "This ensures that no request is lost while the gate is closed.|implementation-behaviour|consequence",
            "This means that the driver must open the gate again.|caller-obligation|obligation-word",
            "For example, for a gate named \"Main,\" the framework returns \":Main\" as its name.|implementation-behaviour|system-subject",
    })
    void classes_of_the_measured_sample(String text, String kind, String rule) {
        first_matching_rule_decides(text, kind, rule);
    }

    /** Classes of sentences found in both samples, the tuning and the first held-out one, taken together for a second tuning. */
    @ParameterizedTest(name = "{0} -> {1} by {2}")
    @CsvSource(delimiter = '|', value = {
            "Please use KeExampleOpenGate instead.|caller-obligation|imperative",
            "Perform the gate checks before the call.|caller-obligation|imperative",
            "Declaring the gate helps the verification tools, and it's a requirement for gate drivers.|caller-obligation|obligation-word",
            "Callers of KeExampleOpenGate are responsible for serializing access to the gate.|caller-obligation|caller-subject",
            "Called by the client driver to open a gate.|caller-obligation|called-by-caller",
            "The KeExampleOpenGate routine is called by file system drivers to open a gate.|caller-obligation|called-by-caller",
            "Called by the gate framework to notify the client driver.|implementation-behaviour|called-by-system",
            "This callback function is called by the framework when the gate opens.|implementation-behaviour|called-by-system",
            "If the gate has no owner, and therefore the gate is free, KeExampleOpenGate returns TRUE.|implementation-behaviour|api-subject",
            "Gate providers call the NdisReleaseSpinLock function to release a lock and to indicate that the gate should close.|implementation-behaviour|purpose",
            "Used to open a gate.|implementation-behaviour|summary-verb",
            "Used to describe a gate.|informative|otherwise",
            "Its Gate and Flags members can be NULL.|informative|otherwise",
            "In this case, the GateObject parameter in the call to KeExampleOpenGate specifies the gate.|informative|otherwise",
            "Gate device objects exist outside the device stack.|informative|otherwise",
            "The USB class driver sends this request to open the gate.|implementation-behaviour|system-subject",
            "The KeExampleOpenGate and KeExampleCloseGate functions are described in the Windows SDK documentation.|informative|declared-in",
            "Usually, this notification is sent from the gate routine.|informative|typical",
            "After KeExampleOpenGate takes the lock, it returns to the port driver.|implementation-behaviour|pronoun-subject",
            "If the callback function receives a request, it retrieves the gate.|informative|otherwise",
            "The gate enters the Closed state when the framework calls EvtGateClose.|implementation-behaviour|state-change",
            "STATUS_GATE_CLOSED: Gate is not open.|implementation-behaviour|status-label",
            "STATUS_GATE_CLOSED: The driver can open the gate again.|informative|otherwise",
            "In each case, the STATUS_GATE_CLOSED return value means the bus driver has reported that the gate cannot open.|implementation-behaviour|status-meaning",
            "This is because the gate can be reopened unless it is locked.|implementation-behaviour|consequence",
            "Gate requests, if allowed, are queued by completing the handshake.|implementation-behaviour|passive-behaviour",
    })
    void classes_of_both_samples(String text, String kind, String rule) {
        first_matching_rule_decides(text, kind, rule);
    }

    @Test
    void a_note_saying_what_the_system_or_the_api_does_is_implementation_behaviour() {
        assertThat(ClauseKindRules.ruleFor("The framework closes the gate when the device is removed.", "NdisX", true).name())
                .isEqualTo("system-subject");
        assertThat(ClauseKindRules.ruleFor("NdisX returns at once if the gate is open.", "NdisX", true).name())
                .isEqualTo("api-subject");
        assertThat(ClauseKindRules.ruleFor("The gate is kept for older drivers.", "NdisX", true).name()).isEqualTo("note");
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
    void an_instruction_in_a_note_is_a_caller_obligation() {
        assertThat(ClauseKindRules.ruleFor("Please use KeExampleOpenGate instead.", "NdisX", true).name()).isEqualTo("imperative");
    }

    @Test
    void what_uses_the_page_data_type_is_informative() {
        assertThat(ClauseKindRules.ruleFor("The IOCTL_EXAMPLE request uses the KEXAMPLE_GATE structure to describe the gate.", "_KEXAMPLE_GATE")
                .name()).isEqualTo("data-use");
        assertThat(ClauseKindRules.ruleFor("The IOCTL_EXAMPLE request uses the KEXAMPLE_GATE structure to describe the gate.", "KeExampleOpenGate")
                .name()).isEqualTo("api-subject");
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
