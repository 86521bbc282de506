package io.ddikit.e2e;

import io.ddikit.grade.ClauseVerdict;
import io.ddikit.grade.Conformance;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit proves it can fail: each deliberately faulty implementation is caught, by the clause it breaks,
 * with a message in the page's words.
 */
class FaultyImplementationsAreCaughtTest {
    private static final String DESCRIPTION = "NdisReleaseSpinLock.description.NdisReleaseSpinLock-function-releases-spin-lock-acquired";
    private static final String RESTORES = "NdisReleaseSpinLock.remarks.NdisReleaseSpinLock-restores-original-irql-which-caller";
    private static final String DPR_PAIR = "NdisReleaseSpinLock.remarks.spin-lock-acquired-NdisDprAcquireSpinLock-must-released";
    private static final String IRQL = "NdisReleaseSpinLock.requirements.irql";
    private static final String INITIALIZE = "NdisReleaseSpinLock.remarks.driver-must-initialize-spin-lock-NdisAllocateSpinLock";
    private static final String ACQUIRE_FIRST = "NdisReleaseSpinLock.remarks.driver-must-call-NdisAcquireSpinLock-acquire-spin";
    private static final String RECIPROCAL = "NdisReleaseSpinLock.remarks.each-call-NdisAcquireSpinLock-requires-reciprocal-call";

    @ParameterizedTest(name = "{0} is caught by {1} as {2}")
    @CsvSource({
        "no-raise,            " + RESTORES + ",    failed, DISPATCH_LEVEL",
        "no-raise,            " + IRQL + ",        failed, DPC",
        "lower-to-passive,    " + RESTORES + ",    failed, left IRQL at PASSIVE_LEVEL",
        "plain-release,       " + DESCRIPTION + ", failed, none with release semantics",
        "late-oldirql-read,   " + RESTORES + ",    failed, left IRQL at",
        "early-oldirql-write, " + RESTORES + ",    failed, left IRQL at PASSIVE_LEVEL",
        "non-atomic-tas,      " + DESCRIPTION + ", failed, mutual exclusion of lock A broken",
        "dpr-raises,          " + DPR_PAIR + ",    failed, KeRaiseIrql",
        "hang-on-contention,  " + DESCRIPTION + ", failed, never acquired lock A",
        "throws,              " + DESCRIPTION + ", error,  IllegalStateException",
        "dpr-release-lowers,  " + DPR_PAIR + ",    failed, NdisDprReleaseSpinLock on processor 1 left IRQL at PASSIVE_LEVEL",
        "lower-before-clear,  " + DESCRIPTION + ", failed, 'the lock is still held (by processor 0, paused inside KeLowerIrql)'",
        "free-retires-word,   " + INITIALIZE + ",  failed, could not take lock B with NdisDprAcquireSpinLock",
        "ticket-skips-waiter, " + DESCRIPTION + ", failed, never acquired lock A after it was released",
        "dispatch-entry-stale-save, " + RESTORES + ", failed, left IRQL at PASSIVE_LEVEL; the caller entered NdisAcquireSpinLock at DISPATCH_LEVEL",
        "recursive-acquire,   " + RECIPROCAL + ",  failed, was not reported: expected a bug check naming the SpinLock rule",
        "wrong-rule,          " + ACQUIRE_FIRST + ", failed, expected the SpinlockRelease rule",
        "raise-to-high,       " + RESTORES + ",    failed, holds lock A at HIGH_LEVEL; it must be held at DISPATCH_LEVEL",
        "raise-to-apc,        " + IRQL + ",        failed, ran on processor 0 while it held a spin lock",
        "release-never-lowers, " + RESTORES + ",   failed, left IRQL at DISPATCH_LEVEL; the caller entered NdisAcquireSpinLock at PASSIVE_LEVEL",
        "dpr-skips-word,      " + DPR_PAIR + ",    failed, two processors own the lock at once",
        "per-processor-word,  " + DESCRIPTION + ", failed, two processors own the lock at once",
        "spin-without-yield,  " + DESCRIPTION + ", failed, makes no spin-wait turns (Hal.spinWait)",
        "shared-oldirql,      " + RESTORES + ",    failed, left IRQL at DISPATCH_LEVEL; the caller entered NdisAcquireSpinLock at APC_LEVEL",
        "free-throws-after-use, " + INITIALIZE + ", error, IllegalStateException",
    })
    void fault_is_caught_by_the_clause_it_breaks(String fault, String clause, String verdict, String messagePart) {
        ImplementationVerdict v = Suite.run(fault, 1234L);
        Map<String, ClauseVerdict> byId = Suite.byId(v);

        assertThat(v.conformance()).as(Suite.describe(v)).isIn(Conformance.DOES_NOT_CONFORM, Conformance.ERROR);
        ClauseVerdict c = byId.get(clause);
        assertThat(c).as("clause %s exists", clause).isNotNull();
        assertThat(c.verdict()).as(Suite.describe(v)).isEqualTo(Verdict.fromLabel(verdict));
        assertThat(c.reason()).as(Suite.describe(v)).contains(messagePart).contains("clause " + clause);
    }
}
