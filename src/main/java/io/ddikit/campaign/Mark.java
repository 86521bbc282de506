package io.ddikit.campaign;

/**
 * What an expectation says of the verdict it names. Shown beside the verdict, never instead of it.
 */
public enum Mark {
    /** The verdict is the one expected, and it is not a pass: the entry is honoured. */
    EXPECTED_FAILURE("expected failure", true),
    /** Expected to pass and passed: the entry is honoured (it documents intent, nothing to fix). */
    AS_EXPECTED("as expected", true),
    /** Expected not to pass, and passed: the entry can go. */
    UNEXPECTED_PASS("unexpected pass", false),
    /** Another verdict than the one expected, and not a pass. */
    UNEXPECTED_RESULT("unexpected result", false),
    /** The entry is past its expiry date: the verdict stands as it is. */
    EXPIRED("expired expectation", false),
    /** The entry names a clause or scenario the pages and features no longer have, or a clause now outdated. */
    STALE("stale expectation", false);

    private final String label;
    private final boolean honoured;

    Mark(String label, boolean honoured) {
        this.label = label;
        this.honoured = honoured;
    }

    public String label() {
        return label;
    }

    /** Whether the entry holds: the verdict it names does not count against the exit code. */
    public boolean honoured() {
        return honoured;
    }

    public String slug() {
        return label.replace(' ', '-');
    }

    @Override
    public String toString() {
        return label;
    }
}
