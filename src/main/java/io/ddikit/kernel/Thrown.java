package io.ddikit.kernel;

import java.util.Arrays;
import java.util.Locale;

/**
 * What an implementation threw, as the kit keeps it: a copy made by the kit whose message is cut to
 * {@link #MESSAGE} characters and whose stack is cut to {@link #FRAMES} frames, with at most {@link #DEPTH}
 * causes. Everything downstream (traces, failure messages, Cucumber's own reports) sees the copy, so an
 * implementation cannot make the kit store an exception of any size, and no method of the implementation's
 * exception ({@code getMessage}, {@code toString}) runs again after the copy is made.
 */
public final class Thrown extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final int MESSAGE = 2000;
    static final int FRAMES = 64;
    static final int DEPTH = 4;

    private final String description;

    private Thrown(String description, StackTraceElement[] stack, Throwable cause) {
        super(description, cause, false, true);
        this.description = description;
        setStackTrace(stack);
    }

    /** The stack is the original's, set by the constructor: none of the kit's own frames. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** The kit's bounded copy of {@code t} (itself when it is one already). */
    public static Throwable of(Throwable t) {
        return copy(t, 0);
    }

    private static Throwable copy(Throwable t, int depth) {
        if (t == null || t instanceof Thrown) {
            return t;
        }
        String description;
        StackTraceElement[] stack;
        Throwable cause;
        try {
            description = t.getClass().getName();
            String m = t.getMessage();
            if (m != null) {
                description += ": " + (m.length() <= MESSAGE ? m
                        : m.substring(0, MESSAGE) + String.format(Locale.ROOT, "…[cut by ddikit: %,d characters in all]", m.length()));
            }
            StackTraceElement[] all = t.getStackTrace();
            stack = all.length <= FRAMES ? all : Arrays.copyOf(all, FRAMES);
            cause = depth + 1 < DEPTH ? t.getCause() : null;
        } catch (RuntimeException | StackOverflowError e) {
            // an exception whose own methods throw: keep what can be known without them
            description = t.getClass().getName() + " (whose getMessage threw " + e.getClass().getName() + ")";
            stack = new StackTraceElement[0];
            cause = null;
        }
        return new Thrown(description, stack, cause == t ? null : copy(cause, depth + 1));
    }

    /** The class and message of what was thrown, as {@link Throwable#toString()} would have said. */
    @Override
    public String toString() {
        return description;
    }
}
