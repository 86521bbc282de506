package io.ddikit.kernel.assertions;

import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.SimulatedMachine;

/**
 * The assertions step authors use on the simulated kernel, every failure message in the pages' words (the call, its
 * lock, the processor, the IRQL expected and found) instead of a hand-built {@code AssertionError}. AssertJ's own
 * {@code assertThat} remains for everything else.
 */
public final class KernelAssertions {
    private KernelAssertions() {
    }

    /** Assertions on a call into the implementation. */
    public static CallAssert assertThat(CallResult call) {
        return new CallAssert(call);
    }

    /** Assertions on processor {@code processor} of {@code machine}. */
    public static ProcessorAssert assertThatProcessor(SimulatedMachine machine, int processor) {
        return new ProcessorAssert(machine, processor);
    }
}
