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
 * What {@code run}, {@code selftest} and {@code report} share: the pages, the features and their trace, which family
 * each page and feature belongs to, running one implementation and grading it against its family's pages.
 */
final class SuiteSession {
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

    /** Reads the pages and features (trace problems are printed as warnings) and finds the families and implementations. */
    static SuiteSession open(List<Path> docs, List<Path> features, io.ddikit.doc.read.PageReader.Limits limits,
                             List<Path> classpath, String tags, int processors,
                             double callTimeoutSeconds, long seed, SuiteContext.Schedules schedules, PrintWriter err)
            throws Project.InputError, io.ddikit.run.RunInputException {
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

    /** The families this session can run: each has pages among those read and at least one feature file. */
    List<ApiFamily> families() {
        return families.all().stream()
                .filter(f -> !pagesOf(f.id()).isEmpty() && !featuresByFamily.getOrDefault(f.id(), List.of()).isEmpty())
                .toList();
    }

    /** The pages of family {@code id}, in the order read. */
    List<DocPage> pagesOf(String id) {
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
    ImplementationVerdict run(Target target, Path outDir, Consumer<ScenarioResult> progress) throws IOException,
            io.ddikit.run.RunInputException {
        return run(target, List.of(), outDir, progress);
    }

    /**
     * Runs, in this process, only the scenarios of {@code clauses} (every scenario the session selects when empty)
     * against one implementation, and grades it.
     */
    ImplementationVerdict run(Target target, List<String> clauses, Path outDir, Consumer<ScenarioResult> progress)
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
                schedules.explore(), schedules.replay());
    }

    /** A run of family {@code family} in this session starting now, isolated as {@code isolation} says. */
    RunInfo startingRun(String family, RunInfo.Isolation isolation) {
        return RunInfo.startingHere(processors, seed, fingerprintsOf(family)).isolated(isolation);
    }

    static List<String> absolute(List<Path> paths) {
        return paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
    }

    /** Grades the results of one implementation's run against the pages of its family. */
    ImplementationVerdict grade(ImplementationInfo implementation, RunInfo run, List<ScenarioResult> scenarios) {
        return new ClauseGrader().grade(pagesOf(implementation.family()), trace, implementation, run, scenarios);
    }
}
