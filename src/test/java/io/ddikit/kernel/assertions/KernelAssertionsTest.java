package io.ddikit.kernel.assertions;

import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.MachineConfig;
import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.spi.BugCheck;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.ddikit.kernel.assertions.KernelAssertions.assertThat;
import static io.ddikit.kernel.assertions.KernelAssertions.assertThatProcessor;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The step authors' assertions pass on what the kernel saw and fail with a message in the pages' words. */
class KernelAssertionsTest {
    private final SimulatedMachine machine = new SimulatedMachine(MachineConfig.defaults().withCallBound(Duration.ofSeconds(5)));
    private final Hal hal = machine.hal();

    @AfterEach
    void close() {
        machine.close();
    }

    private CallResult raiseToDispatch(int p) {
        return machine.call(p, "KeAcquireSpinLock", "A", () -> hal.raiseIrql(Irql.DISPATCH_LEVEL));
    }

    @Test
    void a_call_that_raised_once_passes_what_it_did_and_fails_what_it_did_not() {
        CallResult r = raiseToDispatch(1);

        assertThatCode(() -> assertThat(r).returnedAt(Irql.DISPATCH_LEVEL).madeRaisesAndLowers(1, 0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(r).inClause(" (clause X)").returnedAt(Irql.APC_LEVEL))
                .isInstanceOf(AssertionError.class)
                .hasMessage("KeAcquireSpinLock(lock A) on processor 1 returned at DISPATCH_LEVEL; it must return at APC_LEVEL"
                        + " (it was entered at PASSIVE_LEVEL) (clause X)");
        assertThatThrownBy(() -> assertThat(r).madeRaisesAndLowers(0, 0))
                .hasMessage("KeAcquireSpinLock(lock A) on processor 1 made 1 KeRaiseIrql and 0 KeLowerIrql calls; expected 0 and 0");
        assertThatThrownBy(() -> assertThat(r).leftTheIrqlUnchanged())
                .hasMessage("KeAcquireSpinLock(lock A) on processor 1 changed the IRQL from PASSIVE_LEVEL to DISPATCH_LEVEL;"
                        + " it must leave it unchanged");
    }

    @Test
    void a_call_that_threw_did_not_return() {
        CallResult r = machine.call(0, "KeReleaseSpinLock", "A", () -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(() -> assertThat(r).returned())
                .hasMessageStartingWith("KeReleaseSpinLock(lock A) on processor 0 did not return: ")
                .hasMessageContaining("threw java.lang.IllegalStateException: boom");
    }

    @Test
    void a_processor_is_where_the_kernel_says() {
        raiseToDispatch(2);

        // a call named like an acquire that returned is taken to hold its lock, as the kernel records lock effects
        assertThatCode(() -> assertThatProcessor(machine, 2).isAt(Irql.DISPATCH_LEVEL).holds("A")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThatProcessor(machine, 2).isAt(Irql.PASSIVE_LEVEL))
                .hasMessage("processor 2 is at DISPATCH_LEVEL; it must be at PASSIVE_LEVEL");
        assertThatThrownBy(() -> assertThatProcessor(machine, 2).holds("B"))
                .hasMessage("processor 2 does not hold lock B; it holds [A]");
        assertThatThrownBy(() -> assertThatProcessor(machine, 2).inClause(" (clause Y)").holdsNoLock())
                .hasMessage("processor 2 still holds [A] (clause Y)");
        assertThatThrownBy(() -> assertThatProcessor(machine, 3).holds("A"))
                .hasMessage("processor 3 does not hold lock A; it holds none");
    }

    @Test
    void a_call_is_judged_by_where_it_returned_and_how_it_got_there() {
        CallResult r = raiseToDispatch(1);

        assertThatCode(() -> assertThat(r).returnedAtAfter(Irql.DISPATCH_LEVEL, 1, 0).didNotBugCheck()).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(r).inClause(" (clause X)").returnedAtAfter(Irql.DISPATCH_LEVEL, 0, 0))
                .hasMessage("KeAcquireSpinLock on processor 1, entered at PASSIVE_LEVEL, returned at DISPATCH_LEVEL after 1"
                        + " KeRaiseIrql and 0 KeLowerIrql calls; expected it to return at DISPATCH_LEVEL after 0 and 0 (clause X)");
        assertThatThrownBy(() -> assertThat(r).restoredTheIrqlOf("NdisAcquireSpinLock", Irql.PASSIVE_LEVEL))
                .hasMessage("KeAcquireSpinLock on processor 1 left IRQL at DISPATCH_LEVEL; the caller entered NdisAcquireSpinLock"
                        + " at PASSIVE_LEVEL");
        assertThatThrownBy(() -> assertThat(r).reportedAsMisuse("KeAcquireSpinLock at PASSIVE_LEVEL twice"))
                .hasMessageStartingWith("KeAcquireSpinLock at PASSIVE_LEVEL twice was not reported: expected a bug check, but ");
        assertThatThrownBy(() -> assertThat(r).reportedAsMisuseOf("KeAcquireSpinLock twice", "SpinLock"))
                .hasMessageStartingWith("KeAcquireSpinLock twice was not reported: expected a bug check naming the SpinLock rule");
    }

    @Test
    void a_bug_check_fails_a_call_that_must_return_and_names_its_rule() {
        CallResult r = machine.call(0, "KeReleaseSpinLock", "A", () -> hal.bugCheck(
                new BugCheck(BugCheck.SPIN_LOCK_NOT_OWNED, 0, "SpinLockRelease", "the lock is not held")));

        assertThatThrownBy(() -> assertThat(r).inClause(" (clause Z)").didNotBugCheck())
                .hasMessageContaining("KeReleaseSpinLock").hasMessageContaining("the lock is not held").hasMessageEndingWith("(clause Z)");
        assertThatCode(() -> assertThat(r).reportedAsMisuseOf("a release of a free lock", "SpinLockRelease")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(r).reportedAsMisuseOf("a release of a free lock", "SpinLock"))
                .hasMessageStartingWith("a release of a free lock was reported as ").hasMessageEndingWith("; expected the SpinLock rule");
    }

    @Test
    void a_processor_holds_its_lock_at_the_level_the_page_says() {
        raiseToDispatch(2);

        assertThatCode(() -> assertThatProcessor(machine, 2).holdsAt("KeAcquireSpinLock", "A", Irql.DISPATCH_LEVEL, Irql.PASSIVE_LEVEL))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThatProcessor(machine, 2).holdsAt("KeAcquireSpinLock", "A", Irql.HIGH_LEVEL, Irql.APC_LEVEL))
                .hasMessage("KeAcquireSpinLock on processor 2 holds lock A at DISPATCH_LEVEL; it must be held at HIGH_LEVEL (the"
                        + " caller entered at APC_LEVEL)");
        assertThatThrownBy(() -> assertThatProcessor(machine, 2).holdsAt("KeAcquireSpinLock", "B", Irql.DISPATCH_LEVEL, null))
                .hasMessage("processor 2 does not hold lock B; it holds [A]");
        assertThatThrownBy(() -> assertThatProcessor(machine, 2).isBackAt("KeReleaseSpinLock", Irql.PASSIVE_LEVEL,
                "the caller entered KeAcquireSpinLock at PASSIVE_LEVEL"))
                .hasMessage("KeReleaseSpinLock on processor 2 left IRQL at DISPATCH_LEVEL; the caller entered KeAcquireSpinLock at"
                        + " PASSIVE_LEVEL");
    }
}
