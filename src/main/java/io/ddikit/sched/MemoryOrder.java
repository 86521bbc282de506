package io.ddikit.sched;

/**
 * What instrumented implementation code did on the current thread, as far as the Java memory model goes:
 * how many memory operations it made, how many of them had release semantics (a volatile write, an
 * atomic write, compare-and-set or read-modify-write, a release or full fence, a monitor exit, a call into
 * {@code java.util.concurrent.locks}), and how many were interlocked operations: an atomic read-modify-write
 * (compare-and-set or compare-and-exchange, get-and-set, get-and-add and the other {@code getAnd…} and
 * {@code …AndGet} operations of the atomic classes and of {@link java.lang.invoke.VarHandle}, the adders'
 * {@code add}, {@code increment}, {@code decrement} and {@code accumulate}), a monitor enter (a {@code synchronized}
 * block or method) or a call into {@code java.util.concurrent.locks}, all of which an x86 processor does with a
 * {@code LOCK}-prefixed instruction or a fence. A harness reads the counts before and after a call: a call that made
 * memory operations but none with release semantics cannot have published the writes that preceded it; a call that
 * made no interlocked operation never competed for a cache line with an atomic instruction.
 */
public final class MemoryOrder {
    private static final ThreadLocal<long[]> COUNTS = ThreadLocal.withInitial(() -> new long[3]);

    private MemoryOrder() {
    }

    /** Called by instrumented code before each memory operation, and by the C bridge for a write to a lock word it saw. */
    public static void operation() {
        COUNTS.get()[0]++;
    }

    /** Called by instrumented code before each operation with release semantics. */
    public static void release() {
        COUNTS.get()[1]++;
    }

    /** Called by instrumented code before each interlocked operation (see the class comment). */
    public static void interlocked() {
        COUNTS.get()[2]++;
    }

    /** The current thread's counts so far: memory operations, those with release semantics, interlocked ones. */
    public static Snapshot snapshot() {
        long[] c = COUNTS.get();
        return new Snapshot(c[0], c[1], c[2]);
    }

    /** Counts at one moment; {@link #since} gives what happened between two. */
    public record Snapshot(long operations, long releases, long interlocked) {
        /** Counts with no interlocked operation among them. */
        public Snapshot(long operations, long releases) {
            this(operations, releases, 0);
        }

        public Snapshot since(Snapshot earlier) {
            return new Snapshot(operations - earlier.operations, releases - earlier.releases,
                    interlocked - earlier.interlocked);
        }

        /** Instrumented code ran, and none of its operations had release semantics. */
        public boolean onlyPlain() {
            return operations > 0 && releases == 0;
        }
    }
}
