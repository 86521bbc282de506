package io.ddikit.sched.points;

import io.ddikit.sched.MemoryOrder;
import io.ddikit.sched.Noise;
import io.ddikit.sched.Scheduler;

/**
 * The schedule points that the kit injects into implementation classes as it loads them: the only part of the
 * schedule machinery an implementation's code can reach (in a worker, this is the one package of the kit's,
 * with the SPI, that is exported). Turning noise on or off, running a controlled schedule, and reading what the
 * points saw, stay in {@code io.ddikit.sched}, which implementations cannot reach. An implementation whose own
 * code calls these methods is refused when it is loaded.
 *
 * <p>Each point is a chance for schedule noise (the stress tier) and, on a processor that takes part in a
 * controlled schedule, a point where the kit's scheduler may switch processors. The {@code what} and
 * {@code field} texts are constants the injector writes ({@code Lock.word}, {@code AtomicInteger.getAcquire}).
 */
public final class SchedulePoints {
    private SchedulePoints() {
    }

    /**
     * Before an access to a final field: a chance for noise, but no switch under a controlled schedule, since a
     * final field reads the same whoever runs first (a switch here is one at the point before).
     */
    public static void point(String what) {
        Noise.point();
    }

    /** Before a plain read of a field of {@code owner} (null for a static field). */
    public static void read(Object owner, String field) {
        Noise.point();
        Scheduler.read(owner, field);
    }

    /** Before a plain write of a field of {@code owner} (null for a static field). */
    public static void write(Object owner, String field) {
        Noise.point();
        Scheduler.write(owner, field);
    }

    /** Before a volatile field access or an atomic or {@code VarHandle} operation. */
    public static void sync(String what) {
        Noise.point();
        Scheduler.atomic(what);
    }

    /** Before a write with release semantics (a volatile or atomic write, a fence, a monitor exit). */
    public static void release() {
        MemoryOrder.release();
    }

    /** Before an interlocked operation (an atomic read-modify-write, a monitor enter, a lock of j.u.c.locks). */
    public static void interlocked() {
        MemoryOrder.interlocked();
    }
}
