package io.ddikit.report;

import java.util.List;

/**
 * The view objects the templates read: text, CSS classes, anchors and links, all decided here so that
 * the templates only place them. Built by {@link ReportModelBuilder}; nothing in it is HTML.
 */
public final class ReportModel {
    private ReportModel() {
    }

    /** A verdict as shown: its word and its CSS class ({@code verdict-not-applicable}). */
    public record VerdictTag(String label, String css) {
    }

    /** How many clauses got one verdict. */
    public record Count(VerdictTag verdict, int count) {
    }

    /**
     * Where and when an implementation ran. Times are ISO-8601; {@code ended} is empty while the run is incomplete;
     * {@code host} is empty when not known. {@code shards} lists the runs a merged run was made from (empty otherwise).
     * {@code sandbox} and {@code bounds} say how the implementation was kept apart ({@code sandboxed} false: the
     * report says <em>not sandboxed</em> on every page).
     */
    public record Environment(int processors, String jvm, String os, int hostCpus, long seed, String started,
                              String ended, boolean complete, String host, List<ShardView> shards, String problem,
                              boolean sandboxed, String sandbox, String bounds) {
    }

    /** One run of a merged run: where its results came from, the machine, its seed and times. */
    public record ShardView(String source, String host, long seed, String started, String ended, int scenarios) {
    }

    /**
     * A file beside the report, one of Cucumber's own outputs: written inside the implementation's worker, so not
     * evidence. {@code exists} is false when the runner did not write it; {@code script} is true for an HTML page
     * (Cucumber's report), which, unlike the kit's pages, contains JavaScript.
     */
    public record ArtifactLink(String label, String href, boolean exists, boolean script) {
    }

    /** One implementation: its banner, its copy of the pages with each sentence marked, and the evidence. */
    public record Implementation(String name, String version, List<String> capabilities, String slug, String file,
                                 String conformance, String conformanceCss, List<Count> counts, int clauseCount,
                                 Environment environment, List<ArtifactLink> artifacts, List<PageReport> pages,
                                 String family, String familyTitle) {
    }

    /**
     * One API family on the run's front page: its pages with a verdict per page and implementation, its implementations,
     * the verdict picture and the clause × implementation matrix of its clauses.
     */
    public record FamilyView(String id, String title, List<Implementation> implementations, List<PageRow> pages,
                             List<MatrixRow> matrix, Svg svg) {
    }

    /** A page of a family on the front page: its verdict for each implementation of the family, linking to it. */
    public record PageRow(String title, String file, String api, List<MatrixCell> cells) {
    }

    /** A page as rendered for one implementation, then the results of its clauses. */
    public record PageReport(PageView page, List<ClauseResult> results, String anchor) {
    }

    /**
     * A reference page.
     *
     * @param summaryHtml the front matter's description, sanitized HTML (may be empty)
     */
    public record PageView(String title, String uid, String file, String fingerprint, String api, String summaryHtml,
                           List<SectionView> sections) {
    }

    /**
     * A section: its prose, and for the sections the page reader structures, their structure.
     *
     * @param syntax       the prototype's source, or empty
     * @param parameters   rows of the parameters table
     * @param requirements rows of the requirements table
     * @param ddiRules     the DDI compliance rules that formalise the page's clauses
     * @param clauses      clauses shown in this section as a list because no block of prose holds them
     * @param links        See Also links
     */
    public record SectionView(String key, String title, List<BlockView> blocks, String syntax,
                              List<ParameterRow> parameters, List<RequirementRow> requirements, List<String> ddiRules,
                              List<ClauseMark> clauses, List<LinkView> links) {
    }

    /**
     * A block of prose.
     *
     * @param type     {@code paragraph}, {@code list}, {@code note}, {@code code}, {@code table-row}, {@code heading}
     * @param text     the text of a code block
     * @param segments the text of a prose block, cut where its clauses begin and end
     * @param items    for a list, its items' segments
     */
    public record BlockView(String type, String text, List<Segment> segments, List<List<Segment>> items) {
    }

    /** Plain text, or a clause's sentence when {@code clause} is not null. */
    public record Segment(String text, ClauseMark clause) {
    }

    /**
     * A sentence marked with its verdict.
     *
     * @param anchor      {@code clause-<id>}, or empty where the sentence is shown a second time
     * @param resultsHref {@code #results-<id>}
     */
    public record ClauseMark(String id, String anchor, String resultsHref, String text, VerdictTag verdict,
                             String section) {
    }

    /** The evidence for one clause; {@code backHref} leads to its sentence. */
    public record ClauseResult(String id, String anchor, String backHref, String text, String kind, String section,
                               VerdictTag verdict, String reason, List<ScenarioView> scenarios, List<LinkView> references,
                               Expectation expectation) {
    }

    /**
     * What an expectations entry says of a verdict, shown beside it (never instead of it).
     *
     * @param mark   {@code expected failure}, {@code unexpected pass}, {@code expired expectation}, …
     * @param css    {@code mark-expected-failure}, …
     * @param text   the entry's reading of the verdict, its reason and bug link
     * @param where  the entry's file and line
     */
    public record Expectation(String mark, String css, String text, String where, boolean honoured) {
    }

    /**
     * One scenario's outcome.
     *
     * @param errorSource for an error: "the implementation" or "the kit"; otherwise empty
     * @param rules       DDI compliance rules its message names
     * @param message     the message, up to its counterexample
     * @param schedule    the counterexample of a failure found under a controlled schedule (its id, replay command
     *                    and interleaving, from the line that starts {@code schedule }), or empty
     */
    public record ScenarioView(String name, VerdictTag verdict, String errorSource, String duration, String location,
                               String failingStep, String message, String trace, List<String> rules, String schedule,
                               Expectation expectation, String repeats, boolean flaky) {
    }

    public record ParameterRow(String name, String type, String annotations, String description) {
    }

    public record RequirementRow(String key, String value) {
    }

    /** A link of the page; {@code href} is empty when the target is not an http(s) URL (shown as text then). */
    public record LinkView(String text, String target, String href) {
    }

    /** The run's front page. */
    public record Index(String kitVersion, boolean complete, List<PageView> pages, List<Implementation> implementations,
                       List<FamilyView> families, List<VerdictTag> legend, CampaignView campaign) {
        /** Whether some implementation of the run ran without the sandbox. */
        public boolean anyNotSandboxed() {
            return implementations.stream().anyMatch(i -> !i.environment().sandboxed());
        }
    }

    /** A clause and its verdict in each implementation, in the order of {@link Index#implementations()}. */
    public record MatrixRow(String id, String page, String shortText, String kind, List<MatrixCell> cells) {
    }

    /** A verdict linking to its evidence. */
    public record MatrixCell(VerdictTag verdict, String href, String title) {
    }

    /** The summary picture: one square per clause per implementation. */
    public record Svg(int width, int height, String description, List<SvgText> labels, List<SvgCell> cells) {
    }

    public record SvgText(int x, int y, String text, String href) {
    }

    public record SvgCell(int x, int y, int size, String css, String href, String title) {
    }

    /**
     * What a campaign adds to the front page; every part empty when the run did not ask for it.
     *
     * @param expectationsFile     the expectations file, or empty
     * @param expectationsSummary  {@code 3 expected failure, 1 unexpected pass}
     * @param problems             the entries that fail the run, each {@code file:line: what}
     * @param unused               entries naming implementations this run did not run
     * @param diffSummary          changes since the baseline, or empty
     * @param diffHref             the diff's own page, or empty
     * @param repeatsSummary       {@code 20 runs, seeds …}, or empty
     * @param flaky                each flaky scenario: implementation, scenario and its counts
     */
    public record CampaignView(String expectationsFile, String expectationsSummary, List<String> problems, List<String> unused,
                               String diffSummary, String diffHref, String repeatsSummary, List<String> flaky,
                               List<FindingView> findings) {
        public boolean empty() {
            return expectationsFile.isEmpty() && diffSummary.isEmpty() && repeatsSummary.isEmpty();
        }
    }

    /** A finding about the documentation: its kind, page, clause or rule, and evidence. */
    public record FindingView(String kind, String page, String subject, String evidence) {
    }

    /** The page of a diff between two runs. */
    public record DiffView(String old, String current, String summary, List<DiffImplementation> implementations) {
    }

    public record DiffImplementation(String implementation, String status, String summary, List<DiffRow> rows) {
    }

    public record DiffRow(String clause, String change, String css, String before, String after, String text) {
    }
}
