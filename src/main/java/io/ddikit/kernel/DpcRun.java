package io.ddikit.kernel;

/**
 * One run of a DPC.
 *
 * @param processor     the processor it ran on
 * @param label         the label it was queued with
 * @param queuedSequence the global sequence number when it was queued
 * @param startSequence the global sequence number when it started (compare with
 *                      {@link CallResult#enterSequence()} / {@link CallResult#returnSequence()})
 * @param endSequence   the global sequence number when it finished
 * @param failure       what it threw, or {@code null}
 */
public record DpcRun(int processor, String label, long queuedSequence, long startSequence, long endSequence,
                     Throwable failure) {
}
