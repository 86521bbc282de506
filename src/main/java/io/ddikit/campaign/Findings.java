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
 *       because none declares the capability its Rule needs;</li>
 *   <li><b>revised</b>: a normative sentence that another revision of the page (2024's, say) words so that its
 *       meaning changes — a modal verb, a negation, a quantifier, an IRQL or a number differs — or drops, and a
 *       normative sentence the revision adds.</li>
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
    public static final String REVISED = "revised";
    /** Words whose change changes what a sentence obliges or says: modal verbs, negations, quantifiers. */
    private static final Set<String> MEANING = Set.of("must", "should", "may", "cannot", "not", "never", "always", "only",
            "required", "optional", "no", "any", "all", "each", "every", "before", "after", "raises", "lowers", "lower", "raise",
            "passive_level", "apc_level", "dispatch_level", "dirql", "high_level");
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

    /** These findings and those of {@code more}. */
    public Findings and(List<Finding> more) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        return new Findings(all);
    }

    /**
     * The normative sentences of {@code pages} whose meaning {@code revision} (the same pages in another revision,
     * matched by API name) changes, or that it drops: each with the old and the new wording.
     */
    public static List<Finding> revisions(List<DocPage> pages, List<DocPage> revision, String label) {
        Map<String, DocPage> byApi = new LinkedHashMap<>();
        revision.forEach(p -> byApi.putIfAbsent(p.api(), p));
        List<Finding> out = new ArrayList<>();
        for (DocPage page : pages) {
            DocPage other = byApi.get(page.api());
            if (other == null) {
                continue;
            }
            for (Clause c : page.clauses()) {
                if (!c.normative()) {
                    continue;
                }
                Clause same = other.clauses().stream().filter(o -> o.id().equals(c.id())).findFirst().orElse(null);
                Clause match = same != null ? same : closest(c, other.clauses());
                if (match == null) {
                    out.add(new Finding(REVISED, page.file(), c.id().value(), label + " (" + other.file() + ") has no sentence like \""
                            + c.text() + "\""));
                    continue;
                }
                Set<String> before = meaning(c.text());
                Set<String> after = meaning(match.text());
                if (!before.equals(after) && !c.text().equals(match.text())) {
                    Set<String> gone = new java.util.TreeSet<>(before);
                    gone.removeAll(after);
                    Set<String> added = new java.util.TreeSet<>(after);
                    added.removeAll(before);
                    out.add(new Finding(REVISED, page.file(), c.id().value(), label + " words it \"" + match.text() + "\" (was \""
                            + c.text() + "\"; " + (gone.isEmpty() ? "" : "no longer " + String.join(", ", gone))
                            + (gone.isEmpty() || added.isEmpty() ? "" : "; ") + (added.isEmpty() ? "" : "now " + String.join(", ", added)) + ")"));
                }
            }
            for (Clause o : other.clauses()) {
                boolean known = page.clauses().stream().anyMatch(c -> c.id().equals(o.id())) || closest(o, page.clauses()) != null;
                if (o.normative() && !known) {
                    out.add(new Finding(REVISED, page.file(), o.id().value(), label + " (" + other.file() + ") adds \"" + o.text() + "\""));
                }
            }
        }
        return out;
    }

    /** The revised clause of the same section with the most words in common, if at least half of them are. */
    private static Clause closest(Clause c, List<Clause> others) {
        Set<String> words = words(c.text());
        Clause best = null;
        double score = 0.5;
        for (Clause o : others) {
            if (!o.section().equals(c.section())) {
                continue;
            }
            Set<String> w = words(o.text());
            Set<String> both = new java.util.HashSet<>(words);
            both.retainAll(w);
            Set<String> either = new java.util.HashSet<>(words);
            either.addAll(w);
            double j = either.isEmpty() ? 0 : (double) both.size() / either.size();
            if (j >= score) {
                score = j;
                best = o;
            }
        }
        return best;
    }

    private static Set<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : text.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9_]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private static Set<String> meaning(String text) {
        Set<String> out = new java.util.TreeSet<>();
        for (String w : words(text)) {
            if (MEANING.contains(w) || w.chars().allMatch(Character::isDigit)) {
                out.add(w);
            }
        }
        if (text.toLowerCase(java.util.Locale.ROOT).contains("n't")) {
            out.add("not");
        }
        return out;
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
