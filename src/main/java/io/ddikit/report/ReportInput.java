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
 * @param families        the API families, in the order the index shows them; an implementation of a family not
 *                        listed is shown under its id
 * @param artifacts       implementation key ({@link #key}) to files the runner wrote for it (Cucumber's HTML report,
 *                        messages, JUnit XML, written inside the implementation's worker), as paths relative to the
 *                        report folder; the report links those that exist, marked as Cucumber's and not evidence,
 *                        and names the others as missing
 * @param campaign        what a campaign adds beside the verdicts: expectation marks, the diff against a baseline,
 *                        repeat counts ({@link io.ddikit.campaign.Campaign#NONE} when none)
 */
public record ReportInput(List<DocPage> pages, List<ImplementationVerdict> implementations, String kitVersion,
                          List<Family> families, Map<String, List<Artifact>> artifacts, io.ddikit.campaign.Campaign campaign) {

    /** A report with no campaign data (expectations, baseline diff, repeats). */
    public ReportInput(List<DocPage> pages, List<ImplementationVerdict> implementations, String kitVersion,
                       List<Family> families, Map<String, List<Artifact>> artifacts) {
        this(pages, implementations, kitVersion, families, artifacts, io.ddikit.campaign.Campaign.NONE);
    }

    /** This input with the campaign's marks, diff and repeat counts shown beside the verdicts. */
    public ReportInput with(io.ddikit.campaign.Campaign c) {
        return new ReportInput(pages, implementations, kitVersion, families, artifacts, c);
    }

    /** An API family as the report names it: its id ({@code ndis-spin-lock}) and its title ({@code NDIS spin locks}). */
    public record Family(String id, String title) {
        public Family {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
        }
    }

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
        List<Family> all = new ArrayList<>(families);
        for (ImplementationVerdict iv : implementations) {
            String id = iv.implementation().family();
            if (all.stream().noneMatch(f -> f.id().equals(id))) {
                all.add(new Family(id, id.isEmpty() ? "Implementations" : id));
            }
        }
        families = List.copyOf(all);
        Map<String, List<Artifact>> copy = new LinkedHashMap<>();
        artifacts.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        artifacts = java.util.Collections.unmodifiableMap(copy);
        campaign = campaign == null ? io.ddikit.campaign.Campaign.NONE : campaign;
    }

    /**
     * The usual input: each implementation's artifacts are Cucumber's outputs in
     * {@code <slug(name)>/cucumber/}, where the runner writes them.
     */
    public static ReportInput of(List<DocPage> pages, List<ImplementationVerdict> implementations, String kitVersion,
                                 List<Family> families) {
        Map<String, List<Artifact>> artifacts = new LinkedHashMap<>();
        for (ImplementationVerdict iv : implementations) {
            String slug = ReportWriter.folder(iv.implementation().family(), iv.implementation().name());
            artifacts.put(key(iv.implementation()), List.of(
                    new Artifact("Cucumber HTML report", slug + "/" + CUCUMBER_HTML),
                    new Artifact("Cucumber messages (ndjson)", slug + "/" + CUCUMBER_MESSAGES),
                    new Artifact("Cucumber JUnit XML", slug + "/" + CUCUMBER_JUNIT)));
        }
        return new ReportInput(pages, implementations, kitVersion, families, artifacts);
    }

    /** {@link #of(List, List, String, List)} with the families named by their ids. */
    public static ReportInput of(List<DocPage> pages, List<ImplementationVerdict> implementations, String kitVersion) {
        return of(pages, implementations, kitVersion, List.of());
    }

    /** How an implementation is known across families: {@code ndis-spin-lock/reference}. */
    public static String key(io.ddikit.result.ImplementationInfo implementation) {
        return implementation.family() + "/" + implementation.name();
    }

    /** The artifacts of one implementation (by {@link #key}), empty when none were named. */
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

    /** The names of the implementations of family {@code id}. */
    List<String> implementationNames(String id) {
        List<String> names = new ArrayList<>();
        implementations.stream().filter(iv -> iv.implementation().family().equals(id))
                .forEach(iv -> names.add(iv.implementation().name()));
        return names;
    }
}
