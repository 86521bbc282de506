package io.ddikit.kernel.assertions;

import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.spi.Irql;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one simulated processor: its IRQL, the locks it holds. Made by
 * {@link KernelAssertions#assertThatProcessor(SimulatedMachine, int)}.
 *
 * <pre>{@code
 * assertThatProcessor(machine, 1).inClause(note).isAt(Irql.DISPATCH_LEVEL).holds("A");
 * // fails with: processor 1 is at APC_LEVEL; it must be at DISPATCH_LEVEL (clause …)
 * }</pre>
 */
public final class ProcessorAssert extends AbstractAssert<ProcessorAssert, SimulatedMachine> {
    private final int processor;
    private String clauseNote = "";

    ProcessorAssert(SimulatedMachine machine, int processor) {
        super(machine, ProcessorAssert.class);
        this.processor = processor;
    }

    /** Ends every failure message with {@code note}. */
    public ProcessorAssert inClause(String note) {
        this.clauseNote = note == null ? "" : note;
        return this;
    }

    /** The processor's IRQL is {@code expected}. */
    public ProcessorAssert isAt(Irql expected) {
        isNotNull();
        Irql now = actual.irql(processor);
        if (now != expected) {
            failWithMessage("processor %d is at %s; it must be at %s%s", processor, now, expected, clauseNote);
        }
        return this;
    }

    /** The kit's record of lock effects says the processor holds lock {@code label}. */
    public ProcessorAssert holds(String label) {
        isNotNull();
        if (!actual.locksHeld(processor).contains(label)) {
            failWithMessage("processor %d does not hold lock %s; it holds %s%s", processor, label,
                    actual.locksHeld(processor).isEmpty() ? "none" : actual.locksHeld(processor), clauseNote);
        }
        return this;
    }

    /** The processor holds no lock. */
    public ProcessorAssert holdsNoLock() {
        isNotNull();
        if (!actual.locksHeld(processor).isEmpty()) {
            failWithMessage("processor %d still holds %s%s", processor, actual.locksHeld(processor), clauseNote);
        }
        return this;
    }

    /**
     * After {@code call} returned holding lock {@code label}, the processor is at {@code expected}: {@code
     * NdisAcquireSpinLock on processor 1 holds lock A at APC_LEVEL; it must be held at DISPATCH_LEVEL (the caller entered
     * at APC_LEVEL)}.
     *
     * @param entered the IRQL the caller entered the acquire at, or null when the kit does not know it
     */
    public ProcessorAssert holdsAt(String call, String label, Irql expected, Irql entered) {
        isNotNull();
        Irql now = actual.irql(processor);
        if (now != expected) {
            failWithMessage("%s on processor %d holds lock %s at %s; it must be held at %s%s%s", call, processor, label, now,
                    expected, entered == null ? "" : " (the caller entered at " + entered + ")", clauseNote);
        }
        return holds(label);
    }

    /**
     * After its last call, {@code call}, returned, the processor is at {@code expected}; {@code why} says where that
     * level comes from: {@code NdisDprReleaseSpinLock on processor 1 left IRQL at PASSIVE_LEVEL; expected DISPATCH_LEVEL
     * (the call was entered at DISPATCH_LEVEL)}.
     */
    public ProcessorAssert isBackAt(String call, Irql expected, String why) {
        isNotNull();
        Irql now = actual.irql(processor);
        if (now != expected) {
            failWithMessage("%s on processor %d left IRQL at %s; %s%s", call, processor, now, why, clauseNote);
        }
        return this;
    }
}
