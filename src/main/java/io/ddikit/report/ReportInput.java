package io.ddikit.report;

import io.ddikit.doc.DocPage;
import io.ddikit.grade.ImplementationVerdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a report is made from.
 *
 * @param pages           the pages the run checked, in order
 * @param implementations one verdict per implementation, each with its clause verdicts in page order
 * @param kitVersion      ddikit's version
 * @param artifacts       implementation name to files the runner wrote for it (Cucumber's HTML report,
 *                        messages, JUnit XML, written inside the implementation's worker), as paths relative to the
 *                        report folder; the report links those that exist, marked as Cucumber's and not evidence,
 *                        and names the others as missing
 */
public record ReportInput(List<DocPage> pages, List<ImplementationVerdict> implementations, String kitVersion,
                          Map<String, List<Artifact>> artifacts) {

    /** Cucumber's HTML report, as the runner writes it under {@code <slug>/cucumber/}. */
    public static final String CUCUMBER_HTML = "cucumber/index.html";
    /** Cucumber's messages, one JSON object a line. */
    public static final String CUCUMBER_MESSAGES = "cucumber/messages.ndjson";
    /** Cucumber's JUnit XML, per scenario. */
    public static final String CUCUMBER_JUNIT = "cucumber/junit.xml";

    public ReportInput {
        pages = List.copyOf(pages);
        implementations = List.copyOf(implementations);
        Objects.requireNonNull(kitVersion, "kitVersion");
        Map<String, List<Artifact>> copy = new LinkedHashMap<>();
        artifacts.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        artifacts = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * The usual input: each implementation's artifacts are Cucumber's outputs in
     * {@code <slug(name)>/cucumber/}, where the runner writes them.
     */
    public static ReportInput of(List<DocPage> pages, List<ImplementationVerdict> implementations, String kitVersion) {
        Map<String, List<Artifact>> artifacts = new LinkedHashMap<>();
        for (ImplementationVerdict iv : implementations) {
            String slug = ReportWriter.slug(iv.implementation().name());
            artifacts.put(iv.implementation().name(), List.of(
                    new Artifact("Cucumber HTML report", slug + "/" + CUCUMBER_HTML),
                    new Artifact("Cucumber messages (ndjson)", slug + "/" + CUCUMBER_MESSAGES),
                    new Artifact("Cucumber JUnit XML", slug + "/" + CUCUMBER_JUNIT)));
        }
        return new ReportInput(pages, implementations, kitVersion, artifacts);
    }

    /** The artifacts of one implementation, empty when none were named. */
    public List<Artifact> artifactsOf(String implementation) {
        return artifacts.getOrDefault(implementation, List.of());
    }

    /**
     * A file beside the report.
     *
     * @param label what it is, shown as the link's text
     * @param path  relative to the report folder, forward slashes, no {@code ..}, no scheme
     */
    public record Artifact(String label, String path) {
        private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*(/[A-Za-z0-9_][A-Za-z0-9_.\\-]*)*");

        public Artifact {
            Objects.requireNonNull(label, "label");
            if (path == null || !SAFE_PATH.matcher(path).matches() || path.contains("..")) {
                throw new IllegalArgumentException("an artifact's path must be relative to the report folder, "
                        + "made of [A-Za-z0-9_.-] and '/', without '..'; was '" + path + "'");
            }
        }
    }

    List<String> implementationNames() {
        List<String> names = new ArrayList<>();
        implementations.forEach(iv -> names.add(iv.implementation().name()));
        return names;
    }
}
