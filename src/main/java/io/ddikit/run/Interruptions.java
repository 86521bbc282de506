package io.ddikit.run;

/**
 * The kit interrupts its own threads only to stop a simulated machine after its scenario; an interruption that
 * ends a step or a run during one came from the implementation under test.
 */
public final class Interruptions {
    private Interruptions() {
    }

    /** Whether {@code t}, or one of its causes, says its thread was interrupted. */
    public static boolean caused(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof InterruptedException || c instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }
}
