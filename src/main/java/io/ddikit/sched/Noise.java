package io.ddikit.sched;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The schedule points that instrumented implementation code calls, and the schedule noise of the stress tier. Noise is
 * bound to threads, never global: a {@link Config} is what one stress run asks for, and each simulated processor's
 * thread binds the config of its machine before it runs a call ({@link #bind}). A thread with none bound pays one
 * thread-local read per point. While bound, each point, with the configured chance, pauses the thread for up to the
 * configured time, busy, keeping its core; each thread draws from its own random sequence, seeded from the run's seed
 * and the thread's name, so a run's choices can be replayed as far as the host's own scheduling allows.
 */
public final class Noise {
    /** Default chance, per mille, that a point disturbs the schedule. */
    public static final int DEFAULT_PER_MILLE = 60;
    /** Default longest pause at a point, in microseconds. */
    public static final int DEFAULT_MAX_PAUSE_MICROS = 40;
    /** System property that turns schedule noise off for a run: {@code -Dddikit.noise=off}. */
    public static final String SWITCH = "ddikit.noise";

    /**
     * What one stress run asks for: the seed, the chance and the longest pause; it counts the points it disturbed.
     */
    public static final class Config {
        private final long seed;
        private final int perMille;
        private final int maxPauseMicros;
        private final AtomicLong disturbed = new AtomicLong();

        public Config(long seed, int perMille, int maxPauseMicros) {
            if (perMille < 0 || perMille > 1000 || maxPauseMicros < 1) {
                throw new IllegalArgumentException("noise chance must be 0 to 1000 per mille and the pause at least 1 µs");
            }
            this.seed = seed;
            this.perMille = perMille;
            this.maxPauseMicros = maxPauseMicros;
        }

        /**
         * The default noise of a stress run with {@code seed}, or null when the {@value #SWITCH} system property is
         * {@code off}.
         */
        public static Config stress(long seed) {
            return "off".equals(System.getProperty(SWITCH)) ? null : new Config(seed, DEFAULT_PER_MILLE, DEFAULT_MAX_PAUSE_MICROS);
        }

        /** How many points this noise disturbed: lets a test see that it reached the code. */
        public long disturbed() {
            return disturbed.get();
        }
    }

    private record Draw(Config config, SplittableRandom random) {
    }

    private static final ThreadLocal<Draw> DRAWS = new ThreadLocal<>();

    private Noise() {
    }

    /** Called by instrumented code before each memory operation. */
    public static void point() {
        MemoryOrder.operation();
        Draw d = DRAWS.get();
        if (d == null) {
            return;
        }
        Config c = d.config();
        SplittableRandom r = d.random();
        if (r.nextInt(1000) >= c.perMille) {
            return;
        }
        c.disturbed.incrementAndGet();
        // A busy pause, not a yield or a park: the thread keeps its core, so the pause widens the window for
        // processors running beside it without handing the core to others (which, on a loaded host, could
        // starve the processor that holds the lock).
        long until = System.nanoTime() + 1_000L * (1 + r.nextInt(c.maxPauseMicros));
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /**
     * Binds {@code config} to the calling thread (null unbinds): its points draw from a sequence of their own, seeded
     * from the config's seed and the thread's name.
     */
    public static void bind(Config config) {
        if (config == null) {
            DRAWS.remove();
        } else {
            DRAWS.set(new Draw(config, new SplittableRandom(config.seed ^ Thread.currentThread().getName().hashCode() * 0x9E3779B97F4A7C15L)));
        }
    }

    /** The config bound to the calling thread, or null. */
    public static Config bound() {
        Draw d = DRAWS.get();
        return d == null ? null : d.config();
    }
}
