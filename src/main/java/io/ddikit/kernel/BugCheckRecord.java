package io.ddikit.kernel;

import io.ddikit.spi.BugCheck;

/**
 * A bug check the machine saw, recorded whether or not the implementation let the
 * {@link io.ddikit.spi.BugCheckException} through.
 *
 * @param processor the processor that bug-checked, or -1 when the HAL was called from a thread that
 *                  is not a simulated processor
 * @param irql      that processor's IRQL at the time, or {@code null} for -1
 * @param call      the API call the processor was in, or {@code null} (setup, DPC outside a call, no processor)
 * @param bugCheck  the bug check
 * @param sequence  the machine's global sequence number of the event
 */
public record BugCheckRecord(int processor, io.ddikit.spi.Irql irql, ApiCall call, BugCheck bugCheck, long sequence) {
    @Override
    public String toString() {
        return bugCheck + (processor >= 0 ? " (processor " + processor + " at " + irql
                + (call != null ? ", in " + call.describe() : "") + ")" : " (not on a simulated processor)");
    }
}
