package io.ddikit.cli;

import io.ddikit.doc.DocPage;
import io.ddikit.doc.PageSource;
import io.ddikit.grade.ClauseGrader;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.report.ReportInput;
import io.ddikit.report.ReportWriter;
import io.ddikit.result.KitVersion;
import io.ddikit.result.RunMerger;
import io.ddikit.run.ResultStore;
import io.ddikit.trace.FeatureFile;
import io.ddikit.trace.TraceProblem;
import io.ddikit.trace.TraceReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code ddikit report}: grades stored results again and writes the report, from one run's folder ({@code --from}) or
 * from several runs merged ({@code --merge}), such as shards of the suite run on different machines.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rebuilds the report from the results a run stored (--from), or merges the results of several runs "
                + "into one report (--merge), grading them against the current pages and features.",
                "Exit 0 when every implementation conforms, 1 when one does not (or is incomplete, such as a run that was "
                        + "killed), 2 on bad input or results that do not match, 3 when an implementation crashed or hung, "
                        + "4 when the kit broke."})
final class ReportCommand implements Callable<Integer> {
    static final String DEFAULT_MERGED = "reports/merged";
    private static final String SHARD_PREFIX = "shard-";
    private static final String CUCUMBER = "cucumber";
    private static final String COMMAND = "ddikit report";

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--from", paramLabel = "DIR", required = true,
                description = "A run's report folder: its <implementation>/run.json and scenarios.ndjson are read.")
        Path from;

        @Option(names = "--merge", paramLabel = "DIR", arity = "1..*", required = true,
                description = "Report folders of several runs (shards, other implementations) to merge into one report.")
        List<Path> merge;
    }

    @Option(names = "--report", paramLabel = "OUT",
            description = "Where the report goes (default: the --from folder; with --merge: " + DEFAULT_MERGED + ").")
    Path out;

    @Option(names = "--docs", paramLabel = "PATH", defaultValue = Project.DEFAULT_DOCS, split = ",",
            description = "Pages: files or folders (default: ${DEFAULT-VALUE}).")
    List<Path> docs;

    @Option(names = "--features", paramLabel = "PATH", defaultValue = Project.DEFAULT_FEATURES, split = ",",
            description = "Features: files or folders (default: ${DEFAULT-VALUE}).")
    List<Path> features;

    @picocli.CommandLine.Mixin
    CampaignOptions campaignOptions = new CampaignOptions();

    @Option(names = "--allow-mismatch",
            description = "Go ahead (with a warning) when the runs saw other pages than the current ones or than each other, "
                    + "or were taken with other kit versions or processor counts.")
    boolean allowMismatch;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean merging = source.merge != null;
        Path reportDir = this.out != null ? this.out : merging ? Path.of(DEFAULT_MERGED) : source.from;
        List<ReportFolderLock> locks = new ArrayList<>();
        try {
            CampaignOptions.Inputs campaignInputs = campaignOptions.read(features, Project.pageLimits(spec), err);
            List<Path> dirs = merging ? source.merge : List.of(source.from);
            // no run may write into the folders read, nor into the one written, while the report is made from them
            for (Path d : dirs) {
                if (locks.stream().noneMatch(l -> l != null && l.isOf(d))) {
                    locks.add(same(d, reportDir) ? ReportFolderLock.takeIfExists(d, COMMAND, ReportFolderLock.WRITING)
                            : ReportFolderLock.takeToRead(d, COMMAND));
                }
            }
            List<StoredResults.Found> found = new ArrayList<>();
            for (Path d : dirs) {
                found.addAll(StoredResults.under(d));
            }
            checkDestination(reportDir, dirs, found, merging);
            if (locks.stream().noneMatch(l -> l != null && l.isOf(reportDir))) {
                locks.add(ReportFolderLock.take(reportDir, COMMAND, ReportFolderLock.WRITING));
            }

            Project.Traced traced = Project.traced(docs, features, Project.pageLimits(spec), err);
            PageSource pages = traced.pages();
            List<FeatureFile> featureFiles = traced.features();
            TraceReport trace = traced.trace();
            for (TraceProblem p : trace.problems()) {
                err.println("warning: " + p);
            }
            if (featureFiles.stream().anyMatch(f -> !f.readable())) {
                throw new Project.InputError("some features could not be read (see above)");
            }

            List<RunMerger.Part> parts = found.stream().map(StoredResults.Found::part).toList();
            List<String> mismatches = new ArrayList<>(RunMerger.mismatches(parts));
            io.ddikit.run.Families known = traced.families();
            for (RunMerger.Part p : parts) {
                Map<String, String> current = DocPage.fingerprints(known.byId(p.implementation().family())
                        .map(f -> known.pagesOf(f, pages.pages())).orElse(pages.pages()));
                String m = againstCurrentPages(p, current);
                if (m != null) {
                    mismatches.add(m);
                }
            }
            if (!mismatches.isEmpty()) {
                if (!allowMismatch) {
                    throw new Project.InputError(mismatches.get(0) + " (--allow-mismatch goes ahead anyway)");
                }
                mismatches.forEach(m -> err.println("warning: " + m));
            }
            for (RunMerger.Part p : parts) {
                if (!Objects.equals(p.run().kitVersion(), KitVersion.current())) {
                    err.println("warning: " + p.source() + " was taken with ddikit " + p.run().kitVersion()
                            + "; ddikit " + KitVersion.current() + " grades it");
                }
                if (!p.run().complete()) {
                    err.println("warning: " + p.source() + ": the run had not ended (still running, or killed); "
                            + p.scenarios().size() + " scenarios had finished");
                }
            }

            Map<String, List<StoredResults.Found>> byImpl = new LinkedHashMap<>();
            found.forEach(f -> byImpl.computeIfAbsent(ReportInput.key(f.part().implementation()), k -> new ArrayList<>()).add(f));
            io.ddikit.run.Families families = known;
            for (String family : found.stream().map(f -> f.part().implementation().family()).distinct().toList()) {
                Project.distinctSlugs(found.stream().map(f -> f.part().implementation()).filter(i -> i.family().equals(family))
                        .map(io.ddikit.result.ImplementationInfo::name).distinct().toList());
            }

            // from here on files change under OUT: a report that looks whole must not survive a failure part way
            Files.deleteIfExists(reportDir.resolve(ReportWriter.INDEX));
            List<ImplementationVerdict> verdicts = new ArrayList<>();
            Map<String, List<ReportInput.Artifact>> artifacts = new LinkedHashMap<>();
            for (List<StoredResults.Found> group : byImpl.values()) {
                RunMerger.Merged m;
                if (!merging && group.size() == 1) {
                    RunMerger.Part p = group.get(0).part();
                    m = new RunMerger.Merged(p.implementation(), p.run(), p.scenarios());
                } else {
                    m = RunMerger.merge(group.stream().map(StoredResults.Found::part).toList(), w -> err.println("warning: " + w));
                }
                String slug = ReportWriter.folder(m.implementation().family(), m.implementation().name());
                Path implDir = reportDir.resolve(slug);
                if (merging) {
                    keep(implDir, group, m);
                } else if (group.size() == 1 && !same(group.get(0).dir(), implDir)) {
                    copyTree(group.get(0).dir(), implDir, true);
                }
                artifacts.put(ReportInput.key(m.implementation()), artifacts(reportDir, slug));
                List<io.ddikit.doc.DocPage> graded = families.byId(m.implementation().family())
                        .map(f -> families.pagesOf(f, pages.pages())).orElse(pages.pages());
                verdicts.add(new ClauseGrader().grade(graded, trace, m.implementation(), m.run(), m.scenarios()));
            }
            err.flush();
            io.ddikit.campaign.Campaign campaign = campaignInputs.campaign(pages.pages(), verdicts, null, reportDir.toString());
            for (ImplementationVerdict v : verdicts) {
                RunCommand.print(out, v, campaign.expectations());
            }
            CampaignOptions.print(out, campaign);
            Path index = new ReportWriter().write(reportDir,
                    new ReportInput(pages.pages(), verdicts, KitVersion.current(), families.all().stream()
                            .map(f -> new ReportInput.Family(f.id(), f.title())).toList(), artifacts, campaign));
            out.println();
            out.println("report: " + index);
            out.flush();
            return RunCommand.exitCode(verdicts, campaign.expectations());
        } catch (Project.InputError e) {
            err.println("ddikit report: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        } catch (IOException e) {
            err.println("ddikit report: cannot write the report under " + reportDir + ": " + e.getMessage());
            return ExitCodes.KIT_ERROR;
        } finally {
            ReportFolderLock.releaseAll(locks);
        }
    }

    /** Merged results never overwrite what they were merged from, and no report is written inside a run's results. */
    private static void checkDestination(Path reportDir, List<Path> dirs, List<StoredResults.Found> found, boolean merging)
            throws Project.InputError {
        Path outAbs = reportDir.toAbsolutePath().normalize();
        for (StoredResults.Found f : found) {
            Path store = f.dir().toAbsolutePath().normalize();
            if (outAbs.startsWith(store)) {
                throw new Project.InputError("--report " + reportDir + " is inside the results of " + f.dir()
                        + "; choose another folder");
            }
        }
        if (merging) {
            for (Path d : dirs) {
                if (d.toAbsolutePath().normalize().equals(outAbs)) {
                    throw new Project.InputError("--report " + reportDir + " is one of the folders merged; choose another folder");
                }
            }
        }
    }

    /** Why a run's pages are not the current ones, naming the page and both fingerprints; null when they are. */
    static String againstCurrentPages(RunMerger.Part p, Map<String, String> current) {
        Map<String, String> stored = p.run().pages();
        if (stored.isEmpty()) {
            return p.source() + " records no page fingerprints, so it cannot be matched with the current pages";
        }
        TreeSet<String> files = new TreeSet<>(stored.keySet());
        files.addAll(current.keySet());
        for (String file : files) {
            String then = stored.get(file);
            String now = current.get(file);
            if (!Objects.equals(then, now)) {
                return p.source() + " was taken against other pages than the current ones: " + file + " is "
                        + (then == null ? "absent from " + p.source() : then + " in " + p.source()) + " and "
                        + (now == null ? "absent now" : now + " now");
            }
        }
        return null;
    }

    /**
     * Writes the merged results beside the report ({@code <slug>/run.json} and {@code scenarios.ndjson}, so that the
     * merged report can be rebuilt and merged again) and a copy of each run's other files (Cucumber's outputs) in
     * {@code <slug>/shard-<n>/}.
     */
    private static void keep(Path implDir, List<StoredResults.Found> group, RunMerger.Merged m) throws IOException {
        Files.createDirectories(implDir);
        try (Stream<Path> old = Files.list(implDir)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith(SHARD_PREFIX)
                    || p.getFileName().toString().equals(CUCUMBER)).toList()) {
                deleteTree(p);
            }
        }
        for (int i = 0; i < group.size(); i++) {
            copyTree(group.get(i).dir(), implDir.resolve(SHARD_PREFIX + (i + 1)), false);
        }
        ResultStore.write(implDir, m.implementation(), m.run(), m.scenarios());
    }

    /** Copies a store's folder; its results ({@code run.json}, {@code scenarios.ndjson}) only when asked. */
    private static void copyTree(Path from, Path to, boolean withResults) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Path rel = from.relativize(f);
            String name = f.getFileName().toString();
            if (name.endsWith(".tmp")) {
                continue;
            }
            if (!withResults && rel.getNameCount() == 1
                    && (name.equals(StoredResults.RUN_FILE) || name.equals("scenarios.ndjson"))) {
                continue;
            }
            Path target = to.resolve(rel.toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * Cucumber's outputs for one implementation, wherever they are under {@code <slug>/} (its own {@code cucumber/},
     * or one per merged run); the usual three, shown as not written, when there are none.
     */
    private static List<ReportInput.Artifact> artifacts(Path reportDir, String slug) throws IOException {
        Path implDir = reportDir.resolve(slug);
        List<Path> cucumberDirs = new ArrayList<>();
        if (Files.isDirectory(implDir)) {
            try (Stream<Path> walk = Files.walk(implDir, 8)) {
                walk.filter(p -> Files.isDirectory(p) && p.getFileName().toString().equals(CUCUMBER)).sorted()
                        .forEach(cucumberDirs::add);
            }
        }
        if (cucumberDirs.isEmpty()) {
            return defaults(slug);
        }
        List<ReportInput.Artifact> out = new ArrayList<>();
        for (Path c : cucumberDirs) {
            Path where = implDir.relativize(c.getParent());
            String suffix = where.toString().isEmpty() ? "" : " (" + where.toString().replace('\\', '/') + ")";
            String base = slug + "/" + implDir.relativize(c).toString().replace('\\', '/') + "/";
            addIfExists(out, c, "index.html", "Cucumber HTML report" + suffix, base);
            addIfExists(out, c, "messages.ndjson", "Cucumber messages (ndjson)" + suffix, base);
            addIfExists(out, c, "junit.xml", "Cucumber JUnit XML" + suffix, base);
        }
        return out.isEmpty() ? defaults(slug) : out;
    }

    private static void addIfExists(List<ReportInput.Artifact> out, Path dir, String file, String label, String base) {
        if (Files.isRegularFile(dir.resolve(file))) {
            out.add(new ReportInput.Artifact(label, base + file));
        }
    }

    private static List<ReportInput.Artifact> defaults(String slug) {
        return List.of(new ReportInput.Artifact("Cucumber HTML report", slug + "/" + ReportInput.CUCUMBER_HTML),
                new ReportInput.Artifact("Cucumber messages (ndjson)", slug + "/" + ReportInput.CUCUMBER_MESSAGES),
                new ReportInput.Artifact("Cucumber JUnit XML", slug + "/" + ReportInput.CUCUMBER_JUNIT));
    }
}
