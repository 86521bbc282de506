package io.ddikit.grade;

import io.ddikit.result.ImplementationInfo;
import io.ddikit.result.RunInfo;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one implementation after a run: its clause verdicts in page order and the
 * overall verdict.
 */
public record ImplementationVerdict(ImplementationInfo implementation, RunInfo run, List<ClauseVerdict> clauses,
                                    List<ScenarioResult> scenarios, Conformance conformance) {
    public ImplementationVerdict {
        clauses = List.copyOf(clauses);
        scenarios = List.copyOf(scenarios);
    }

    /**
     * The verdict on one page alone: {@link #conformance()}'s rules applied to the page's clauses and the scenarios that
     * check them (a run with a problem is an error on every page).
     */
    public Conformance conformanceOf(io.ddikit.doc.DocPage page) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        page.clauses().forEach(c -> ids.add(c.id().value()));
        List<ClauseVerdict> mine = clauses.stream().filter(c -> ids.contains(c.clause().id().value())).toList();
        if (mine.isEmpty()) {
            return Conformance.INCOMPLETE;
        }
        if (run != null && run.problem() != null) {
            return Conformance.ERROR;
        }
        List<ScenarioResult> checks = scenarios.stream().filter(r -> r.clauses().stream().anyMatch(ids::contains)).toList();
        Conformance c = ClauseGrader.conformance(mine, checks);
        return c == Conformance.CONFORMS && run != null && !run.complete() ? Conformance.INCOMPLETE : c;
    }

    /** Clause counts per verdict, every verdict present (zero when none). */
    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        clauses.forEach(c -> counts.merge(c.verdict(), 1, Integer::sum));
        return counts;
    }
}
