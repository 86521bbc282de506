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
