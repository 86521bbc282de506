package io.ddikit.result;

/** The kit's one closed vocabulary of verdicts, per clause and per scenario. */
public enum Verdict {
    /** The implementation did what the clause says. */
    PASSED("passed"),
    /** The implementation broke the clause. */
    FAILED("failed"),
    /** The implementation crashed or hung, or the kit broke; {@link ScenarioResult#errorSource()} says which. */
    ERROR("error"),
    /** The clause needs a capability the implementation does not declare. Never counted as passed. */
    NOT_APPLICABLE("not applicable"),
    /** No scenario covers the clause (or only a placeholder does). */
    UNTESTED("untested"),
    /** The page's text for the clause changed since the feature was written. */
    OUTDATED("outdated"),
    /**
     * The features declare the clause untestable from outside, with a reason (a caller's obligation with no behaviour
     * an implementation could show, such as "the caller must provide nonpaged storage"). Never counted as passed, and
     * it does not make an implementation incomplete.
     */
    UNTESTABLE("untestable");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The label as a CSS class or file-name-safe word: {@code not-applicable}. */
    public String slug() {
        return label.replace(' ', '-');
    }

    public static Verdict fromLabel(String label) {
        for (Verdict v : values()) {
            if (v.label.equals(label) || v.slug().equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + label + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
