package io.ddikit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ddikit.doc.DocPage;
import io.ddikit.grade.ClauseVerdict;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.RunInfo;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code conformance.json}: the run in machine-readable form, its schema documented in the README
 * ("Reading the report"). Verdicts are their labels ({@code "not applicable"}); counts use the same keys.
 */
final class ConformanceJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ConformanceJson() {
    }

    record Kit(String version) {
    }

    record Page(String uid, String file, String fingerprint, String api) {
    }

    record Environment(int processors, String jvm, String os, int hostCpus, long seed, String started, String ended,
                       boolean complete, String host, List<Shard> shards, String problem, boolean sandboxed,
                       String sandbox, String bounds) {
    }

    record Shard(String source, String host, long seed, String started, String ended, int scenarios) {
    }

    record Scenario(String name, String verdict, String errorSource, long durationMillis, String failingStep,
                    int failingLine, String message, String trace, String feature, int line,
                    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Map<String, Object> expectation, @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Map<String, Object> repeats) {
    }

    record Clause(String id, String page, String text, String kind, String verdict, String reason,
                  List<Scenario> scenarios, @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Map<String, Object> expectation) {
    }

    record Implementation(String family, String name, String version, List<String> capabilities, String conformance,
                          Map<String, Integer> counts, Environment environment, List<Clause> clauses) {
    }

    record Document(Kit kit, List<Page> pages, List<Implementation> implementations,
                    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Map<String, Object> expectations, @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Map<String, Object> baseline, @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Map<String, Object> repeats,
                    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) List<io.ddikit.campaign.Findings.Finding> findings) {
    }

    static byte[] write(ReportInput input) throws IOException {
        return JSON.writeValueAsBytes(document(input));
    }

    static Document document(ReportInput input) {
        List<Page> pages = new ArrayList<>();
        Map<String, String> pageOfClause = new LinkedHashMap<>();
        for (DocPage p : input.pages()) {
            pages.add(new Page(p.uid(), p.file(), p.fingerprint(), p.api()));
            p.clauses().forEach(c -> pageOfClause.putIfAbsent(c.id().value(), p.uid()));
        }
        List<Implementation> impls = new ArrayList<>();
        io.ddikit.campaign.Campaign campaign = input.campaign();
        io.ddikit.campaign.ExpectationOutcome ex = campaign.expectations();
        for (ImplementationVerdict iv : input.implementations()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            iv.counts().forEach((v, n) -> counts.put(v.label(), n));
            List<Clause> clauses = new ArrayList<>();
            for (ClauseVerdict cv : iv.clauses()) {
                List<Scenario> scenarios = new ArrayList<>();
                for (ScenarioResult r : cv.scenarios()) {
                    Map<String, Object> expected = ex == null ? null : ex.scenarioMark(iv.implementation(), r).map(a -> mark(a, ex)).orElse(null);
                    Map<String, Object> repeated = campaign.repeats() == null ? null : campaign.repeats()
                            .of(io.ddikit.campaign.ExpectationOutcome.key(iv.implementation()), r).map(ConformanceJson::spread).orElse(null);
                    scenarios.add(new Scenario(r.name(), r.verdict().label(), r.errorSource(), r.durationMillis(),
                            r.failingStep(), r.failingLine(), r.message(), r.trace(), r.feature(), r.line(), expected, repeated));
                }
                String id = cv.clause().id().value();
                clauses.add(new Clause(id, pageOfClause.getOrDefault(id, ""), cv.clause().text(),
                        cv.clause().kind().label(), cv.verdict().label(), cv.reason(), scenarios,
                        ex == null ? null : ex.clauseMark(iv.implementation(), id).map(a -> mark(a, ex)).orElse(null)));
            }
            var info = iv.implementation();
            impls.add(new Implementation(info.family(), info.name(), info.version(), info.capabilities(), iv.conformance().label(),
                    counts, environment(iv.run()), clauses));
        }
        return new Document(new Kit(input.kitVersion()), pages, impls, ex == null ? null : expectations(ex),
                campaign.diff() == null ? null : campaign.diff().toJson(), campaign.repeats() == null ? null : repeats(campaign.repeats()),
                campaign.findings() == null ? null : campaign.findings().findings());
    }

    private static Map<String, Object> mark(io.ddikit.campaign.ExpectationOutcome.Applied a, io.ddikit.campaign.ExpectationOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mark", a.mark().label());
        m.put("honoured", a.mark().honoured());
        m.put("expected", a.entry().expect().label());
        m.put("reason", a.entry().reason());
        m.put("bug", a.entry().bug());
        m.put("expires", a.entry().expires().toString());
        m.put("line", a.entry().line());
        return m;
    }

    private static Map<String, Object> expectations(io.ddikit.campaign.ExpectationOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", o.file().file().toString());
        m.put("today", o.today().toString());
        Map<String, Integer> counts = new LinkedHashMap<>();
        o.counts().forEach((k, n) -> counts.put(k.label(), n));
        m.put("counts", counts);
        List<Map<String, Object>> problems = new ArrayList<>();
        for (var a : o.problems()) {
            Map<String, Object> p = mark(a, o);
            p.put("implementation", a.implementation().isEmpty() ? null : a.implementation());
            p.put("target", a.target());
            p.put("verdict", a.actual() == null ? null : a.actual().label());
            p.put("description", a.describe());
            problems.add(p);
        }
        m.put("problems", problems);
        m.put("unused", o.unused().stream().map(e -> Map.of("line", e.line(), "subject", e.subject(), "implementation",
                e.implementation())).toList());
        return m;
    }

    private static Map<String, Object> spread(io.ddikit.campaign.Repeats.Spread s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flaky", s.flaky());
        Map<String, Integer> counts = new LinkedHashMap<>();
        s.counts().forEach((v, n) -> counts.put(v.label(), n));
        m.put("counts", counts);
        m.put("firstBadSeed", s.firstBadSeed());
        return m;
    }

    private static Map<String, Object> repeats(io.ddikit.campaign.Repeats r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", r.seeds().size());
        m.put("seeds", r.seeds());
        List<Map<String, Object>> flaky = new ArrayList<>();
        r.flaky().forEach((impl, spreads) -> spreads.forEach(sp -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("implementation", impl);
            f.put("scenario", sp.name());
            f.put("location", sp.location());
            f.putAll(spread(sp));
            flaky.add(f);
        }));
        m.put("flaky", flaky);
        return m;
    }

    private static Environment environment(RunInfo run) {
        var e = ReportModelBuilder.environment(run);
        List<Shard> shards = new ArrayList<>();
        for (var s : e.shards()) {
            shards.add(new Shard(s.source(), s.host().isEmpty() ? null : s.host(), s.seed(), s.started(),
                    s.ended().isEmpty() ? null : s.ended(), s.scenarios()));
        }
        return new Environment(e.processors(), e.jvm(), e.os(), e.hostCpus(), e.seed(), e.started(),
                e.ended().isEmpty() ? null : e.ended(), e.complete(), e.host().isEmpty() ? null : e.host(), shards,
                e.problem().isEmpty() ? null : e.problem(), e.sandboxed(), e.sandbox(), e.bounds().isEmpty() ? null : e.bounds());
    }

    /** The verdict labels, in the order {@code counts} lists them. */
    static List<String> verdictLabels() {
        return java.util.Arrays.stream(Verdict.values()).map(Verdict::label).toList();
    }
}
