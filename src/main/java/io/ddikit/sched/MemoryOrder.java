package io.ddikit.sched;

/**
 * What instrumented implementation code did on the current thread, as far as the Java memory model goes:
 * how many memory operations it made, and how many of them had release semantics (a volatile write, an
 * atomic write, compare-and-set or read-modify-write, a release or full fence, a monitor exit, a call into
 * {@code java.util.concurrent.locks}). A harness reads the counts before and after a call: a call that made
 * memory operations but none with release semantics cannot have published the writes that preceded it.
 */
public final class MemoryOrder {
    private static final ThreadLocal<long[]> COUNTS = ThreadLocal.withInitial(() -> new long[2]);

    private MemoryOrder() {
    }

    /** Called by instrumented code before each memory operation. */
    static void operation() {
        COUNTS.get()[0]++;
    }

    /** Called by instrumented code before each operation with release semantics. */
    public static void release() {
        COUNTS.get()[1]++;
    }

    /** The current thread's counts so far: memory operations, then those with release semantics. */
    public static Snapshot snapshot() {
        long[] c = COUNTS.get();
        return new Snapshot(c[0], c[1]);
    }

    /** Counts at one moment; {@link #since} gives what happened between two. */
    public record Snapshot(long operations, long releases) {
        public Snapshot since(Snapshot earlier) {
            return new Snapshot(operations - earlier.operations, releases - earlier.releases);
        }

        /** Instrumented code ran, and none of its operations had release semantics. */
        public boolean onlyPlain() {
            return operations > 0 && releases == 0;
        }
    }
}
