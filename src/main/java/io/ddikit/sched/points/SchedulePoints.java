package io.ddikit.sched.points;

import io.ddikit.sched.MemoryOrder;
import io.ddikit.sched.Noise;

/**
 * The schedule points that the kit injects into implementation classes as it loads them: the only part of the
 * schedule machinery an implementation's code can reach (in a worker, this is the one package of the kit's,
 * with the SPI, that is exported). Turning noise on or off, and reading what the points saw, stay in
 * {@code io.ddikit.sched}, which implementations cannot reach. An implementation whose own code calls these
 * methods is refused when it is loaded.
 */
public final class SchedulePoints {
    private SchedulePoints() {
    }

    /** Before a field access or an atomic operation. */
    public static void point() {
        Noise.point();
    }

    /** Before a write with release semantics (a volatile or atomic write, a fence, a monitor exit). */
    public static void release() {
        MemoryOrder.release();
    }
}
