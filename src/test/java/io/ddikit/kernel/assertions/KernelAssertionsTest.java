package io.ddikit.kernel.assertions;

import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.MachineConfig;
import io.ddikit.kernel.SimulatedMachine;
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
}
