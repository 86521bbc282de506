package io.ddikit.cli;

import io.ddikit.doc.PageSource;
import io.ddikit.grade.ClauseGrader;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.ScenarioResult;
import io.ddikit.run.SuiteRunner;
import io.ddikit.run.TargetResolver;
import io.ddikit.suite.Target;
import io.ddikit.trace.FeatureFile;
import io.ddikit.trace.TraceChecker;
import io.ddikit.trace.TraceProblem;
import io.ddikit.trace.TraceReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** What {@code run} and {@code selftest} share: the pages, the features and their trace, and running one target. */
final class SuiteSession {
    final PageSource pages;
    final TraceReport trace;
    final TargetResolver resolver;
    private final List<Path> features;
    private final List<FeatureFile> featureFiles;
    private final List<Path> classpath;
    private final String tags;
    private final int processors;
    private final Duration callTimeout;
    private final long seed;
    private final io.ddikit.suite.SuiteContext.Schedules schedules;

    private SuiteSession(PageSource pages, TraceReport trace, TargetResolver resolver, List<Path> features,
                         List<FeatureFile> featureFiles, List<Path> classpath, String tags,
                         int processors, Duration callTimeout, long seed, io.ddikit.suite.SuiteContext.Schedules schedules) {
        this.schedules = schedules;
        this.featureFiles = featureFiles;
        this.classpath = classpath;
        this.pages = pages;
        this.trace = trace;
        this.resolver = resolver;
        this.features = features;
        this.tags = tags;
        this.processors = processors;
        this.callTimeout = callTimeout;
        this.seed = seed;
    }

    /** The controlled tier's options, checked: {@code --explore N} and {@code --replay ID}. */
    static io.ddikit.suite.SuiteContext.Schedules schedules(int explore, String replay) throws Project.InputError {
        if (explore < 0 || explore > io.ddikit.suite.SuiteContext.Schedules.MAX_EXPLORE) {
            throw new Project.InputError("--explore must be 0 to " + io.ddikit.suite.SuiteContext.Schedules.MAX_EXPLORE + ", not " + explore);
        }
        if (replay != null) {
            try {
                replay = io.ddikit.sched.ScheduleId.parse(replay).toString();
            } catch (IllegalArgumentException e) {
                throw new Project.InputError("--replay: " + e.getMessage());
            }
        }
        return new io.ddikit.suite.SuiteContext.Schedules(explore, replay);
    }

    /** Reads the pages and features (trace problems are printed as warnings) and finds the implementations. */
    static SuiteSession open(List<Path> docs, List<Path> features, List<Path> classpath, String tags, int processors,
                             double callTimeoutSeconds, long seed, io.ddikit.suite.SuiteContext.Schedules schedules, PrintWriter err)
            throws Project.InputError, io.ddikit.run.RunInputException {
        if (processors < 1 || processors > 64) {
            throw new Project.InputError("--processors must be 1 to 64, not " + processors);
        }
        if (!(callTimeoutSeconds > 0) || callTimeoutSeconds > 3600) {
            throw new Project.InputError("--call-timeout must be more than 0 and at most 3600 seconds");
        }
        Duration callTimeout = Duration.ofMillis((long) (callTimeoutSeconds * 1000));
        PageSource pages = Project.pages(docs, err);
        List<FeatureFile> featureFiles = Project.features(features);
        TraceReport trace = new TraceChecker().check(pages.pages(), featureFiles);
        for (TraceProblem p : trace.problems()) {
            err.println("warning: " + p);
        }
        err.println("seed " + seed + " (replay with --seed " + seed + ")");
        err.println(schedules.replay() != null ? "controlled tier: schedule " + schedules.replay() + " only, no stress tier (--replay)"
                : schedules.explore() == 0 ? "controlled tier off (--explore 0): stress tier only"
                : "controlled tier: up to " + schedules.explore() + " schedules per contention scenario (--explore), then the stress tier");
        return new SuiteSession(pages, trace, TargetResolver.over(classpath), features, featureFiles, classpath, tags,
                processors, callTimeout, seed, schedules);
    }

    /** Runs the suite against one target, its results under {@code outDir}, and grades it. */
    ImplementationVerdict run(Target target, Path outDir, Consumer<ScenarioResult> progress) throws IOException {
        SuiteRunner.Outcome o = new SuiteRunner().run(new SuiteRunner.Request(target, features, List.of(SuiteRunner.DEFAULT_GLUE),
                tags, processors, callTimeout, seed, outDir, Path.of(""), resolver.classLoader(), progress,
                io.ddikit.doc.DocPage.fingerprints(pages.pages()), schedules, false));
        return new ClauseGrader().grade(pages.pages(), trace, o.implementation(), o.run(), o.scenarios());
    }

    /** How many scenarios the tag expression selects (each example row of an outline counts as one). */
    int scenarioCount() {
        return expectedScenarios().size();
    }

    /**
     * The scenarios the tag expression selects, by {@code file:line} as results name them (the file relative to
     * the project when it lies in it), each with the clause ids it checks. A worker may report these and no others.
     */
    java.util.Map<String, List<String>> expectedScenarios() {
        io.cucumber.tagexpressions.Expression selected = tags == null || tags.isBlank()
                ? t -> true : io.cucumber.tagexpressions.TagExpressionParser.parse(tags);
        Path root = Path.of("").toAbsolutePath().normalize();
        java.util.Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
        for (FeatureFile f : featureFiles) {
            Path p = Path.of(f.file()).toAbsolutePath().normalize();
            String file = (p.startsWith(root) ? root.relativize(p) : p).toString().replace('\\', '/');
            List<FeatureFile.ScenarioSpec> all = new java.util.ArrayList<>(f.loose());
            f.rules().forEach(r -> all.addAll(r.scenarios()));
            all.stream().filter(s -> selected.evaluate(s.tags())).forEach(s -> expected.put(file + ":" + s.line(), s.clauseIds()));
        }
        return expected;
    }

    /** What a worker needs to run the suite against one implementation, its results under {@code outDir}. */
    io.ddikit.isolate.WorkerRequest workerRequest(String implementation, Path outDir) {
        return new io.ddikit.isolate.WorkerRequest(io.ddikit.isolate.WorkerRequest.RUN, absolute(classpath), implementation,
                absolute(features), tags, processors, callTimeout.toMillis(), seed, outDir.toAbsolutePath().toString(),
                Path.of("").toAbsolutePath().toString(), io.ddikit.doc.DocPage.fingerprints(pages.pages()),
                schedules.explore(), schedules.replay());
    }

    /** A run of this session starting now, isolated as {@code isolation} says. */
    io.ddikit.result.RunInfo startingRun(io.ddikit.result.RunInfo.Isolation isolation) {
        return io.ddikit.result.RunInfo.startingHere(processors, seed, io.ddikit.doc.DocPage.fingerprints(pages.pages()))
                .isolated(isolation);
    }

    static List<String> absolute(List<Path> paths) {
        return paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
    }

    /** Grades the results of one implementation's run against the pages and features of this session. */
    ImplementationVerdict grade(io.ddikit.result.ImplementationInfo implementation, io.ddikit.result.RunInfo run,
                                List<ScenarioResult> scenarios) {
        return new ClauseGrader().grade(pages.pages(), trace, implementation, run, scenarios);
    }
}
