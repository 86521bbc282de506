package io.ddikit.sched;

import java.util.Locale;
import java.util.Objects;

/**
 * The short name of one controlled schedule: its strategy and its seed, from which every decision of the
 * schedule follows. {@code pct3-1f2e3d4c} is PCT with depth 3 (two priority change points) and seed 0x1f2e3d4c;
 * {@code rw-1f2e3d4c} a random walk (a new choice of participant at every point). Given the same
 * participants doing the same things, the same id makes the same interleaving.
 *
 * @param strategy {@code pct} or {@code rw}
 * @param depth    PCT's depth (1 to 9; 1 = no change point); 0 for {@code rw}
 * @param seed     the seed of every decision
 */
public record ScheduleId(String strategy, int depth, long seed) {
    public ScheduleId {
        Objects.requireNonNull(strategy, "strategy");
        if (strategy.equals("pct")) {
            if (depth < 1 || depth > 9) {
                throw new IllegalArgumentException("PCT depth must be 1 to 9, was " + depth);
            }
        } else if (strategy.equals("rw")) {
            if (depth != 0) {
                throw new IllegalArgumentException("a random walk has no depth");
            }
        } else {
            throw new IllegalArgumentException("unknown strategy " + strategy);
        }
    }

    /** PCT of depth {@code depth}. */
    public static ScheduleId pct(int depth, long seed) {
        return new ScheduleId("pct", depth, seed);
    }

    /** A random walk. */
    public static ScheduleId randomWalk(long seed) {
        return new ScheduleId("rw", 0, seed);
    }

    /**
     * The {@code i}-th schedule of an exploration seeded with {@code base}: strategies in turn (a random walk, then
     * PCT of depth 2, 3 and 4), each with a seed of its own.
     */
    public static ScheduleId nth(long base, int i) {
        long seed = mix(base * 0x9E3779B97F4A7C15L + i) & 0xFFFF_FFFFL;
        switch (Math.floorMod(i, 4)) {
            case 0:
                return randomWalk(seed);
            case 1:
                return pct(2, seed);
            case 2:
                return pct(3, seed);
            default:
                return pct(4, seed);
        }
    }

    /** Reads an id as {@link #toString()} writes it. */
    public static ScheduleId parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        int dash = t.indexOf('-');
        if (dash < 1 || dash == t.length() - 1) {
            throw new IllegalArgumentException("not a schedule id: '" + text + "' (expected pct<depth>-<hex seed> or rw-<hex seed>, e.g. pct3-1f2e3d4c)");
        }
        String head = t.substring(0, dash);
        long seed;
        try {
            seed = Long.parseUnsignedLong(t.substring(dash + 1), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a schedule id: '" + text + "' (the seed after '-' must be hexadecimal)");
        }
        if (head.equals("rw")) {
            return randomWalk(seed);
        }
        if (head.length() == 4 && head.startsWith("pct") && Character.isDigit(head.charAt(3)) && head.charAt(3) != '0') {
            return pct(head.charAt(3) - '0', seed);
        }
        throw new IllegalArgumentException("not a schedule id: '" + text + "' (expected pct<depth>-<hex seed> or rw-<hex seed>, e.g. pct3-1f2e3d4c)");
    }

    @Override
    public String toString() {
        return (strategy.equals("pct") ? "pct" + depth : "rw") + "-" + Long.toHexString(seed);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
