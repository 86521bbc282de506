package io.ddikit.trace;

import io.ddikit.doc.ClauseId;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the trace check found.
 *
 * @param problems every finding, features first in file order, then uncovered clauses in page order
 * @param coverage for each clause id known to the pages, the scenarios tagged with it (possibly none)
 * @param drifted  the clauses whose Rule title no longer equals their text
 */
public record TraceReport(List<TraceProblem> problems, Map<ClauseId, List<ScenarioRef>> coverage, Set<ClauseId> drifted,
                          Map<ClauseId, String> untestable) {

    /** A report with no clause declared untestable. */
    public TraceReport(List<TraceProblem> problems, Map<ClauseId, List<ScenarioRef>> coverage, Set<ClauseId> drifted) {
        this(problems, coverage, drifted, Map.of());
    }
    public TraceReport {
        problems = List.copyOf(problems);
        coverage = Map.copyOf(coverage);
        drifted = Set.copyOf(drifted);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** A scenario of a feature file, by file and line (an outline's example row has its own line). */
    public record ScenarioRef(String file, int line, String name) {
    }
}
