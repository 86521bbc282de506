package io.ddikit.report;

import io.ddikit.doc.Block;
import io.ddikit.doc.Clause;
import io.ddikit.doc.ClauseId;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.Link;
import io.ddikit.doc.Parameter;
import io.ddikit.doc.Section;
import io.ddikit.grade.ClauseVerdict;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.report.ReportModel.ArtifactLink;
import io.ddikit.report.ReportModel.BlockView;
import io.ddikit.report.ReportModel.ClauseMark;
import io.ddikit.report.ReportModel.ClauseResult;
import io.ddikit.report.ReportModel.Expectation;
import io.ddikit.report.ReportModel.Count;
import io.ddikit.report.ReportModel.Environment;
import io.ddikit.report.ReportModel.ShardView;
import io.ddikit.report.ReportModel.Implementation;
import io.ddikit.report.ReportModel.Index;
import io.ddikit.report.ReportModel.FamilyView;
import io.ddikit.report.ReportModel.PageRow;
import io.ddikit.report.ReportModel.VerdictTag;
import io.ddikit.report.ReportModel.LinkView;
import io.ddikit.report.ReportModel.MatrixCell;
import io.ddikit.report.ReportModel.MatrixRow;
import io.ddikit.report.ReportModel.PageReport;
import io.ddikit.report.ReportModel.PageView;
import io.ddikit.report.ReportModel.ParameterRow;
import io.ddikit.report.ReportModel.RequirementRow;
import io.ddikit.report.ReportModel.ScenarioView;
import io.ddikit.report.ReportModel.SectionView;
import io.ddikit.report.ReportModel.Segment;
import io.ddikit.report.ReportModel.VerdictTag;
import io.ddikit.result.RunInfo;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns pages and verdicts into the view objects of {@link ReportModel}. Reads verdicts, never decides
 * them: a clause with no {@link ClauseVerdict} for an implementation is shown as "no verdict".
 *
 * <p>Time is linear in the pages and the verdicts, whatever a page holds: clauses and verdicts are looked up by id
 * in maps built once, sentences are found in their block's text by {@link SentenceFinder} (a block whose sentences
 * are not in its text costs {@code n log n}), and no regular expression is built from page text.
 */
final class ReportModelBuilder {
    /** Front matter key of the Static Driver Verifier rules that formalise the page. */
    static final String DDI_COMPLIANCE = "req.ddi-compliance";
    static final String CLAUSE_ANCHOR = "clause-";
    static final String RESULTS_ANCHOR = "results-";
    static final VerdictTag NO_VERDICT = new VerdictTag("no verdict", "verdict-none");
    private static final int SHORT_TEXT = 90;

    private final ReportInput input;
    private final Path dir;
    /** Each page's clauses by id, built once per page. */
    private final Map<DocPage, Map<ClauseId, Clause>> clausesById = new IdentityHashMap<>();

    /**
     * @param input what to show
     * @param dir   the report folder, to tell which artifacts exist
     */
    ReportModelBuilder(ReportInput input, Path dir) {
        this.input = input;
        this.dir = dir;
        findPageFamilies();
    }

    static VerdictTag tag(Verdict v) {
        return new VerdictTag(v.label(), "verdict-" + v.slug());
    }

    static String implementationFile(String family, String name) {
        return ReportWriter.page(family, name);
    }

    /** The anchor of a page's part of an implementation's report: {@code page-} and the page's file name. */
    static String pageAnchor(DocPage page) {
        String f = page.file().replace('\\', '/');
        String name = f.substring(f.lastIndexOf('/') + 1);
        return "page-" + name.replaceAll("[^A-Za-z0-9_.-]", "-");
    }

    /** The family whose verdicts grade a clause of {@code page} (the page's family), or null. */
    private String familyOf(DocPage page) {
        return pageFamily.get(page);
    }

    private final Map<DocPage, String> pageFamily = new IdentityHashMap<>();

    private void findPageFamilies() {
        Map<String, DocPage> pageOfClause = new HashMap<>();
        input.pages().forEach(p -> p.clauses().forEach(c -> pageOfClause.put(c.id().value(), p)));
        for (ImplementationVerdict iv : input.implementations()) {
            for (ClauseVerdict cv : iv.clauses()) {
                DocPage p = pageOfClause.get(cv.clause().id().value());
                if (p != null) {
                    pageFamily.putIfAbsent(p, iv.implementation().family());
                }
            }
        }
    }

    /** The pages the verdict grades, in the report's order. */
    private List<DocPage> pagesOf(ImplementationVerdict iv) {
        return input.pages().stream().filter(p -> iv.implementation().family().equals(familyOf(p))).toList();
    }

    /**
     * Where a link of a page of {@code from} (implementation {@code name}) to {@code target} (as written in the page,
     * relative) goes in the report: the target page's part of the same implementation's report when the kit has the
     * page (in this implementation's family, or in another family that has an implementation of the same name); else
     * nowhere (empty).
     */
    String pageHref(String family, String name, String target) {
        String t = nz(target).replace('\\', '/');
        int hash = t.indexOf('#');
        if (hash >= 0) {
            t = t.substring(0, hash);
        }
        if (!t.endsWith(".md") || t.contains("://")) {
            return "";
        }
        String file = t.substring(t.lastIndexOf('/') + 1);
        for (DocPage p : input.pages()) {
            String pf = p.file().replace('\\', '/');
            if (!pf.equals(file) && !pf.endsWith("/" + file)) {
                continue;
            }
            String owner = familyOf(p);
            if (owner == null) {
                return "";
            }
            if (owner.equals(family)) {
                return "#" + pageAnchor(p);
            }
            boolean there = input.implementations().stream().anyMatch(iv -> iv.implementation().family().equals(owner)
                    && iv.implementation().name().equals(name));
            return there ? implementationFile(owner, name) + "#" + pageAnchor(p) : "";
        }
        return "";
    }

    private String familyTitle(String id) {
        return input.families().stream().filter(f -> f.id().equals(id)).map(ReportInput.Family::title).findFirst().orElse(id);
    }

    List<Implementation> implementations() {
        List<Implementation> out = new ArrayList<>();
        for (ImplementationVerdict iv : input.implementations()) {
            out.add(implementation(iv));
        }
        return out;
    }

    Index index(List<Implementation> impls) {
        List<FamilyView> families = new ArrayList<>();
        for (ReportInput.Family f : input.families()) {
            List<Implementation> mine = new ArrayList<>();
            List<ImplementationVerdict> ivs = new ArrayList<>();
            for (int i = 0; i < impls.size(); i++) {
                if (input.implementations().get(i).implementation().family().equals(f.id())) {
                    mine.add(impls.get(i));
                    ivs.add(input.implementations().get(i));
                }
            }
            List<DocPage> pages = input.pages().stream().filter(p -> f.id().equals(familyOf(p))).toList();
            if (mine.isEmpty() && pages.isEmpty()) {
                continue;
            }
            List<MatrixRow> rows = matrix(pages, mine, ivs);
            List<PageRow> pageRows = new ArrayList<>();
            for (DocPage p : pages) {
                List<MatrixCell> cells = new ArrayList<>();
                for (int i = 0; i < mine.size(); i++) {
                    io.ddikit.grade.Conformance c = ivs.get(i).conformanceOf(p);
                    VerdictTag tag = new VerdictTag(c.label(), "conformance-" + c.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                    cells.add(new MatrixCell(tag, mine.get(i).file() + "#" + pageAnchor(p), mine.get(i).name() + ": " + p.api() + " " + c.label()));
                }
                pageRows.add(new PageRow(p.title(), p.file(), p.api(), cells));
            }
            families.add(new FamilyView(f.id(), f.title(), mine, pageRows, rows, SvgSummary.layout(mine, rows)));
        }
        boolean complete = input.implementations().stream().allMatch(iv -> iv.run() != null && iv.run().complete());
        List<PageView> pages = input.pages().stream().map(p -> pageHeader(p)).toList();
        List<VerdictTag> legend = java.util.Arrays.stream(Verdict.values()).map(ReportModelBuilder::tag).toList();
        return new Index(input.kitVersion(), complete, pages, impls, families, legend, campaign(input.campaign()));
    }

    /** The diff's page, when the input holds one. */
    static final String DIFF_PAGE = "diff.html";

    static ReportModel.CampaignView campaign(io.ddikit.campaign.Campaign c) {
        String file = "";
        String summary = "";
        List<String> problems = new ArrayList<>();
        List<String> unused = new ArrayList<>();
        if (c.expectations() != null) {
            var o = c.expectations();
            file = o.file().file().toString();
            List<String> parts = new ArrayList<>();
            o.counts().forEach((m, n) -> {
                if (n > 0) {
                    parts.add(n + " " + m.label());
                }
            });
            summary = parts.isEmpty() ? "no entry applied" : String.join(", ", parts);
            for (var a : o.problems()) {
                problems.add(a.where(o.file()) + ": " + (a.implementation().isEmpty() ? "" : a.implementation() + " ") + a.target()
                        + ": " + a.describe());
            }
            o.unused().forEach(e -> unused.add(o.file().file() + ":" + e.line() + ": " + e.subject() + " of " + e.implementation()));
        }
        String diff = c.diff() == null ? "" : c.diff().isEmpty() ? "no verdict changed since " + c.diff().old()
                : io.ddikit.campaign.RunDiff.summary(c.diff().implementations().stream().flatMap(i -> i.changes().stream()).toList())
                + " since " + c.diff().old();
        String repeats = "";
        List<String> flaky = new ArrayList<>();
        if (c.repeats() != null) {
            repeats = c.repeats().seeds().size() + " runs of every scenario, seeds " + c.repeats().seeds();
            c.repeats().flaky().forEach((impl, spreads) -> spreads.forEach(sp -> flaky.add(impl + ": " + sp.name() + " ("
                    + sp.location() + "): " + sp.describe())));
        }
        List<ReportModel.FindingView> findings = c.findings() == null ? List.of() : c.findings().findings().stream()
                .map(f -> new ReportModel.FindingView(f.kind(), f.page(), f.subject(), f.evidence())).toList();
        return new ReportModel.CampaignView(file, summary, problems, unused, diff, c.diff() == null ? "" : DIFF_PAGE, repeats, flaky,
                findings);
    }

    static ReportModel.DiffView diff(io.ddikit.campaign.RunDiff d) {
        List<ReportModel.DiffImplementation> impls = new ArrayList<>();
        for (var i : d.implementations()) {
            List<ReportModel.DiffRow> rows = new ArrayList<>();
            for (var ch : i.changes()) {
                rows.add(new ReportModel.DiffRow(ch.clause(), ch.kind().label(), "change-" + ch.kind().slug(),
                        ch.before() == null ? "(absent)" : ch.before().label(), ch.after() == null ? "(absent)" : ch.after().label(), ch.text()));
            }
            String status = switch (i.status()) {
                case "added" -> "only in the newer run";
                case "removed" -> "only in the older run";
                case "unchanged" -> "no change";
                default -> io.ddikit.campaign.RunDiff.summary(i.changes());
            };
            impls.add(new ReportModel.DiffImplementation(i.implementation(), i.status(), status, rows));
        }
        String summary = d.isEmpty() ? "no verdict changed"
                : io.ddikit.campaign.RunDiff.summary(d.implementations().stream().flatMap(i -> i.changes().stream()).toList());
        return new ReportModel.DiffView(d.old(), d.current(), summary, impls);
    }

    private List<MatrixRow> matrix(List<DocPage> pages, List<Implementation> impls, List<ImplementationVerdict> ivs) {
        List<Map<ClauseId, ClauseVerdict>> verdicts = new ArrayList<>();
        ivs.forEach(iv -> verdicts.add(verdicts(iv)));
        List<MatrixRow> rows = new ArrayList<>();
        for (DocPage page : pages) {
            for (Clause c : page.clauses()) {
                List<MatrixCell> cells = new ArrayList<>();
                for (int i = 0; i < impls.size(); i++) {
                    ClauseVerdict cv = verdicts.get(i).get(c.id());
                    VerdictTag tag = cv == null ? NO_VERDICT : tag(cv.verdict());
                    String href = impls.get(i).file() + "#" + RESULTS_ANCHOR + c.id().value();
                    cells.add(new MatrixCell(tag, href, impls.get(i).name() + ": " + tag.label()
                            + (cv == null || cv.reason().isBlank() ? "" : " — " + cv.reason())));
                }
                rows.add(new MatrixRow(c.id().value(), page.api(), shorten(c.text()), c.kind().label(), cells));
            }
        }
        return rows;
    }

    Implementation implementation(ImplementationVerdict iv) {
        var info = iv.implementation();
        List<Count> counts = new ArrayList<>();
        iv.counts().forEach((v, n) -> counts.add(new Count(tag(v), n)));
        Map<ClauseId, ClauseVerdict> byId = verdicts(iv);
        List<PageReport> pages = new ArrayList<>();
        for (DocPage page : pagesOf(iv)) {
            pages.add(new PageReport(page(page, byId, info.family(), info.name()), results(page, byId, info.family(), info.name()),
                    pageAnchor(page)));
        }
        List<ArtifactLink> artifacts = new ArrayList<>();
        for (ReportInput.Artifact a : input.artifactsOf(ReportInput.key(info))) {
            artifacts.add(new ArtifactLink(a.label(), a.path(), Files.isRegularFile(dir.resolve(a.path())),
                    a.path().endsWith(".html")));
        }
        return new Implementation(info.name(), info.version(), info.capabilities(), ReportWriter.slug(info.name()),
                implementationFile(info.family(), info.name()), iv.conformance().label(),
                "conformance-" + iv.conformance().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                counts, iv.clauses().size(), environment(iv.run()), artifacts, pages, info.family(), familyTitle(info.family()));
    }

    private static Map<ClauseId, ClauseVerdict> verdicts(ImplementationVerdict iv) {
        Map<ClauseId, ClauseVerdict> byId = new HashMap<>();
        iv.clauses().forEach(cv -> byId.putIfAbsent(cv.clause().id(), cv));
        return byId;
    }

    static Environment environment(RunInfo run) {
        if (run == null) {
            return new Environment(0, "", "", 0, 0, "", "", false, "", List.of(), "", false, RunInfo.Isolation.IN_PROCESS, "");
        }
        List<ShardView> shards = new ArrayList<>();
        for (RunInfo.Shard s : run.shards()) {
            shards.add(new ShardView(nz(s.source()), nz(s.host()), s.seed(), time(s.started()), time(s.ended()), s.scenarios()));
        }
        RunInfo.Isolation isolation = run.isolation();
        return new Environment(run.processors(), nz(run.jvm()), nz(run.os()), run.hostCpus(), run.seed(),
                time(run.started()), time(run.ended()), run.complete(), nz(run.host()), shards, nz(run.problem()),
                run.sandboxed(), isolation == null ? RunInfo.Isolation.IN_PROCESS : nz(isolation.sandbox()),
                isolation == null ? "" : nz(isolation.bounds()));
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }

    // ---------------------------------------------------------------- the page

    private PageView pageHeader(DocPage page) {
        return new PageView(page.title(), page.uid(), page.file(), page.fingerprint(), page.api(), summary(page), List.of());
    }

    /** The front matter's description, shown only when the page has no description section of its own to mark. */
    private static String summary(DocPage page) {
        if (page.section("description").isPresent()) {
            return "";
        }
        Object d = page.metadata().get("description");
        return d instanceof String s ? SafeHtml.sanitize(s) : "";
    }

    PageView page(DocPage page, Map<ClauseId, ClauseVerdict> verdicts) {
        return page(page, verdicts, "", "");
    }

    PageView page(DocPage page, Map<ClauseId, ClauseVerdict> verdicts, String family, String name) {
        Set<ClauseId> placed = new HashSet<>();
        List<SectionView> sections = new ArrayList<>();
        boolean hasRequirements = false;
        for (Section s : page.sections()) {
            switch (s.key()) {
                case "syntax" -> sections.add(syntax(page, s, verdicts, placed));
                case "parameters" -> sections.add(parameters(page, s, verdicts, placed));
                case "requirements" -> {
                    hasRequirements = true;
                    sections.add(null); // filled once every other section has placed its clauses
                }
                case "see-also" -> sections.add(seeAlso(page, s, verdicts, placed, family, name));
                default -> sections.add(prose(page, s, s.blocks(), verdicts, placed));
            }
        }
        SectionView requirements = requirements(page, verdicts, placed);
        if (hasRequirements) {
            sections.replaceAll(s -> s == null ? requirements : s);
        } else if (!requirements.requirements().isEmpty() || !requirements.clauses().isEmpty()
                || !requirements.ddiRules().isEmpty()) {
            sections.add(requirements);
        }
        return new PageView(page.title(), page.uid(), page.file(), page.fingerprint(), page.api(), summary(page), sections);
    }

    private SectionView prose(DocPage page, Section s, List<Block> blocks, Map<ClauseId, ClauseVerdict> verdicts,
                              Set<ClauseId> placed) {
        return section(s, blocks(page, blocks, verdicts, placed), "", List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private SectionView syntax(DocPage page, Section s, Map<ClauseId, ClauseVerdict> verdicts, Set<ClauseId> placed) {
        String source = page.syntax().map(p -> p.source()).orElse("");
        List<Block> blocks = s.blocks().stream()
                .filter(b -> !(b.type().equals("code") && !source.isEmpty()))
                .toList();
        return section(s, blocks(page, blocks, verdicts, placed), source, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private SectionView parameters(DocPage page, Section s, Map<ClauseId, ClauseVerdict> verdicts, Set<ClauseId> placed) {
        List<ParameterRow> rows = new ArrayList<>();
        for (Parameter p : page.parameters()) {
            rows.add(new ParameterRow(p.name(), nz(p.type()), String.join(" ", p.annotations()), nz(p.description())));
        }
        // The table gives each parameter's description; prose is repeated only where it holds clauses.
        List<Block> blocks = rows.isEmpty() ? s.blocks()
                : s.blocks().stream().filter(b -> !b.clauses().isEmpty()).toList();
        return section(s, blocks(page, blocks, verdicts, placed), "", rows, List.of(), List.of(), List.of(), List.of());
    }

    private SectionView seeAlso(DocPage page, Section s, Map<ClauseId, ClauseVerdict> verdicts, Set<ClauseId> placed,
                                String family, String name) {
        List<LinkView> links = new ArrayList<>();
        for (Link l : page.seeAlso()) {
            String inReport = pageHref(family, name, l.target());
            links.add(new LinkView(nz(l.text()), nz(l.target()), inReport.isEmpty() ? SafeHtml.httpUrl(l.target()) : inReport));
        }
        List<Block> blocks = links.isEmpty() ? s.blocks()
                : s.blocks().stream().filter(b -> !b.clauses().isEmpty()).toList();
        return section(s, blocks(page, blocks, verdicts, placed), "", List.of(), List.of(), List.of(), List.of(), links);
    }

    /** The Requirements table, the DDI rules, and every clause that no block of prose showed. */
    private SectionView requirements(DocPage page, Map<ClauseId, ClauseVerdict> verdicts, Set<ClauseId> placed) {
        List<RequirementRow> rows = new ArrayList<>();
        page.requirements().forEach((k, v) -> rows.add(new RequirementRow(k, v)));
        List<ClauseMark> rest = new ArrayList<>();
        for (Clause c : page.clauses()) {
            if (placed.add(c.id())) {
                rest.add(mark(c, verdicts, true));
            }
        }
        String title = page.section("requirements").map(Section::title).orElse("Requirements");
        return new SectionView("requirements", title, List.of(), "", List.of(), rows, ddiRules(page), rest, List.of());
    }

    static List<String> ddiRules(DocPage page) {
        Object v = page.metadata().get(DDI_COMPLIANCE);
        List<String> rules = new ArrayList<>();
        if (v instanceof List<?> list) {
            list.forEach(o -> rules.add(String.valueOf(o).strip()));
        } else if (v instanceof String s) {
            for (String r : s.split(",")) {
                rules.add(r.strip());
            }
        }
        rules.removeIf(String::isEmpty);
        return List.copyOf(new LinkedHashSet<>(rules));
    }

    private static SectionView section(Section s, List<BlockView> blocks, String syntax, List<ParameterRow> params,
                                       List<RequirementRow> reqs, List<String> rules, List<ClauseMark> clauses,
                                       List<LinkView> links) {
        return new SectionView(s.key(), s.title(), blocks, syntax, params, reqs, rules, clauses, links);
    }

    private List<BlockView> blocks(DocPage page, List<Block> blocks, Map<ClauseId, ClauseVerdict> verdicts,
                                   Set<ClauseId> placed) {
        List<BlockView> out = new ArrayList<>();
        List<List<Segment>> items = null;
        for (Block b : blocks) {
            if (b.type().equals("list-item")) {
                if (items == null) {
                    items = new ArrayList<>();
                    out.add(new BlockView("list", "", List.of(), items));
                }
                items.add(segments(page, b, verdicts, placed));
                continue;
            }
            items = null;
            if (b.type().equals("code")) {
                out.add(new BlockView("code", b.text(), List.of(), List.of()));
            } else {
                out.add(new BlockView(b.type(), "", segments(page, b, verdicts, placed), List.of()));
            }
        }
        return out;
    }

    /**
     * Cuts a block's text where its clauses' sentences are, in order, matching runs of white space
     * loosely ({@link SentenceFinder}). A clause whose sentence is not found in the text is added after it: no text
     * is dropped.
     */
    List<Segment> segments(DocPage page, Block block, Map<ClauseId, ClauseVerdict> verdicts, Set<ClauseId> placed) {
        String text = nz(block.text());
        List<Segment> out = new ArrayList<>();
        List<Clause> notFound = new ArrayList<>();
        Map<ClauseId, Clause> clauses = clausesOf(page);
        SentenceFinder finder = block.clauses().isEmpty() ? null : new SentenceFinder(text);
        int pos = 0;
        for (ClauseId id : block.clauses()) {
            Clause c = clauses.get(id);
            if (c == null) {
                continue;
            }
            int[] found = finder.next(c.text());
            if (found != null) {
                if (found[0] > pos) {
                    out.add(new Segment(text.substring(pos, found[0]), null));
                }
                out.add(new Segment(text.substring(found[0], found[1]), mark(c, verdicts, placed.add(id))));
                pos = found[1];
            } else {
                notFound.add(c);
            }
        }
        if (pos < text.length()) {
            out.add(new Segment(text.substring(pos), null));
        }
        for (Clause c : notFound) {
            out.add(new Segment(" ", null));
            out.add(new Segment(c.text(), mark(c, verdicts, placed.add(c.id()))));
        }
        return out;
    }

    /** The page's clauses by id (the first of equal ids, as {@link DocPage#clause} gives it), built once per page. */
    private Map<ClauseId, Clause> clausesOf(DocPage page) {
        return clausesById.computeIfAbsent(page, p -> {
            Map<ClauseId, Clause> byId = new HashMap<>();
            p.clauses().forEach(c -> byId.putIfAbsent(c.id(), c));
            return byId;
        });
    }

    private static ClauseMark mark(Clause c, Map<ClauseId, ClauseVerdict> verdicts, boolean first) {
        ClauseVerdict cv = verdicts.get(c.id());
        String id = c.id().value();
        return new ClauseMark(id, first ? CLAUSE_ANCHOR + id : "", "#" + RESULTS_ANCHOR + id, c.text(),
                cv == null ? NO_VERDICT : tag(cv.verdict()), c.section());
    }

    // ---------------------------------------------------------------- the evidence

    /**
     * The pages of the report a clause names (its references: API names), each linking to that page's part of the
     * implementation's report, as {@link #pageHref} finds it; a name of no page of the report is left out.
     */
    private List<LinkView> references(Clause c, DocPage from, String family, String name) {
        List<LinkView> out = new ArrayList<>();
        for (String api : c.references()) {
            if (api.equals(from.api())) {
                continue;
            }
            for (DocPage p : input.pages()) {
                if (api.equals(p.api())) {
                    String href = pageHref(family, name, p.file());
                    if (!href.isEmpty()) {
                        out.add(new LinkView(api, p.file(), href));
                    }
                    break;
                }
            }
        }
        return out;
    }

    private List<ClauseResult> results(DocPage page, Map<ClauseId, ClauseVerdict> verdicts, String family, String name) {
        List<String> rules = ddiRules(page);
        List<ClauseResult> out = new ArrayList<>();
        for (Clause c : page.clauses()) {
            ClauseVerdict cv = verdicts.get(c.id());
            String id = c.id().value();
            List<ScenarioView> scenarios = new ArrayList<>();
            io.ddikit.campaign.Campaign campaign = input.campaign();
            io.ddikit.result.ImplementationInfo info = new io.ddikit.result.ImplementationInfo(family, name, "", List.of());
            String implKey = io.ddikit.campaign.ExpectationOutcome.key(info);
            if (cv != null) {
                for (ScenarioResult r : cv.scenarios()) {
                    ScenarioView v = scenario(r, rules);
                    Expectation e = campaign.expectations() == null ? null
                            : campaign.expectations().scenarioMark(info, r).map(a -> expectation(a, campaign.expectations())).orElse(null);
                    var spread = campaign.repeats() == null ? null : campaign.repeats().of(implKey, r).orElse(null);
                    scenarios.add(new ScenarioView(v.name(), v.verdict(), v.errorSource(), v.duration(), v.location(), v.failingStep(),
                            v.message(), v.trace(), v.rules(), v.schedule(), e, spread == null ? "" : spread.describe(),
                            spread != null && spread.flaky()));
                }
            }
            Expectation mark = campaign.expectations() == null ? null
                    : campaign.expectations().clauseMark(info, id).map(a -> expectation(a, campaign.expectations())).orElse(null);
            out.add(new ClauseResult(id, RESULTS_ANCHOR + id, "#" + CLAUSE_ANCHOR + id, c.text(), c.kind().label(),
                    c.section(), cv == null ? NO_VERDICT : tag(cv.verdict()),
                    cv == null ? "the grader gave no verdict for this clause" : nz(cv.reason()), scenarios,
                    references(c, page, family, name), mark));
        }
        return out;
    }

    static Expectation expectation(io.ddikit.campaign.ExpectationOutcome.Applied a, io.ddikit.campaign.ExpectationOutcome o) {
        return new Expectation(a.mark().label(), "mark-" + a.mark().slug(), a.describe(), a.where(o.file()), a.mark().honoured());
    }

    private static ScenarioView scenario(ScenarioResult r, List<String> rules) {
        String source = switch (nz(r.errorSource())) {
            case ScenarioResult.IMPLEMENTATION -> "the implementation";
            case ScenarioResult.KIT -> "the kit";
            default -> "";
        };
        String step = nz(r.failingStep());
        if (!step.isEmpty() && r.failingLine() > 0) {
            step = step + " (line " + r.failingLine() + ")";
        }
        String message = nz(r.message());
        int schedule = scheduleAt(message);
        return new ScenarioView(nz(r.name()), tag(r.verdict()), r.verdict() == Verdict.ERROR ? source : "",
                r.durationMillis() + " ms", r.location(), step, schedule < 0 ? message : message.substring(0, schedule).strip(),
                nz(r.trace()), rulesNamed(message, rules), schedule < 0 ? "" : message.substring(schedule), null, "", false);
    }

    /** Where a message's counterexample starts: a line {@code schedule <id> (...); replay: ...}; -1 when it has none. */
    static int scheduleAt(String message) {
        int at = 0;
        while (at < message.length()) {
            int end = message.indexOf('\n', at);
            int lineEnd = end < 0 ? message.length() : end;
            if (message.startsWith("schedule ", at) && message.substring(at, lineEnd).contains("; replay: ")) {
                return at;
            }
            if (end < 0) {
                return -1;
            }
            at = end + 1;
        }
        return -1;
    }

    /**
     * The rules of {@code rules} that {@code message} names as whole words: where the rule is in the message with no
     * letter, digit or {@code _} just before or just after it. The message's words are read once; a rule made of
     * such characters only is then looked up among them, any other rule is looked for with {@link String#indexOf}.
     */
    static List<String> rulesNamed(String message, List<String> rules) {
        List<String> named = new ArrayList<>();
        Set<String> words = null;
        for (String rule : rules) {
            boolean found;
            if (isWord(rule)) {
                if (words == null) {
                    words = words(message);
                }
                found = words.contains(rule);
            } else {
                found = namesAsWhole(message, rule);
            }
            if (found) {
                named.add(rule);
            }
        }
        return named;
    }

    /** The message's maximal runs of letters, digits and {@code _}. */
    private static Set<String> words(String message) {
        Set<String> words = new HashSet<>();
        int start = -1;
        for (int i = 0; i <= message.length(); i++) {
            boolean w = i < message.length() && isWordChar(message.charAt(i));
            if (w && start < 0) {
                start = i;
            } else if (!w && start >= 0) {
                words.add(message.substring(start, i));
                start = -1;
            }
        }
        return words;
    }

    private static boolean namesAsWhole(String message, String rule) {
        for (int i = message.indexOf(rule); i >= 0; i = i < message.length() ? message.indexOf(rule, i + 1) : -1) {
            int end = i + rule.length();
            if ((i == 0 || !isWordChar(message.charAt(i - 1))) && (end == message.length() || !isWordChar(message.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWord(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isWordChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWordChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static String shorten(String s) {
        String t = nz(s).strip();
        return t.length() <= SHORT_TEXT ? t : t.substring(0, SHORT_TEXT - 1) + "…";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
