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
                    int failingLine, String message, String trace, String feature, int line) {
    }

    record Clause(String id, String page, String text, String kind, String verdict, String reason,
                  List<Scenario> scenarios) {
    }

    record Implementation(String family, String name, String version, List<String> capabilities, String conformance,
                          Map<String, Integer> counts, Environment environment, List<Clause> clauses) {
    }

    record Document(Kit kit, List<Page> pages, List<Implementation> implementations) {
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
        for (ImplementationVerdict iv : input.implementations()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            iv.counts().forEach((v, n) -> counts.put(v.label(), n));
            List<Clause> clauses = new ArrayList<>();
            for (ClauseVerdict cv : iv.clauses()) {
                List<Scenario> scenarios = new ArrayList<>();
                for (ScenarioResult r : cv.scenarios()) {
                    scenarios.add(new Scenario(r.name(), r.verdict().label(), r.errorSource(), r.durationMillis(),
                            r.failingStep(), r.failingLine(), r.message(), r.trace(), r.feature(), r.line()));
                }
                String id = cv.clause().id().value();
                clauses.add(new Clause(id, pageOfClause.getOrDefault(id, ""), cv.clause().text(),
                        cv.clause().kind().label(), cv.verdict().label(), cv.reason(), scenarios));
            }
            var info = iv.implementation();
            impls.add(new Implementation(info.family(), info.name(), info.version(), info.capabilities(), iv.conformance().label(),
                    counts, environment(iv.run()), clauses));
        }
        return new Document(new Kit(input.kitVersion()), pages, impls);
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
