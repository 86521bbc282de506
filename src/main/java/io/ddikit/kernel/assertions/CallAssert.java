package io.ddikit.kernel.assertions;

import io.ddikit.kernel.CallResult;
import io.ddikit.spi.Irql;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one call into an implementation, with failure messages in the pages' words: the call, its lock, the
 * processor, the IRQL expected and found. Made by {@link KernelAssertions#assertThat(CallResult)}.
 *
 * <pre>{@code
 * assertThat(release).inClause(note).returnedAt(Irql.APC_LEVEL).madeRaisesAndLowers(0, 1);
 * // passes when NdisReleaseSpinLock returned at APC_LEVEL after one KeLowerIrql; else, for instance:
 * // NdisReleaseSpinLock(lock A) on processor 0 returned at PASSIVE_LEVEL; it must return at APC_LEVEL (clause …)
 * }</pre>
 */
public final class CallAssert extends AbstractAssert<CallAssert, CallResult> {
    private String clauseNote = "";

    CallAssert(CallResult actual) {
        super(actual, CallAssert.class);
    }

    /** Ends every failure message with {@code note}, such as {@code " (clause NdisReleaseSpinLock.remarks…)"}. */
    public CallAssert inClause(String note) {
        this.clauseNote = note == null ? "" : note;
        return this;
    }

    private String call() {
        return actual.call().describe() + " on processor " + actual.call().processor();
    }

    /** The call returned (it did not throw, bug-check or hang). */
    public CallAssert returned() {
        isNotNull();
        if (!actual.returned()) {
            failWithMessage("%s did not return: %s%s", call(), actual.describe(), clauseNote);
        }
        return this;
    }

    /** The call returned with its processor at {@code expected}. */
    public CallAssert returnedAt(Irql expected) {
        returned();
        if (actual.exitIrql() != expected) {
            failWithMessage("%s returned at %s; it must return at %s (it was entered at %s)%s", call(), actual.exitIrql(),
                    expected, actual.entryIrql(), clauseNote);
        }
        return this;
    }

    /** The call returned at the IRQL it was entered at. */
    public CallAssert leftTheIrqlUnchanged() {
        returned();
        if (actual.exitIrql() != actual.entryIrql()) {
            failWithMessage("%s changed the IRQL from %s to %s; it must leave it unchanged%s", call(), actual.entryIrql(),
                    actual.exitIrql(), clauseNote);
        }
        return this;
    }

    /** The call made exactly {@code raises} KeRaiseIrql and {@code lowers} KeLowerIrql calls. */
    public CallAssert madeRaisesAndLowers(long raises, long lowers) {
        isNotNull();
        if (actual.raises() != raises || actual.lowers() != lowers) {
            failWithMessage("%s made %d KeRaiseIrql and %d KeLowerIrql calls; expected %d and %d%s", call(), actual.raises(),
                    actual.lowers(), raises, lowers, clauseNote);
        }
        return this;
    }

    /** The call bug-checked naming the DDI compliance rule {@code rule}. */
    public CallAssert bugCheckedNaming(String rule) {
        isNotNull();
        if (!actual.bugChecked()) {
            failWithMessage("%s was misuse the implementation declares it detects, but it was not reported: %s%s", call(),
                    actual.describe(), clauseNote);
        }
        if (!actual.bugCheck().rule().equals(rule)) {
            failWithMessage("%s was reported as a %s violation; the page's rule is %s: %s%s", call(),
                    actual.bugCheck().rule().isEmpty() ? "nameless" : actual.bugCheck().rule(), rule, actual.bugCheck(), clauseNote);
        }
        return this;
    }
}
