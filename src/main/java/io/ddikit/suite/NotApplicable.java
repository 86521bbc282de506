package io.ddikit.suite;

import org.opentest4j.TestAbortedException;

/**
 * A scenario that does not apply to the implementation under test (it needs a capability the implementation does not
 * declare, or it is another family's): aborted before its first step with a message beginning {@link #PREFIX}, which
 * the runner grades as not applicable, never as passed.
 */
public final class NotApplicable {
    /** How the message of a scenario that was not applicable begins. */
    public static final String PREFIX = "not applicable: ";

    private NotApplicable() {
    }

    /** The exception that aborts a scenario as not applicable, {@code why} in the page's words. */
    public static TestAbortedException because(String why) {
        return new TestAbortedException(PREFIX + why);
    }
}
