package io.ddikit.kernel;

/**
 * One line of a processor's trace.
 *
 * @param sequence the machine's global sequence number (events of all processors are ordered by it)
 * @param text     what happened, e.g. {@code HAL raise PASSIVE_LEVEL -> DISPATCH_LEVEL}
 * @param repeat   how many identical consecutive events this line stands for (spin-wait turns are
 *                 folded into one line)
 */
public record TraceEvent(long sequence, String text, long repeat) {
    @Override
    public String toString() {
        return "#" + sequence + " " + text + (repeat > 1 ? " (x" + repeat + ")" : "");
    }
}
