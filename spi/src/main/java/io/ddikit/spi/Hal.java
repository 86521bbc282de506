package io.ddikit.spi;

/**
 * The simulated hardware abstraction layer: everything an implementation may touch besides its own
 * lock objects. The kit owns it, counts every call, may pause a processor inside
 * {@link #raiseIrql} or {@link #lowerIrql} while another processor probes a lock, and turns every
 * illegal call into a {@link BugCheck}.
 *
 * <p>Threads: every method must be called on a simulated processor, that is from inside a call the
 * kit made into the implementation. A call from any other thread is a bug check. The IRQL is the
 * calling processor's own.
 */
public interface Hal {

    /** {@code KeGetCurrentIrql}: the calling processor's IRQL. */
    Irql currentIrql();

    /**
     * {@code KeRaiseIrql}: raises the calling processor's IRQL and returns the previous one.
     * Raising to a level below the current one is bug check 0xC4 (parameter 0x30).
     * Raising to the current level is legal and changes nothing.
     */
    Irql raiseIrql(Irql newIrql);

    /**
     * {@code KeLowerIrql}: lowers the calling processor's IRQL. Lowering to a level above the current
     * one is bug check 0xC4 (parameter 0x31). When the new level is below DISPATCH_LEVEL, the DPCs
     * queued to this processor run before this call returns.
     */
    void lowerIrql(Irql newIrql);

    /** {@code KeGetCurrentProcessorNumber}: 0 to the number of processors minus one. */
    int currentProcessorNumber();

    /**
     * {@code YieldProcessor}: call once per turn of every spin-wait loop. The kit uses it to see that
     * a processor is spinning, to bound the wait, and as a scheduling point. It never blocks for long.
     */
    void spinWait();

    /**
     * {@code KeBugCheckEx}: stops the machine with the given bug check. Never returns: it throws
     * {@link BugCheckException}, which implementations must let through.
     */
    void bugCheck(BugCheck bugCheck);
}
