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

    /** {@code NdisReleaseSpinLock on processor 0}, or {@code … on thread T2 on processor 0}: the call as its page names it. */
    private String named() {
        return actual.call().apiName() + " on " + actual.call().where();
    }

    /**
     * The call did not bug-check: a bug check from a caller that kept the pages' rules fails the clause, with the bug
     * check's own words. (A call that threw or hung is the implementation's error, not a failed assertion: the steps
     * report it as such.)
     */
    public CallAssert didNotBugCheck() {
        isNotNull();
        if (actual.bugChecked()) {
            failWithMessage("%s%s", actual.describe(), clauseNote);
        }
        return this;
    }

    /**
     * The call returned at {@code irql} after exactly {@code raises} KeRaiseIrql and {@code lowers} KeLowerIrql calls:
     * {@code NdisDprAcquireSpinLock on processor 1, entered at DISPATCH_LEVEL, returned at DISPATCH_LEVEL after 1
     * KeRaiseIrql and 0 KeLowerIrql calls; expected it to return at DISPATCH_LEVEL after 0 and 0}.
     */
    public CallAssert returnedAtAfter(Irql irql, long raises, long lowers) {
        isNotNull();
        if (actual.exitIrql() != irql || actual.raises() != raises || actual.lowers() != lowers) {
            failWithMessage("%s, entered at %s, returned at %s after %d KeRaiseIrql and %d KeLowerIrql calls; expected it to"
                    + " return at %s after %d and %d%s", named(), actual.entryIrql(), actual.exitIrql(), actual.raises(),
                    actual.lowers(), irql, raises, lowers, clauseNote);
        }
        return this;
    }

    /**
     * The call, a release, gave back the IRQL its acquire was entered at: {@code NdisReleaseSpinLock on processor 0 left
     * IRQL at DISPATCH_LEVEL; the caller entered NdisAcquireSpinLock at PASSIVE_LEVEL}.
     *
     * @param acquire how the caller took the lock, as the message names it ({@code NdisAcquireSpinLock})
     */
    public CallAssert restoredTheIrqlOf(String acquire, Irql entered) {
        isNotNull();
        if (actual.exitIrql() != entered) {
            failWithMessage("%s left IRQL at %s; the caller entered %s at %s%s", named(), actual.exitIrql(), acquire, entered,
                    clauseNote);
        }
        return this;
    }

    /** The call, one the caller made wrongly ({@code misuse} says how), was reported with a bug check, whatever its rule. */
    public CallAssert reportedAsMisuse(String misuse) {
        isNotNull();
        if (!actual.bugChecked()) {
            failWithMessage("%s was not reported: expected a bug check, but %s%s", misuse, actual.describe(), clauseNote);
        }
        return this;
    }

    /**
     * The call, one the caller made wrongly, was reported as the misuse it is: a bug check naming {@code rule}.
     * {@code misuse} says what was wrong, as the failure names it ({@code NdisReleaseSpinLock on processor 0 at
     * DISPATCH_LEVEL with lock A}).
     */
    public CallAssert reportedAsMisuseOf(String misuse, String rule) {
        isNotNull();
        if (!actual.bugChecked()) {
            failWithMessage("%s was not reported: expected a bug check naming the %s rule, but %s%s", misuse, rule,
                    actual.describe(), clauseNote);
        }
        if (!rule.equals(actual.bugCheck().rule())) {
            failWithMessage("%s was reported as %s; expected the %s rule%s", misuse, actual.bugCheck(), rule, clauseNote);
        }
        return this;
    }
}
