package io.ddikit.result;

import java.util.List;

/**
 * How one scenario went for one implementation. Written to disk as soon as the scenario ends.
 *
 * @param implementation the implementation's name
 * @param feature        the feature file (forward slashes, relative to the project when possible)
 * @param line           the scenario's line (an outline's example row)
 * @param name           the scenario's name
 * @param clauses        the clause ids it checks (from its {@code @clause:} tags)
 * @param verdict        PASSED, FAILED, ERROR, NOT_APPLICABLE or UNTESTED (a pending placeholder)
 * @param errorSource    for ERROR: {@code implementation} or {@code kit}; otherwise empty
 * @param durationMillis wall time
 * @param failingStep    the text of the step that failed, or empty
 * @param failingLine    its line, 0 when none
 * @param message        the failure message in the page's words, or the reason it was not applicable
 * @param trace          the processor trace excerpt attached by the steps, or empty
 */
public record ScenarioResult(String implementation, String feature, int line, String name, List<String> clauses,
                             Verdict verdict, String errorSource, long durationMillis, String failingStep,
                             int failingLine, String message, String trace) {
    public static final String IMPLEMENTATION = "implementation";
    public static final String KIT = "kit";

    public ScenarioResult {
        clauses = List.copyOf(clauses);
    }

    /** This result with its texts cut to the kit's {@link Bounds}. */
    public ScenarioResult bounded() {
        return new ScenarioResult(Bounds.cut(implementation, Bounds.NAME), Bounds.cut(feature, Bounds.NAME), line,
                Bounds.cut(name, Bounds.NAME), clauses, verdict, errorSource, durationMillis,
                Bounds.cut(failingStep, Bounds.NAME), failingLine, Bounds.cut(message, Bounds.MESSAGE),
                Bounds.cut(trace, Bounds.TRACE));
    }

    /** {@code features/ndis-spin-lock/x.feature:42}. */
    public String location() {
        return feature + ":" + line;
    }
}
