package io.ddikit.cli;

import io.ddikit.doc.DocPage;
import io.ddikit.doc.PageSource;
import io.ddikit.grade.ClauseGrader;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.ImplementationInfo;
import io.ddikit.result.RunInfo;
import io.ddikit.result.ScenarioResult;
import io.ddikit.run.Families;
import io.ddikit.run.SuiteRunner;
import io.ddikit.run.TargetResolver;
import io.ddikit.suite.ApiFamily;
import io.ddikit.suite.SuiteContext;
import io.ddikit.suite.Target;
import io.ddikit.trace.FeatureFile;
import io.ddikit.trace.TraceProblem;
import io.ddikit.trace.TraceReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The kit's pipeline, read → check → run → grade → report, as one facade: what {@code run} and {@code selftest} use,
 * and what the kit's own end-to-end tests and benchmarks use (never a copy of it). It holds the pages, the features and
 * their trace, which family each page and feature belongs to; it runs one implementation in this process (or says
 * what a sandboxed worker needs to run it: {@link #workerRequest}; the worker then runs the stage below, {@code
 * SuiteRunner}, and the session grades what came back), grades it against its family's pages, and writes the report.
 */
public final class SuiteSession {
    final PageSource pages;
    final TraceReport trace;
    final TargetResolver resolver;
    final Families families;
    private final Map<String, List<FeatureFile>> featuresByFamily;
    private final List<Path> classpath;
    private final String tags;
    private final int processors;
    private final Duration callTimeout;
    private final long seed;
    private final SuiteContext.Schedules schedules;

    private SuiteSession(PageSource pages, TraceReport trace, TargetResolver resolver, Families families,
                         Map<String, List<FeatureFile>> featuresByFamily, List<Path> classpath, String tags,
                         int processors, Duration callTimeout, long seed, SuiteContext.Schedules schedules) {
        this.pages = pages;
        this.trace = trace;
        this.resolver = resolver;
        this.families = families;
        this.featuresByFamily = featuresByFamily;
        this.classpath = classpath;
        this.tags = tags;
        this.processors = processors;
        this.callTimeout = callTimeout;
        this.seed = seed;
        this.schedules = schedules;
    }

    /** The controlled tier's options, checked: {@code --explore N} and {@code --replay ID}. */
    static SuiteContext.Schedules schedules(int explore, String replay) throws Project.InputError {
        if (explore < 0 || explore > SuiteContext.Schedules.MAX_EXPLORE) {
            throw new Project.InputError("--explore must be 0 to " + SuiteContext.Schedules.MAX_EXPLORE + ", not " + explore);
        }
        if (replay != null) {
            try {
                replay = io.ddikit.sched.ScheduleId.parse(replay).toString();
            } catch (IllegalArgumentException e) {
                throw new Project.InputError("--replay: " + e.getMessage());
            }
        }
        return new SuiteContext.Schedules(explore, replay);
    }

    /**
     * What a session reads and how it runs.
     *
     * @param docs               pages: files or folders
     * @param features           features: files or folders
     * @param limits             bounds on reading one page
     * @param classpath          jars or folders of implementations beside the kit's own
     * @param tags               a Cucumber tag expression selecting scenarios, or empty for all
     * @param processors         simulated processors per machine, 1 to 64
     * @param callTimeoutSeconds bound on one call into the implementation
     * @param seed               seed of every randomised choice
     * @param schedules          the controlled tier's exploration
     */
    public record Settings(List<Path> docs, List<Path> features, io.ddikit.doc.read.PageReader.Limits limits,
                           List<Path> classpath, String tags, int processors, double callTimeoutSeconds, long seed,
                           SuiteContext.Schedules schedules) {
        public Settings {
            docs = List.copyOf(docs);
            features = List.copyOf(features);
            classpath = List.copyOf(classpath);
            tags = tags == null ? "" : tags;
        }

        /** The project's pages and features ({@code docs-source/}, {@code features/}) with every default of {@code ddikit run}. */
        public static Settings project(long seed) {
            return new Settings(List.of(Path.of(Project.DEFAULT_DOCS)), List.of(Path.of(Project.DEFAULT_FEATURES)),
                    io.ddikit.doc.read.PageReader.Limits.DEFAULT, List.of(), "", SuiteContext.DEFAULT_PROCESSORS,
                    SuiteContext.DEFAULT_CALL_TIMEOUT.toMillis() / 1000.0, seed, SuiteContext.Schedules.defaults());
        }

        public Settings withPaths(List<Path> docs, List<Path> features) {
            return new Settings(docs, features, limits, classpath, tags, processors, callTimeoutSeconds, seed, schedules);
        }

        public Settings withTags(String tags) {
            return new Settings(docs, features, limits, classpath, tags, processors, callTimeoutSeconds, seed, schedules);
        }

        public Settings withCallTimeout(double seconds) {
            return new Settings(docs, features, limits, classpath, tags, processors, seconds, seed, schedules);
        }

        public Settings withSchedules(SuiteContext.Schedules schedules) {
            return new Settings(docs, features, limits, classpath, tags, processors, callTimeoutSeconds, seed, schedules);
        }
    }

    /** {@link #open(Settings, PrintWriter)}, the settings given one by one. */
    static SuiteSession open(List<Path> docs, List<Path> features, io.ddikit.doc.read.PageReader.Limits limits,
                             List<Path> classpath, String tags, int processors,
                             double callTimeoutSeconds, long seed, SuiteContext.Schedules schedules, PrintWriter err)
            throws Project.InputError, io.ddikit.run.RunInputException {
        return open(new Settings(docs, features, limits, classpath, tags, processors, callTimeoutSeconds, seed, schedules), err);
    }

    /**
     * Reads the pages and features (trace problems are printed to {@code err} as warnings, with the seed and the
     * exploration) and finds the families and implementations.
     */
    public static SuiteSession open(Settings settings, PrintWriter err) throws Project.InputError, io.ddikit.run.RunInputException {
        List<Path> docs = settings.docs();
        List<Path> features = settings.features();
        io.ddikit.doc.read.PageReader.Limits limits = settings.limits();
        List<Path> classpath = settings.classpath();
        String tags = settings.tags();
        int processors = settings.processors();
        double callTimeoutSeconds = settings.callTimeoutSeconds();
        long seed = settings.seed();
        SuiteContext.Schedules schedules = settings.schedules();
        if (processors < 1 || processors > 64) {
            throw new Project.InputError("--processors must be 1 to 64, not " + processors);
        }
        if (!(callTimeoutSeconds > 0) || callTimeoutSeconds > 3600) {
            throw new Project.InputError("--call-timeout must be more than 0 and at most 3600 seconds");
        }
        Duration callTimeout = Duration.ofMillis((long) (callTimeoutSeconds * 1000));
        Project.Traced traced = Project.traced(docs, features, limits, err);
        PageSource pages = traced.pages();
        List<FeatureFile> featureFiles = traced.features();
        TraceReport trace = traced.trace();
        for (TraceProblem p : trace.problems()) {
            err.println("warning: " + p);
        }
        TargetResolver resolver = TargetResolver.over(classpath);
        Families families = resolver.families();
        Map<String, List<FeatureFile>> byFamily = byFamily(families, traced.familyOf(), featureFiles, err);
        for (DocPage p : pages.pages()) {
            if (families.ownerOf(p.file()).isEmpty()) {
                err.println("warning: " + p.file() + " belongs to no API family the kit has; its clauses get no verdict");
            }
        }
        err.println("seed " + seed + " (replay with --seed " + seed + ")");
        err.println(schedules.replay() != null ? "controlled tier: schedule " + schedules.replay() + " only, no stress tier (--replay)"
                : schedules.explore() == 0 ? "controlled tier off (--explore 0): stress tier only"
                : "controlled tier: up to " + schedules.explore() + " schedules per contention scenario (--explore), then the stress tier");
        return new SuiteSession(pages, trace, resolver, families, byFamily, classpath, tags, processors, callTimeout, seed,
                schedules);
    }

    /** The feature files of each family ({@link Project.Traced#familyOf}); a file of no family is not run (a warning). */
    private static Map<String, List<FeatureFile>> byFamily(Families families, Map<String, String> familyOf,
                                                           List<FeatureFile> files, PrintWriter err) {
        Map<String, List<FeatureFile>> byFamily = new LinkedHashMap<>();
        families.all().forEach(f -> byFamily.put(f.id(), new ArrayList<>()));
        for (FeatureFile f : files) {
            String family = familyOf.get(f.file());
            if (family == null) {
                err.println("warning: " + f.file() + " is in no family's folder (features/<family>/) and checks no clause"
                        + " of a family's page; it is not run");
            } else {
                byFamily.get(family).add(f);
            }
        }
        return byFamily;
    }

    /**
     * This session's pages, features and implementations with another seed, tag expression and exploration: what
     * repeated runs of one suite (benchmarks, tests over many seeds) use instead of reading everything again.
     */
    public SuiteSession with(long seed, String tags, SuiteContext.Schedules schedules) {
        return new SuiteSession(pages, trace, resolver, families, featuresByFamily, classpath, tags == null ? "" : tags,
                processors, callTimeout, seed, schedules);
    }

    /** Every page read (of every family, and of none). */
    public List<DocPage> pages() {
        return pages.pages();
    }

    /** The trace check of the pages against the features. */
    public TraceReport trace() {
        return trace;
    }

    /** The implementation {@code name} of {@code family} that the kit (or a jar of the class path) has. */
    public Target implementation(String family, String name) throws io.ddikit.run.RunInputException {
        return resolver.select(family, name);
    }

    /** The faulty implementations of every family's catalogue, for the kit's self-test. */
    public List<io.ddikit.suite.FaultyTarget> faults() throws io.ddikit.run.RunInputException {
        return resolver.faults();
    }

    /**
     * Writes the report of {@code verdicts} into {@code dir} (pages, index, conformance.json, JUnit XML) and returns its
     * index page.
     */
    public Path report(Path dir, List<ImplementationVerdict> verdicts) throws IOException {
        return report(dir, verdicts, io.ddikit.campaign.Campaign.NONE);
    }

    /** {@link #report(Path, List)} with a campaign's marks, diff and repeat counts beside the verdicts. */
    public Path report(Path dir, List<ImplementationVerdict> verdicts, io.ddikit.campaign.Campaign campaign) throws IOException {
        return new io.ddikit.report.ReportWriter().write(dir, io.ddikit.report.ReportInput.of(pages.pages(), verdicts,
                io.ddikit.result.KitVersion.current(), families.all().stream()
                        .map(f -> new io.ddikit.report.ReportInput.Family(f.id(), f.title())).toList()).with(campaign));
    }

    /** The Cucumber tag expression the session runs ({@code ""} for every scenario). */
    public String tags() {
        return tags;
    }

    /** How the controlled-schedule tier explores or replays. */
    public SuiteContext.Schedules schedules() {
        return schedules;
    }

    /** The families this session can run: each has pages among those read and at least one feature file. */
    public List<ApiFamily> families() {
        return families.all().stream()
                .filter(f -> !pagesOf(f.id()).isEmpty() && !featuresByFamily.getOrDefault(f.id(), List.of()).isEmpty())
                .toList();
    }

    /** Refuses a {@code --family} id that names no known family, with the known ones in the message. */
    void checkFamilyIds(List<String> ids) throws Project.InputError {
        for (String id : ids) {
            if (families.byId(id).isEmpty()) {
                throw new Project.InputError("--family " + io.ddikit.result.Bounds.printable(id, 100) + ": no such API family; known: "
                        + String.join(", ", families.all().stream().map(ApiFamily::id).toList()));
            }
        }
    }

    /** The pages of family {@code id}, in the order read. */
    public List<DocPage> pagesOf(String id) {
        return families.byId(id).map(f -> families.pagesOf(f, pages.pages())).orElse(List.of());
    }

    /** Each page's file and fingerprint, of family {@code id}. */
    Map<String, String> fingerprintsOf(String id) {
        return DocPage.fingerprints(pagesOf(id));
    }

    private List<Path> featurePaths(String family) {
        return featuresByFamily.getOrDefault(family, List.of()).stream().map(f -> Path.of(f.file())).toList();
    }

    /** Runs the suite in this process against one implementation, its results under {@code outDir}, and grades it. */
    public ImplementationVerdict run(Target target, Path outDir, Consumer<ScenarioResult> progress) throws IOException,
            io.ddikit.run.RunInputException {
        return run(target, List.of(), outDir, progress);
    }

    /**
     * Runs, in this process, only the scenarios of {@code clauses} (every scenario the session selects when empty)
     * against one implementation, and grades it.
     */
    public ImplementationVerdict run(Target target, List<String> clauses, Path outDir, Consumer<ScenarioResult> progress)
            throws IOException, io.ddikit.run.RunInputException {
        ApiFamily family = families.require(target.family());
        String selected = tags;
        if (!clauses.isEmpty()) {
            String only = "(" + String.join(" or ", clauses.stream().map(io.ddikit.trace.Tags::clauseTag).toList()) + ")";
            selected = tags == null || tags.isBlank() ? only : "(" + tags + ") and " + only;
        }
        SuiteRunner.Outcome o = new SuiteRunner().run(new SuiteRunner.Request(target, featurePaths(family.id()), family.glue(),
                selected, processors, callTimeout, seed, outDir, Path.of(""), resolver.classLoader(), progress,
                fingerprintsOf(family.id()), schedules, false));
        return grade(o.implementation(), o.run(), o.scenarios());
    }

    /** How many scenarios of family {@code id} the tag expression selects (each example row of an outline counts as one). */
    int scenarioCount(String id) {
        return expectedScenarios(id).size();
    }

    /**
     * The scenarios of family {@code id} the tag expression selects, by {@code file:line} as results name them (the
     * file relative to the project when it lies in it), each with the clause ids it checks. A worker may report these
     * and no others.
     */
    Map<String, List<String>> expectedScenarios(String id) {
        io.cucumber.tagexpressions.Expression selected = tags == null || tags.isBlank()
                ? t -> true : io.cucumber.tagexpressions.TagExpressionParser.parse(tags);
        Path root = Path.of("").toAbsolutePath().normalize();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (FeatureFile f : featuresByFamily.getOrDefault(id, List.of())) {
            Path p = Path.of(f.file()).toAbsolutePath().normalize();
            String file = (p.startsWith(root) ? root.relativize(p) : p).toString().replace('\\', '/');
            List<FeatureFile.ScenarioSpec> all = new ArrayList<>(f.loose());
            f.rules().forEach(r -> all.addAll(r.scenarios()));
            all.stream().filter(s -> selected.evaluate(s.tags())).forEach(s -> expected.put(file + ":" + s.line(), s.clauseIds()));
        }
        return expected;
    }

    /** What a worker needs to run family {@code family}'s suite against one implementation, its results under {@code outDir}. */
    io.ddikit.isolate.WorkerRequest workerRequest(String family, String implementation, Path outDir) {
        return new io.ddikit.isolate.WorkerRequest(io.ddikit.isolate.WorkerRequest.RUN, absolute(classpath), family,
                implementation, absolute(featurePaths(family)), tags, processors, callTimeout.toMillis(), seed,
                outDir.toAbsolutePath().toString(), Path.of("").toAbsolutePath().toString(), fingerprintsOf(family),
                schedules.explore(), schedules.replay(), null, null, null);
    }

    /** A run of family {@code family} in this session starting now, isolated as {@code isolation} says. */
    RunInfo startingRun(String family, RunInfo.Isolation isolation) {
        return RunInfo.startingHere(processors, seed, fingerprintsOf(family)).isolated(isolation);
    }

    static List<String> absolute(List<Path> paths) {
        return paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
    }

    /** Grades the results of one implementation's run against the pages of its family. */
    public ImplementationVerdict grade(ImplementationInfo implementation, RunInfo run, List<ScenarioResult> scenarios) {
        return new ClauseGrader().grade(pagesOf(implementation.family()), trace, implementation, run, scenarios);
    }
}
