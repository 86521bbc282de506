package io.ddikit.kernel;

/**
 * A HAL call a {@link PausePoint} can hold a processor in. Every HAL call is a scheduling point the
 * kit controls; these are the ones a scenario can stop at.
 */
public enum HalOp {
    /** {@code KeRaiseIrql}. BEFORE: the IRQL is still the old one; AFTER: it is already raised. */
    RAISE("KeRaiseIrql"),
    /** {@code KeLowerIrql}. BEFORE: still at the old IRQL; AFTER: lowered, queued DPCs not yet run. */
    LOWER("KeLowerIrql"),
    /** {@code YieldProcessor} (one turn of a spin-wait loop); BEFORE and AFTER are the same point. */
    SPIN("YieldProcessor"),
    /** {@code KeGetCurrentIrql}. */
    CURRENT_IRQL("KeGetCurrentIrql"),
    /** {@code KeGetCurrentProcessorNumber}. */
    PROCESSOR_NUMBER("KeGetCurrentProcessorNumber");

    private final String kernelName;

    HalOp(String kernelName) {
        this.kernelName = kernelName;
    }

    /** The kernel routine's name, as used in traces and messages. */
    public String kernelName() {
        return kernelName;
    }
}
