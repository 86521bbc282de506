package io.ddikit.sched;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The schedule points that instrumented implementation code calls. Off by default, when a point costs one
 * volatile read. While on, each point, with the configured chance, pauses the thread for up to the configured
 * time, busy, keeping its core; each thread draws from its own random sequence, seeded from the run's seed and
 * the thread's name, so a run's choices can be replayed as far as the host's own scheduling allows.
 */
public final class Noise {
    /** Default chance, per mille, that a point disturbs the schedule. */
    public static final int DEFAULT_PER_MILLE = 60;
    /** Default longest pause at a point, in microseconds. */
    public static final int DEFAULT_MAX_PAUSE_MICROS = 40;

    private record Config(long seed, int perMille, int maxPauseMicros, long generation) {
    }

    private record Draw(long generation, SplittableRandom random) {
    }

    private static final AtomicLong GENERATIONS = new AtomicLong();
    private static final AtomicLong DISTURBED = new AtomicLong();
    private static final ThreadLocal<Draw> DRAWS = new ThreadLocal<>();
    private static volatile Config config;

    private Noise() {
    }

    /** Called by instrumented code before each memory operation. */
    public static void point() {
        MemoryOrder.operation();
        Config c = config;
        if (c == null) {
            return;
        }
        Draw d = DRAWS.get();
        if (d == null || d.generation() != c.generation()) {
            d = new Draw(c.generation(), new SplittableRandom(c.seed() ^ Thread.currentThread().getName().hashCode() * 0x9E3779B97F4A7C15L));
            DRAWS.set(d);
        }
        SplittableRandom r = d.random();
        if (r.nextInt(1000) >= c.perMille()) {
            return;
        }
        DISTURBED.incrementAndGet();
        // A busy pause, not a yield or a park: the thread keeps its core, so the pause widens the window for
        // processors running beside it without handing the core to others (which, on a loaded host, could
        // starve the processor that holds the lock).
        long until = System.nanoTime() + 1_000L * (1 + r.nextInt(c.maxPauseMicros()));
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /** System property that turns schedule noise off for a run: {@code -Dddikit.noise=off}. */
    public static final String SWITCH = "ddikit.noise";

    /** Turns noise on for every instrumented class, unless the {@value #SWITCH} system property is {@code off}. */
    public static void enable(long seed, int perMille, int maxPauseMicros) {
        if ("off".equals(System.getProperty(SWITCH))) {
            return;
        }
        if (perMille < 0 || perMille > 1000 || maxPauseMicros < 1) {
            throw new IllegalArgumentException("noise chance must be 0 to 1000 per mille and the pause at least 1 µs");
        }
        config = new Config(seed, perMille, maxPauseMicros, GENERATIONS.incrementAndGet());
    }

    public static void disable() {
        config = null;
    }

    public static boolean enabled() {
        return config != null;
    }

    /** How many points disturbed the schedule since the JVM started: lets a test see the noise reached the code. */
    public static long disturbed() {
        return DISTURBED.get();
    }
}
