package io.ddikit.campaign;

import io.ddikit.doc.Clause;
import io.ddikit.doc.DocPage;
import io.ddikit.grade.ClauseVerdict;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Findings about the documentation: where the run's own evidence says something of the page rather than of an
 * implementation. Each finding names the page, the clause or rule, and its evidence.
 *
 * <ul>
 *   <li><b>unsatisfied</b>: a normative clause that every implementation of its family in the run fails (at least
 *       two of them): the sentence may ask what no implementation does, or the kit's reading of it may be wrong;</li>
 *   <li><b>uncovered rule</b>: a DDI compliance rule the page lists in {@code req.ddi-compliance} that no clause of the
 *       page names, no feature's step names and no scenario's message cites;</li>
 *   <li><b>capability</b>: a clause whose every scenario was not applicable to every implementation of the run,
 *       because none declares the capability its Rule needs.</li>
 * </ul>
 */
public record Findings(List<Finding> findings) {

    public Findings {
        findings = List.copyOf(findings);
    }

    /** One finding: its kind, the page's file, what it is about (a clause id or a rule), and the evidence. */
    public record Finding(String kind, String page, String subject, String evidence) {
    }

    public static final String UNSATISFIED = "unsatisfied";
    public static final String UNCOVERED_RULE = "uncovered rule";
    public static final String CAPABILITY = "capability";
    private static final String DDI_COMPLIANCE = "req.ddi-compliance";

    /**
     * The findings of a run: {@code pages} read, {@code verdicts} given, {@code featureText} the text of the features
     * (a rule a scenario's steps name corresponds to that scenario's clause).
     */
    public static Findings of(List<DocPage> pages, List<ImplementationVerdict> verdicts, String featureText) {
        List<Finding> out = new ArrayList<>();
        Map<String, List<ImplementationVerdict>> byFamily = new LinkedHashMap<>();
        verdicts.forEach(v -> byFamily.computeIfAbsent(v.implementation().family(), f -> new ArrayList<>()).add(v));
        for (DocPage page : pages) {
            Set<String> ids = new LinkedHashSet<>();
            page.clauses().forEach(c -> ids.add(c.id().value()));
            List<ImplementationVerdict> graded = byFamily.values().stream()
                    .filter(vs -> vs.stream().anyMatch(v -> v.clauses().stream().anyMatch(cv -> ids.contains(cv.clause().id().value()))))
                    .findFirst().orElse(List.of());
            if (graded.isEmpty()) {
                continue;
            }
            for (Clause c : page.clauses()) {
                List<ClauseVerdict> all = graded.stream().map(v -> verdictOf(v, c)).filter(java.util.Objects::nonNull).toList();
                if (all.size() != graded.size() || all.isEmpty()) {
                    continue;
                }
                if (c.normative() && graded.size() >= 2 && all.stream().allMatch(cv -> cv.verdict() == Verdict.FAILED)) {
                    out.add(new Finding(UNSATISFIED, page.file(), c.id().value(), "failed in every implementation of the run ("
                            + String.join(", ", graded.stream().map(v -> v.implementation().name()).toList()) + "): "
                            + firstLine(all.get(0).reason())));
                }
                if (all.stream().allMatch(cv -> !cv.scenarios().isEmpty() && cv.scenarios().stream()
                        .allMatch(r -> r.verdict() == Verdict.NOT_APPLICABLE))) {
                    out.add(new Finding(CAPABILITY, page.file(), c.id().value(), "every scenario was not applicable to every "
                            + "implementation of the run: none declares what its Rule needs (" + firstLine(all.get(0).scenarios().get(0).message()) + ")"));
                }
            }
            for (String rule : rules(page)) {
                boolean named = page.clauses().stream().anyMatch(c -> c.text().contains(rule));
                boolean cited = graded.stream().flatMap(v -> v.clauses().stream()).filter(cv -> ids.contains(cv.clause().id().value()))
                        .flatMap(cv -> cv.scenarios().stream()).map(ScenarioResult::message).anyMatch(m -> m != null && m.contains(rule));
                boolean stepped = java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(rule) + "\\b").matcher(featureText).find();
                if (!named && !cited && !stepped) {
                    out.add(new Finding(UNCOVERED_RULE, page.file(), rule, "listed in " + DDI_COMPLIANCE
                            + ", but no clause of the page names it, no feature's scenario checks it and no scenario of this run cited it"));
                }
            }
        }
        return new Findings(out);
    }

    private static ClauseVerdict verdictOf(ImplementationVerdict v, Clause c) {
        for (ClauseVerdict cv : v.clauses()) {
            if (cv.clause().id().equals(c.id())) {
                return cv;
            }
        }
        return null;
    }

    static List<String> rules(DocPage page) {
        Object v = page.metadata().get(DDI_COMPLIANCE);
        Set<String> rules = new LinkedHashSet<>();
        if (v instanceof List<?> list) {
            list.forEach(o -> rules.add(String.valueOf(o).strip()));
        } else if (v instanceof String s) {
            for (String r : s.split(",")) {
                rules.add(r.strip());
            }
        }
        rules.removeIf(String::isEmpty);
        return List.copyOf(rules);
    }

    private static String firstLine(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 299) + "…" : line;
    }
}
