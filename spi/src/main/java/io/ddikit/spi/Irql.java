package io.ddikit.spi;

/**
 * An interrupt request level of a processor, as on x64 Windows: {@link #PASSIVE_LEVEL} (0),
 * {@link #APC_LEVEL} (1), {@link #DISPATCH_LEVEL} (2), device levels 3 to 12, {@link #CLOCK_LEVEL} (13),
 * {@link #IPI_LEVEL} (14) and {@link #HIGH_LEVEL} (15).
 *
 * <p>Values are compared by level; {@link #toString()} gives the kernel's name ({@code APC_LEVEL},
 * {@code DIRQL 5}).
 */
public final class Irql implements Comparable<Irql> {
    public static final int MAX = 15;
    private static final Irql[] LEVELS = new Irql[MAX + 1];

    static {
        for (int i = 0; i <= MAX; i++) {
            LEVELS[i] = new Irql(i);
        }
    }

    public static final Irql PASSIVE_LEVEL = LEVELS[0];
    public static final Irql APC_LEVEL = LEVELS[1];
    public static final Irql DISPATCH_LEVEL = LEVELS[2];
    public static final Irql CLOCK_LEVEL = LEVELS[13];
    public static final Irql IPI_LEVEL = LEVELS[14];
    public static final Irql HIGH_LEVEL = LEVELS[15];

    private final int level;

    private Irql(int level) {
        this.level = level;
    }

    /** The level for a number from 0 to {@value #MAX}. */
    public static Irql of(int level) {
        if (level < 0 || level > MAX) {
            throw new IllegalArgumentException("IRQL " + level + " is outside 0.." + MAX);
        }
        return LEVELS[level];
    }

    /** Parses a kernel name ({@code PASSIVE_LEVEL}, {@code DISPATCH_LEVEL}, {@code DIRQL 5}) or a number. */
    public static Irql parse(String name) {
        String n = name.trim();
        for (Irql l : LEVELS) {
            if (l.toString().equalsIgnoreCase(n)) {
                return l;
            }
        }
        if (n.toUpperCase(java.util.Locale.ROOT).startsWith("DIRQL")) {
            n = n.substring(5).trim();
        }
        try {
            return of(Integer.parseInt(n));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IRQL: '" + name + "'");
        }
    }

    public int level() {
        return level;
    }

    public boolean isAbove(Irql other) {
        return level > other.level;
    }

    public boolean isBelow(Irql other) {
        return level < other.level;
    }

    @Override
    public int compareTo(Irql o) {
        return Integer.compare(level, o.level);
    }

    @Override
    public String toString() {
        switch (level) {
            case 0: return "PASSIVE_LEVEL";
            case 1: return "APC_LEVEL";
            case 2: return "DISPATCH_LEVEL";
            case 13: return "CLOCK_LEVEL";
            case 14: return "IPI_LEVEL";
            case 15: return "HIGH_LEVEL";
            default: return "DIRQL " + level;
        }
    }
}
