package io.ddikit.trace;

import io.ddikit.doc.Clause;
import io.ddikit.doc.ClauseId;
import io.ddikit.doc.DocPage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ties features to pages. A Rule must carry exactly one {@code @clause:} tag naming a clause of a page,
 * and its title must equal that clause's text (whitespace aside); every scenario must check at least one
 * clause; every normative clause must be checked by at least one scenario that is not a pending placeholder.
 */
public final class TraceChecker {

    public TraceReport check(List<DocPage> pages, List<FeatureFile> features) {
        Map<ClauseId, Clause> clauses = new LinkedHashMap<>();
        Map<ClauseId, String> pageOf = new LinkedHashMap<>();
        for (DocPage page : pages) {
            for (Clause c : page.clauses()) {
                clauses.put(c.id(), c);
                pageOf.put(c.id(), page.file());
            }
        }
        Map<ClauseId, List<TraceReport.ScenarioRef>> coverage = new LinkedHashMap<>();
        clauses.keySet().forEach(id -> coverage.put(id, new ArrayList<>()));
        Set<ClauseId> realCover = new HashSet<>();
        Set<ClauseId> drifted = new HashSet<>();
        List<TraceProblem> problems = new ArrayList<>();

        for (FeatureFile f : features) {
            Set<String> unknownReported = new HashSet<>();
            if (!f.readable()) {
                problems.add(new TraceProblem(TraceProblem.Kind.UNREADABLE_FEATURE, f.file(), f.errorLine(), "", f.error()));
                continue;
            }
            for (FeatureFile.RuleSpec rule : f.rules()) {
                List<String> ids = rule.clauseIds();
                if (ids.size() != 1) {
                    problems.add(new TraceProblem(TraceProblem.Kind.RULE_WITHOUT_CLAUSE, f.file(), rule.line(), "",
                            "Rule '" + rule.title() + "' must carry exactly one @clause: tag, it has " + ids.size()));
                } else if (!ClauseId.isValid(ids.get(0)) || !clauses.containsKey(new ClauseId(ids.get(0)))) {
                    unknownReported.add(ids.get(0));
                    problems.add(new TraceProblem(TraceProblem.Kind.UNKNOWN_CLAUSE, f.file(), rule.line(), ids.get(0),
                            "Rule '" + rule.title() + "' names clause '" + ids.get(0) + "', which no page has"));
                } else {
                    Clause c = clauses.get(new ClauseId(ids.get(0)));
                    if (!normalise(rule.title()).equals(normalise(c.text()))) {
                        drifted.add(c.id());
                        problems.add(new TraceProblem(TraceProblem.Kind.DRIFTED, f.file(), rule.line(), c.id().value(),
                                "clause " + c.id() + " changed on the page (" + pageOf.get(c.id()) + ":" + c.lines()
                                        + "); the Rule says \"" + rule.title() + "\" but the page now says \"" + c.text() + "\""));
                    }
                }
                checkScenarios(f, rule.scenarios(), clauses, coverage, realCover, problems, unknownReported);
            }
            checkScenarios(f, f.loose(), clauses, coverage, realCover, problems, unknownReported);
        }
        for (Clause c : clauses.values()) {
            if (c.normative() && !realCover.contains(c.id())) {
                problems.add(new TraceProblem(TraceProblem.Kind.UNCOVERED, pageOf.get(c.id()), c.lines().first(), c.id().value(),
                        c.kind().label() + " clause " + c.id() + " has no scenario: \"" + c.text() + "\""));
            }
        }
        return new TraceReport(problems, coverage, drifted);
    }

    private static void checkScenarios(FeatureFile f, List<FeatureFile.ScenarioSpec> scenarios, Map<ClauseId, Clause> clauses,
                                       Map<ClauseId, List<TraceReport.ScenarioRef>> coverage, Set<ClauseId> realCover,
                                       List<TraceProblem> problems, Set<String> unknownReported) {
        for (FeatureFile.ScenarioSpec s : scenarios) {
            List<String> ids = s.clauseIds();
            if (ids.isEmpty()) {
                problems.add(new TraceProblem(TraceProblem.Kind.UNTIED_SCENARIO, f.file(), s.line(), "",
                        "scenario '" + s.name() + "' checks no clause: tag it or its Rule with @clause:<id>"));
            }
            for (String id : ids) {
                ClauseId cid = ClauseId.isValid(id) ? new ClauseId(id) : null;
                if (cid == null || !clauses.containsKey(cid)) {
                    if (!unknownReported.add(id)) {
                        continue;
                    }
                    problems.add(new TraceProblem(TraceProblem.Kind.UNKNOWN_CLAUSE, f.file(), s.line(), id,
                            "scenario '" + s.name() + "' names clause '" + id + "', which no page has"));
                    continue;
                }
                coverage.get(cid).add(new TraceReport.ScenarioRef(f.file(), s.line(), s.name()));
                if (!s.pending()) {
                    realCover.add(cid);
                }
            }
        }
    }

    /** Rule titles and clause texts are compared with whitespace collapsed. */
    static String normalise(String s) {
        return s.replace('\u00A0', ' ').strip().replaceAll("\\s+", " ");
    }
}
