package io.ddikit.grade;

import io.ddikit.doc.Clause;
import io.ddikit.doc.DocPage;
import io.ddikit.result.ImplementationInfo;
import io.ddikit.result.RunInfo;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;
import io.ddikit.trace.TraceReport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Grades each clause from the results of the scenarios tagged with it.
 *
 * <table>
 *   <caption>Rules, first match wins</caption>
 *   <tr><td>the clause's Rule drifted from the page</td><td>outdated</td></tr>
 *   <tr><td>the clause's Rule declares it untestable from outside ({@code @untestable}, with a reason)</td><td>untestable</td></tr>
 *   <tr><td>no scenario ran for it (or only placeholders)</td><td>untested</td></tr>
 *   <tr><td>a scenario failed</td><td>failed</td></tr>
 *   <tr><td>a scenario ended in error</td><td>error</td></tr>
 *   <tr><td>a scenario passed</td><td>passed</td></tr>
 *   <tr><td>every scenario was not applicable</td><td>not applicable</td></tr>
 * </table>
 *
 * A run with a problem (its process died, hung, ran out of time or left threads running) grades as error,
 * whatever the clauses say: what it did not finish cannot be trusted. A run that had not ended (still running, or
 * killed) is at best incomplete: nothing failed in what it reached, but it did not reach everything. Otherwise the implementation conforms when every normative clause is passed or not applicable and no scenario
 * ended in error. Informative clauses are graded like the others but never decide conformance.
 *
 * <p>Time is linear in the clauses and the results: the results are sorted by clause id once, not searched
 * for each clause.
 */
public final class ClauseGrader {

    public ImplementationVerdict grade(List<DocPage> pages, TraceReport trace, ImplementationInfo impl, RunInfo run,
                                       List<ScenarioResult> results) {
        Map<String, List<ScenarioResult>> byClause = byClause(results);
        List<ClauseVerdict> verdicts = new ArrayList<>();
        for (DocPage page : pages) {
            for (Clause c : page.clauses()) {
                verdicts.add(grade(c, trace, byClause.getOrDefault(c.id().value(), List.of())));
            }
        }
        Conformance c = run != null && run.problem() != null ? Conformance.ERROR : conformance(verdicts, results);
        if (c == Conformance.CONFORMS && run != null && !run.complete()) {
            c = Conformance.INCOMPLETE; // a run that had not ended cannot show what it did not reach
        }
        return new ImplementationVerdict(impl, run, verdicts, results, c);
    }

    /** For each clause id, the results of the scenarios tagged with it, in the order of {@code results}; each once. */
    static Map<String, List<ScenarioResult>> byClause(List<ScenarioResult> results) {
        Map<String, List<ScenarioResult>> byClause = new HashMap<>();
        for (ScenarioResult r : results) {
            for (String id : r.clauses()) {
                List<ScenarioResult> mine = byClause.computeIfAbsent(id, k -> new ArrayList<>());
                if (mine.isEmpty() || mine.get(mine.size() - 1) != r) { // a scenario tagged twice with one clause
                    mine.add(r);
                }
            }
        }
        return byClause;
    }

    /**
     * One clause's verdict.
     *
     * @param mine the results of the scenarios tagged with this clause, in run order
     */
    ClauseVerdict grade(Clause clause, TraceReport trace, List<ScenarioResult> mine) {
        if (trace.drifted().contains(clause.id())) {
            return new ClauseVerdict(clause, Verdict.OUTDATED,
                    "the page's text changed since the feature was written: its Rule no longer equals the sentence", mine);
        }
        String untestable = trace.untestable().get(clause.id());
        if (untestable != null) {
            return new ClauseVerdict(clause, Verdict.UNTESTABLE, "untestable from outside: " + untestable, mine);
        }
        List<ScenarioResult> ran = mine.stream().filter(r -> r.verdict() != Verdict.UNTESTED).toList();
        if (ran.isEmpty()) {
            return new ClauseVerdict(clause, Verdict.UNTESTED,
                    mine.isEmpty() ? "no scenario checks this sentence" : "only placeholder scenarios: still to be written", mine);
        }
        for (Verdict v : List.of(Verdict.FAILED, Verdict.ERROR, Verdict.PASSED)) {
            var first = ran.stream().filter(r -> r.verdict() == v).findFirst();
            if (first.isPresent()) {
                String reason = v == Verdict.PASSED
                        ? count(ran, Verdict.PASSED) + " of " + ran.size() + " scenarios passed"
                        : firstLine(first.get().message());
                return new ClauseVerdict(clause, v, reason, mine);
            }
        }
        return new ClauseVerdict(clause, Verdict.NOT_APPLICABLE, firstLine(ran.get(0).message()), mine);
    }

    /** A clause's reason is one line: the first of its scenario's message (the rest, a report or a schedule, stays there). */
    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    static Conformance conformance(List<ClauseVerdict> verdicts, List<ScenarioResult> results) {
        if (verdicts.stream().anyMatch(v -> v.verdict() == Verdict.FAILED)) {
            return Conformance.DOES_NOT_CONFORM;
        }
        if (verdicts.stream().anyMatch(v -> v.verdict() == Verdict.ERROR)
                || results.stream().anyMatch(r -> r.verdict() == Verdict.ERROR)) {
            return Conformance.ERROR;
        }
        if (verdicts.stream().anyMatch(v -> v.clause().normative()
                && (v.verdict() == Verdict.UNTESTED || v.verdict() == Verdict.OUTDATED))) {
            return Conformance.INCOMPLETE;
        }
        return Conformance.CONFORMS;
    }

    private static long count(List<ScenarioResult> rs, Verdict v) {
        return rs.stream().filter(r -> r.verdict() == v).count();
    }
}
