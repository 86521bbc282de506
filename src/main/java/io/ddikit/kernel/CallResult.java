package io.ddikit.kernel;

import io.ddikit.spi.BugCheck;
import io.ddikit.spi.Irql;

/**
 * What became of one {@link ApiCall}.
 *
 * <p>{@link Outcome#BUG_CHECKED} wins over the others: a call during which its processor recorded a bug
 * check is reported as bug-checked even if the implementation caught the exception and returned.
 *
 * @param call           the call
 * @param outcome        returned, threw, bug-checked or timed out
 * @param entryIrql      the processor's IRQL when the call started, {@code null} if it never started
 * @param exitIrql       the processor's IRQL when the call ended (for a timeout: when the watchdog fired)
 * @param raises         {@code KeRaiseIrql} calls the processor made during the call (DPCs that ran
 *                       inside it included); 0 for a timeout
 * @param lowers         {@code KeLowerIrql} calls the processor made during the call; 0 for a timeout
 * @param thrown         the exception for {@link Outcome#THREW}, else {@code null}
 * @param bugCheck       the (first) bug check for {@link Outcome#BUG_CHECKED}, else {@code null}
 * @param report         for {@link Outcome#TIMED_OUT}: the watchdog's report (the call, the processor and
 *                       its IRQL, the locks held per processor, the last trace events, a thread dump of
 *                       the simulated processors); else empty
 * @param enterSequence  the global sequence number of the call's start, -1 if it never started
 * @param returnSequence the global sequence number of the call's end, -1 for a timeout
 * @param interlocked    interlocked operations the implementation's code made during the call (atomic
 *                       read-modify-writes, monitor enters, locks; see {@link io.ddikit.sched.MemoryOrder}), as its
 *                       instrumented classes counted them; 0 for a timeout, and for code loaded without schedule points
 */
public record CallResult(ApiCall call, Outcome outcome, Irql entryIrql, Irql exitIrql, long raises, long lowers,
                         Throwable thrown, BugCheck bugCheck, String report, long enterSequence,
                         long returnSequence, long interlocked) {

    /** A result with no interlocked operation counted. */
    public CallResult(ApiCall call, Outcome outcome, Irql entryIrql, Irql exitIrql, long raises, long lowers,
                      Throwable thrown, BugCheck bugCheck, String report, long enterSequence, long returnSequence) {
        this(call, outcome, entryIrql, exitIrql, raises, lowers, thrown, bugCheck, report, enterSequence, returnSequence, 0);
    }

    /** How a call ended. */
    public enum Outcome {
        /** It returned normally. */
        RETURNED,
        /** It threw an exception other than a bug check. */
        THREW,
        /** Its processor bug-checked during it. */
        BUG_CHECKED,
        /** It did not return within the machine's call bound. */
        TIMED_OUT
    }

    public boolean returned() {
        return outcome == Outcome.RETURNED;
    }

    public boolean timedOut() {
        return outcome == Outcome.TIMED_OUT;
    }

    public boolean bugChecked() {
        return outcome == Outcome.BUG_CHECKED;
    }

    /**
     * One line in the page's words, e.g. {@code NdisReleaseSpinLock(lock A) on processor 1 returned at
     * PASSIVE_LEVEL (entered at DISPATCH_LEVEL)}; for a timeout, followed by the watchdog's report.
     */
    public String describe() {
        String where = call.describe() + " on " + call.where();
        switch (outcome) {
            case RETURNED:
                return where + " returned at " + exitIrql + " (entered at " + entryIrql + ")";
            case THREW:
                return where + " threw " + thrown + " at " + exitIrql + " (entered at " + entryIrql + ")";
            case BUG_CHECKED:
                return where + " caused " + bugCheck + " (entered at " + entryIrql + ")";
            default:
                return report;
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
