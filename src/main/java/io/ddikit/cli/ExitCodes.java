package io.ddikit.cli;

/** The exit codes of {@code ddikit}, documented in the README. */
public final class ExitCodes {
    /** Every selected implementation conforms; or the command did what was asked without error. */
    public static final int OK = 0;
    /** An implementation does not conform, or a check found a problem (an uncovered or drifted clause). */
    public static final int NOT_CONFORMING = 1;
    /** Usage or input error: a bad option, a missing or unreadable page, feature or jar. */
    public static final int USAGE_OR_INPUT = 2;
    /** An implementation crashed or hung. */
    public static final int IMPLEMENTATION_ERROR = 3;
    /** The kit itself broke. */
    public static final int KIT_ERROR = 4;

    private ExitCodes() {
    }
}
