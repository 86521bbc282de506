package io.ddikit.cli;

import io.ddikit.doc.Diagnostic;
import io.ddikit.doc.DocPage;
import io.ddikit.trace.TraceChecker;
import io.ddikit.trace.TraceReport;
import io.ddikit.doc.PageSource;
import io.ddikit.doc.read.PageReader;
import io.ddikit.report.ReportWriter;
import io.ddikit.trace.FeatureFile;
import io.ddikit.trace.FeatureReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Loading what the commands share: the pages and the features, with problems printed one line each. */
public final class Project {
    static final String DEFAULT_DOCS = "docs-source";
    static final String DEFAULT_FEATURES = "features";


    private Project() {
    }

    /**
     * The page limits of the command being run: {@code --max-page-bytes} and {@code --page-timeout} (options of the root
     * command, inherited by every command), or the defaults when the command runs without the root.
     */
    static PageReader.Limits pageLimits(picocli.CommandLine.Model.CommandSpec spec) {
        Object root = spec.root().userObject();
        return root instanceof DdikitCommand top ? top.pageLimits() : PageReader.Limits.DEFAULT;
    }

    /** Reads the pages; prints each diagnostic; throws when any page could not be read. */
    static PageSource pages(List<Path> paths, PageReader.Limits limits, PrintWriter err) throws InputError {
        PageSource source = PageReader.read(paths, limits);
        WarningPrinter warnings = new WarningPrinter(err, "ddikit");
        for (Diagnostic d : source.diagnostics()) {
            if (d.isError()) {
                err.println(d);
            } else {
                warnings.print(d);
            }
        }
        warnings.summary();
        if (source.skippedSummary() != null) {
            err.println("ddikit: " + source.skippedSummary());
        }
        if (source.hasErrors()) {
            throw new InputError("some pages could not be read (see above)");
        }
        return source;
    }

    /**
     * Refuses implementations whose results would go into one folder: two different names with the same
     * {@link ReportWriter#slug}; the message names both.
     */
    static void distinctSlugs(Collection<String> implementations) throws InputError {
        Optional<String> collision = ReportWriter.slugCollision(implementations);
        if (collision.isPresent()) {
            throw new InputError(collision.get());
        }
    }

    /**
     * Reads every feature file under the paths. A missing path, and a file that cannot be read (a Gherkin
     * syntax error), are input errors: the message has one line per such file, {@code file:line: error: reason}.
     */
    static List<FeatureFile> features(List<Path> paths) throws InputError {
        List<FeatureFile> read;
        try {
            FeatureReader reader = new FeatureReader();
            List<Path> files = FeatureReader.featureFiles(paths);
            if (files.isEmpty()) {
                throw new InputError(paths + ": no feature files (*.feature)");
            }
            read = files.stream().map(reader::read).toList();
        } catch (IOException e) {
            throw new InputError(e.getMessage());
        }
        List<String> unreadable = read.stream().filter(f -> !f.readable())
                .map(f -> f.file() + (f.errorLine() > 0 ? ":" + f.errorLine() : "") + ": error: " + f.error()).toList();
        if (!unreadable.isEmpty()) {
            throw new InputError(String.join(System.lineSeparator(), unreadable));
        }
        return read;
    }

    /**
     * The pages and features read, the families they belong to, and the trace check between them.
     *
     * @param pages    every page read
     * @param features the feature files the trace covers (see {@link #traced})
     * @param trace    the trace check of {@code pages} against {@code features}
     * @param families the kit's API families
     * @param familyOf the id of the family of each feature file of {@code features} (by its file) that belongs to one
     */
    record Traced(PageSource pages, List<FeatureFile> features, TraceReport trace, io.ddikit.run.Families families,
                  java.util.Map<String, String> familyOf) {
    }

    /**
     * The family of a feature file: the family whose id names a folder it lies in ({@code features/<id>/}), or else the
     * family that owns the page of the first clause it tags.
     */
    private static Optional<io.ddikit.suite.ApiFamily> familyOf(io.ddikit.run.Families families, FeatureFile f,
                                                               java.util.Map<String, String> pageOfClause) {
        Optional<io.ddikit.suite.ApiFamily> family = families.ofFeature(f.file());
        if (family.isPresent()) {
            return family;
        }
        List<String> clauses = new java.util.ArrayList<>();
        f.rules().forEach(r -> clauses.addAll(r.clauseIds()));
        f.rules().forEach(r -> r.scenarios().forEach(s -> clauses.addAll(s.clauseIds())));
        f.loose().forEach(s -> clauses.addAll(s.clauseIds()));
        return clauses.stream().map(pageOfClause::get).filter(java.util.Objects::nonNull)
                .map(families::ownerOf).flatMap(Optional::stream).findFirst();
    }

    /**
     * Reads the pages and the features and checks the trace between them. A family's features are checked only when
     * some page of that family was read (and a feature named after one of the family's pages only when that page was),
     * and its pages only when some feature of it was (or no feature of any family was): pointing {@code --docs} at one page (or {@code --features} at one family's folder) checks that family, and
     * does not report every other family's Rules as naming unknown clauses, or its pages as uncovered. Pages and
     * features of no family are always checked; a scenario of a family's feature without the family's tag
     * ({@code @family:<id>}) is a problem, since the family's steps would not run for it.
     */
    static Traced traced(List<Path> docs, List<Path> features, PageReader.Limits limits, PrintWriter err) throws InputError {
        PageSource pages = pages(docs, limits, err);
        List<FeatureFile> files = features(features);
        io.ddikit.run.Families families = io.ddikit.run.Families.kit();
        java.util.Set<String> withPages = new java.util.HashSet<>();
        pages.pages().forEach(p -> families.ownerOf(p.file()).ifPresent(f -> withPages.add(f.id())));
        java.util.Map<String, String> pageOfClause = new java.util.HashMap<>();
        pages.pages().forEach(p -> p.clauses().forEach(c -> pageOfClause.put(c.id().value(), p.file())));
        java.util.Map<String, String> familyOf = new java.util.LinkedHashMap<>();
        files.forEach(f -> familyOf(families, f, pageOfClause).ifPresent(x -> familyOf.put(f.file(), x.id())));
        java.util.Set<String> withFeatures = new java.util.HashSet<>(familyOf.values());
        // a feature in a family's folder whose pages were not read is out of scope, and so is one named after a page of
        // its family (nf-ndis-ndisacquirespinlock.feature for nf-ndis-ndisacquirespinlock.md) that was not read; a
        // feature of no family stays in
        java.util.Set<String> read = new java.util.HashSet<>();
        pages.pages().forEach(p -> read.add(baseName(p.file())));
        List<FeatureFile> scopedFeatures = files.stream()
                .filter(f -> families.ofFeature(f.file()).map(x -> withPages.contains(x.id())
                        && (read.contains(baseName(f.file())) || x.pages().stream().map(Project::baseName)
                                .noneMatch(baseName(f.file())::equals))).orElse(true)).toList();
        // a family's pages are out of scope when features of other families were given and none of it
        List<DocPage> scopedPages = pages.pages().stream()
                .filter(p -> withFeatures.isEmpty()
                        || families.ownerOf(p.file()).map(x -> withFeatures.contains(x.id())).orElse(true)).toList();
        TraceReport checked = new TraceChecker().check(scopedPages, scopedFeatures);
        familyOf.keySet().retainAll(scopedFeatures.stream().map(FeatureFile::file).toList());
        List<io.ddikit.trace.TraceProblem> problems = new java.util.ArrayList<>(checked.problems());
        for (FeatureFile f : scopedFeatures) {
            String family = familyOf.get(f.file());
            if (family == null) {
                continue;
            }
            String tag = "@family:" + family;
            List<FeatureFile.ScenarioSpec> all = new java.util.ArrayList<>(f.loose());
            f.rules().forEach(r -> all.addAll(r.scenarios()));
            all.stream().filter(s -> !s.tags().contains(tag)).findFirst().ifPresent(s -> problems.add(0,
                    new io.ddikit.trace.TraceProblem(io.ddikit.trace.TraceProblem.Kind.FAMILY_TAG_MISSING, f.file(), s.line(), "",
                            "scenario '" + s.name() + "' checks the " + family + " family's clauses but lacks its tag " + tag
                                    + ": put " + tag + " above the Feature line, or the family's steps do not run for it")));
        }
        TraceReport trace = new TraceReport(problems, checked.coverage(), checked.drifted(), checked.untestable());
        return new Traced(pages, scopedFeatures, trace, families, familyOf);
    }

    /** A file's name without its folders and its extension: {@code nf-ndis-ndisacquirespinlock}. */
    private static String baseName(String file) {
        String f = file.replace('\\', '/');
        String name = f.substring(f.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** A problem with what the user gave: one line, exit code 2. */
    public static final class InputError extends Exception {
        private static final long serialVersionUID = 1L;

        InputError(String message) {
            super(message);
        }
    }
}
