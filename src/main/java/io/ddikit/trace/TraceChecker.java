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
 * When the page edits the first words of a sentence, its id changes: a Rule naming an unknown id whose title
 * is alike enough to an uncovered clause's text is reported as drifted to that clause, not as two problems.
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
        Map<ClauseId, String> untestable = new LinkedHashMap<>();
        List<TraceProblem> problems = new ArrayList<>();
        Map<TraceProblem, FeatureFile.RuleSpec> unknownRules = new LinkedHashMap<>();

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
                    TraceProblem unknown = new TraceProblem(TraceProblem.Kind.UNKNOWN_CLAUSE, f.file(), rule.line(), ids.get(0),
                            "Rule '" + rule.title() + "' names clause '" + ids.get(0) + "', which no page has");
                    problems.add(unknown);
                    unknownRules.put(unknown, rule);
                } else {
                    Clause c = clauses.get(new ClauseId(ids.get(0)));
                    if (!normalise(rule.title()).equals(normalise(c.text()))) {
                        drifted.add(c.id());
                        problems.add(new TraceProblem(TraceProblem.Kind.DRIFTED, f.file(), rule.line(), c.id().value(),
                                "clause " + c.id() + " changed on the page (" + pageOf.get(c.id()) + ":" + c.lines()
                                        + "); the Rule says \"" + rule.title() + "\" but the page now says \"" + c.text() + "\""));
                    }
                }
                if (rule.untestable() && ids.size() == 1 && ClauseId.isValid(ids.get(0))
                        && clauses.containsKey(new ClauseId(ids.get(0)))) {
                    String reason = rule.description().lines().findFirst().orElse("").strip();
                    if (!reason.startsWith(Tags.UNTESTABLE_REASON) || reason.length() <= Tags.UNTESTABLE_REASON.length()
                            || !rule.scenarios().isEmpty()) {
                        problems.add(new TraceProblem(TraceProblem.Kind.UNTESTABLE_WITHOUT_REASON, f.file(), rule.line(), ids.get(0),
                                "Rule '" + rule.title() + "' is tagged " + Tags.UNTESTABLE + ": it must have no scenario and a "
                                        + "description line '" + Tags.UNTESTABLE_REASON + " <why>'"));
                    } else {
                        untestable.put(new ClauseId(ids.get(0)), reason.substring(Tags.UNTESTABLE_REASON.length()).strip());
                    }
                }
                checkScenarios(f, rule.scenarios(), clauses, coverage, realCover, problems, unknownReported);
            }
            checkScenarios(f, f.loose(), clauses, coverage, realCover, problems, unknownReported);
        }
        Set<ClauseId> renamed = new HashSet<>();
        for (Map.Entry<TraceProblem, FeatureFile.RuleSpec> e : unknownRules.entrySet()) {
            TraceProblem unknown = e.getKey();
            FeatureFile.RuleSpec rule = e.getValue();
            Clause successor = successor(rule.title(), clauses.values(), realCover, renamed);
            if (successor != null) {
                renamed.add(successor.id());
                drifted.add(successor.id());
                problems.set(problems.indexOf(unknown), new TraceProblem(TraceProblem.Kind.DRIFTED, unknown.file(),
                        unknown.line(), successor.id().value(), "clause " + unknown.clause() + " changed on the page ("
                        + pageOf.get(successor.id()) + ":" + successor.lines() + ") so much that it is now clause "
                        + successor.id() + "; the Rule says \"" + rule.title() + "\" but the page now says \""
                        + successor.text() + "\" (retitle the Rule and tag it @clause:" + successor.id() + ")"));
            }
        }
        for (Clause c : clauses.values()) {
            if (c.normative() && !realCover.contains(c.id()) && !renamed.contains(c.id()) && !untestable.containsKey(c.id())) {
                problems.add(new TraceProblem(TraceProblem.Kind.UNCOVERED, pageOf.get(c.id()), c.lines().first(), c.id().value(),
                        c.kind().label() + " clause " + c.id() + " has no scenario: \"" + c.text() + "\""));
            }
        }
        return new TraceReport(problems, coverage, drifted, untestable);
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

    /** How alike a Rule's title and a clause's text must be (share of distinct words) to be the same sentence edited. */
    static final double SAME_SENTENCE = 0.6;

    /**
     * The clause a Rule with an unknown id most likely names: the page edited the first words of its sentence,
     * so the id changed. Only a clause no scenario covers, and alike enough, qualifies.
     */
    private static Clause successor(String title, java.util.Collection<Clause> clauses, Set<ClauseId> covered,
                                    Set<ClauseId> taken) {
        Set<String> words = words(title);
        Clause best = null;
        double bestScore = SAME_SENTENCE;
        for (Clause c : clauses) {
            if (covered.contains(c.id()) || taken.contains(c.id())) {
                continue;
            }
            Set<String> other = words(c.text());
            Set<String> union = new HashSet<>(words);
            union.addAll(other);
            Set<String> common = new HashSet<>(words);
            common.retainAll(other);
            double score = union.isEmpty() ? 0 : (double) common.size() / union.size();
            if (score >= bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String w : normalise(text).toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}_.]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /** Rule titles and clause texts are compared with whitespace collapsed. */
    static String normalise(String s) {
        return s.replace('\u00A0', ' ').strip().replaceAll("\\s+", " ");
    }
}
