package io.ddikit.cli;

import io.ddikit.grade.ClauseVerdict;
import io.ddikit.grade.Conformance;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.report.ReportInput;
import io.ddikit.report.ReportWriter;
import io.ddikit.result.KitVersion;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;
import io.ddikit.isolate.IsolatedRunner;
import io.ddikit.result.ImplementationInfo;
import io.ddikit.run.ResultStore;
import io.ddikit.run.RunInputException;
import io.ddikit.run.ScenarioStart;
import io.ddikit.suite.SuiteContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/** {@code ddikit run}: the suite against one or more implementations. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the features against implementations, each in its own JVM process, prints a verdict per clause and writes the results.",
                "Exit 0 when every selected implementation conforms, 1 when one does not (or is incomplete), "
                        + "2 on bad input, 3 when an implementation crashed or hung, 4 when the kit broke."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--impl", paramLabel = "NAME", description = "An implementation to run (repeatable; default: those found in the --classpath jars, or the bundled ones when none is given).")
    List<String> impls = new ArrayList<>();

    @Option(names = "--classpath", paramLabel = "JAR", description = "A jar or class folder holding implementations (repeatable).")
    List<Path> classpath = new ArrayList<>();

    @Option(names = "--docs", paramLabel = "PATH", defaultValue = Project.DEFAULT_DOCS, split = ",",
            description = "Pages: files or folders (default: ${DEFAULT-VALUE}).")
    List<Path> docs;

    @Option(names = "--features", paramLabel = "PATH", defaultValue = Project.DEFAULT_FEATURES, split = ",",
            description = "Features: files or folders (default: ${DEFAULT-VALUE}).")
    List<Path> features;

    @Option(names = "--tags", paramLabel = "EXPR", description = "Run only the scenarios matching this Cucumber tag expression.")
    String tags;

    @Option(names = "--clause", paramLabel = "ID", description = "Run only the scenarios of this clause (repeatable).")
    List<String> clauses = new ArrayList<>();

    @Option(names = "--processors", paramLabel = "N", defaultValue = "" + SuiteContext.DEFAULT_PROCESSORS,
            description = "Simulated processors per machine, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int processors;

    @Option(names = "--call-timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "Bound on any one call into the implementation (default: ${DEFAULT-VALUE}).")
    double callTimeoutSeconds;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every randomised choice (default: a new one, printed).")
    Long seed;

    @Option(names = "--scenario-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Bound on one scenario; past it the implementation's process is stopped and its verdict is error (default: ${DEFAULT-VALUE}).")
    double scenarioTimeoutSeconds;

    @Option(names = "--run-timeout", paramLabel = "SECONDS", defaultValue = "1800",
            description = "Bound on one implementation's whole run (default: ${DEFAULT-VALUE}).")
    double runTimeoutSeconds;

    @Option(names = "--max-output", paramLabel = "MB", defaultValue = "16",
            description = "What an implementation may print before its process is stopped (default: ${DEFAULT-VALUE}).")
    int maxOutputMegabytes;

    @Option(names = "--max-heap", paramLabel = "MB", defaultValue = "1024",
            description = "Heap of each implementation's process (default: ${DEFAULT-VALUE}).")
    int maxHeapMegabytes;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "reports",
            description = "Where results and reports go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    boolean quiet;

    @Override
    @SuppressWarnings("try") // the lock is held for the whole body, never used in it
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ReportFolderLock lock = ReportFolderLock.take(reportDir, "ddikit run", ReportFolderLock.WRITING)) {
            IsolatedRunner.Limits limits = limits();
            long runSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
            SuiteSession session = SuiteSession.open(docs, features, classpath, tagExpression(), processors,
                    callTimeoutSeconds, runSeed, err);
            IsolatedRunner runner = new IsolatedRunner();
            List<ImplementationInfo> targets = select(runner.list(classpath, limits, reportDir));
            Project.distinctSlugs(targets.stream().map(ImplementationInfo::name).toList());
            int total = session.scenarioCount();
            if (total == 0) {
                throw new Project.InputError("no scenario matches the selection (--tags/--clause)");
            }
            List<ImplementationVerdict> verdicts = new ArrayList<>();
            Progress progress = new Progress(err, session, total);
            String kitError = null;
            Path index = null;
            for (ImplementationInfo t : targets) {
                Path dir = reportDir.resolve(ReportWriter.slug(t.name()));
                ResultStore.clear(dir);
                progress.begin(t.name(), dir, verdicts);
                IsolatedRunner.Outcome o = runner.run(session.workerRequest(t.name(), dir), limits, progress);
                if (o.inputError() != null) {
                    throw new Project.InputError(o.inputError());
                }
                if (o.problem() != null) {
                    ResultStore.recordProblem(dir, t, session.unstartedRun(), o.problem(), Instant.now());
                    if (o.unfinished() != null) {
                        ResultStore.appendAfterRun(dir, unfinished(t.name(), o));
                    }
                }
                if (o.kitError() != null) {
                    kitError = t.name() + ": " + o.kitError();
                }
                if (ResultStore.exists(dir)) {
                    ImplementationVerdict v = session.grade(ResultStore.read(dir));
                    verdicts.add(v);
                    print(out, v);
                    // Rewritten after each implementation (and while it runs), so a run stopped part way keeps what finished.
                    index = writeReport(session, verdicts);
                }
                if (kitError != null) {
                    break;
                }
            }
            if (index == null) {
                index = writeReport(session, verdicts);
            }
            out.println();
            out.println("report: " + index);
            out.flush();
            if (kitError != null) {
                err.println("ddikit run: kit error: " + kitError);
                return ExitCodes.KIT_ERROR;
            }
            return exitCode(verdicts);
        } catch (Project.InputError e) {
            err.println("ddikit run: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        } catch (RunInputException e) {
            err.println("ddikit run: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        } catch (ListingFailed e) {
            err.println("ddikit run: " + e.getMessage());
            return e.exitCode;
        } catch (IOException e) {
            err.println("ddikit run: cannot write results under " + reportDir + ": " + e.getMessage());
            return ExitCodes.KIT_ERROR;
        }
    }

    /** The scenario a worker was in when it died or was stopped: an error of the implementation's. */
    private static ScenarioResult unfinished(String implementation, IsolatedRunner.Outcome o) {
        ScenarioStart s = o.unfinished();
        int colon = s.location().lastIndexOf(':');
        String file = colon < 0 ? s.location() : s.location().substring(0, colon);
        int line = colon < 0 ? 0 : Integer.parseInt(s.location().substring(colon + 1));
        return new ScenarioResult(implementation, file, line, s.name(), s.clauses(), Verdict.ERROR, ScenarioResult.IMPLEMENTATION,
                o.unfinishedMillis(), "", 0, o.problem(), "");
    }

    private IsolatedRunner.Limits limits() throws Project.InputError {
        if (!(scenarioTimeoutSeconds > 0) || !(runTimeoutSeconds > 0)) {
            throw new Project.InputError("--scenario-timeout and --run-timeout must be more than 0 seconds");
        }
        if (maxOutputMegabytes < 1 || maxHeapMegabytes < 64) {
            throw new Project.InputError("--max-output must be at least 1 MB and --max-heap at least 64 MB");
        }
        return new IsolatedRunner.Limits(Duration.ofMillis((long) (scenarioTimeoutSeconds * 1000)),
                Duration.ofMillis((long) (runTimeoutSeconds * 1000)), (long) maxOutputMegabytes << 20, maxHeapMegabytes);
    }

    /** The implementations to run, from a worker's listing of the class path. */
    private List<ImplementationInfo> select(IsolatedRunner.Outcome listing) throws Project.InputError, ListingFailed {
        if (listing.inputError() != null) {
            throw new Project.InputError(listing.inputError());
        }
        if (listing.kitError() != null) {
            throw new ListingFailed("kit error while looking for implementations: " + listing.kitError(), ExitCodes.KIT_ERROR);
        }
        if (listing.problem() != null) {
            throw new ListingFailed("while looking for implementations, " + listing.problem(), ExitCodes.IMPLEMENTATION_ERROR);
        }
        Map<String, ImplementationInfo> all = new LinkedHashMap<>();
        listing.implementations().forEach(i -> all.put(i.name(), i));
        if (all.isEmpty()) {
            throw new Project.InputError("no implementation found on the class path");
        }
        if (impls.isEmpty() && !classpath.isEmpty()) {
            // a vendor's jar given: its implementations are the ones to run, not the kit's own
            if (listing.given().isEmpty()) {
                throw new Project.InputError("no implementation found in " + String.join(", ", classpath.stream().map(Path::toString).toList())
                        + " (a provider must be named in META-INF/services/io.ddikit.spi.NdisSpinLockProvider)");
            }
            return listing.given().stream().map(all::get).toList();
        }
        if (impls.isEmpty()) {
            return List.copyOf(all.values());
        }
        List<ImplementationInfo> chosen = new ArrayList<>();
        for (String name : impls) {
            ImplementationInfo i = all.get(name);
            if (i == null) {
                throw new Project.InputError("no implementation named '" + name + "'; known: " + String.join(", ", all.keySet()));
            }
            chosen.add(i);
        }
        return chosen;
    }

    private Path writeReport(SuiteSession session, List<ImplementationVerdict> verdicts) throws IOException {
        return new ReportWriter().write(reportDir, ReportInput.of(session.pages.pages(), verdicts, KitVersion.current()));
    }

    /** Looking for implementations failed in the worker: not the user's input. */
    private static final class ListingFailed extends Exception {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        ListingFailed(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    /**
     * Progress lines while an implementation runs (scenarios done of total, the clause under way), and the
     * report rewritten every few seconds from what is on disk, so that a run killed part way leaves a report
     * marked incomplete.
     */
    private final class Progress implements IsolatedRunner.Listener {
        private static final long REPORT_EVERY_NANOS = 5_000_000_000L;
        private final PrintWriter err;
        private final SuiteSession session;
        private final int total;
        private final Map<String, List<String>> clausesAt = new java.util.HashMap<>();
        private String name;
        private Path dir;
        private List<ImplementationVerdict> before;
        private int done;
        private long lastReport;
        private long lastSlowNote;

        Progress(PrintWriter err, SuiteSession session, int total) {
            this.err = err;
            this.session = session;
            this.total = total;
        }

        void begin(String implementation, Path outDir, List<ImplementationVerdict> finished) {
            name = implementation;
            dir = outDir;
            before = finished;
            done = 0;
            lastReport = 0;
            say("[%s] %d scenarios, in its own process", name, total);
        }

        @Override
        public void started(ScenarioStart s) {
            clausesAt.put(s.location(), s.clauses());
            lastSlowNote = 0;
        }

        @Override
        public void finished(String scenario, String location, String verdict) {
            done++;
            say("[%s %d/%d] %-14s %s: %s (%s)", name, done, total, verdict,
                    String.join(", ", clausesAt.getOrDefault(location, List.of())), scenario, location);
        }

        @Override
        public void tick(ScenarioStart current, Duration inScenario) {
            long seconds = inScenario.toSeconds();
            if (current != null && seconds >= 5 && seconds / 5 > lastSlowNote) {
                lastSlowNote = seconds / 5;
                say("[%s %d/%d] still in %s: %s (%d s)", name, done, total, String.join(", ", current.clauses()),
                        current.name(), seconds);
            }
            if ((lastReport == 0 || System.nanoTime() - lastReport > REPORT_EVERY_NANOS) && done > 0 && ResultStore.exists(dir)) {
                lastReport = System.nanoTime();
                try {
                    List<ImplementationVerdict> all = new ArrayList<>(before);
                    all.add(session.grade(ResultStore.read(dir)));
                    writeReport(session, all);
                } catch (IOException | RuntimeException e) {
                    // the interim report is a courtesy; the final one is written after the run
                }
            }
        }

        private void say(String format, Object... args) {
            if (!quiet) {
                err.printf("  " + format + "%n", args);
                err.flush();
            }
        }
    }

    private String tagExpression() {
        List<String> parts = new ArrayList<>();
        if (tags != null && !tags.isBlank()) {
            parts.add("(" + tags + ")");
        }
        if (!clauses.isEmpty()) {
            parts.add("(" + String.join(" or ", clauses.stream().map(c -> "@clause:" + c).toList()) + ")");
        }
        return String.join(" and ", parts);
    }

    static void print(PrintWriter out, ImplementationVerdict v) {
        out.printf("%n%s %s: %s%n", v.implementation().name(), v.implementation().version(), v.conformance().label().toUpperCase(java.util.Locale.ROOT));
        if (v.run() != null && v.run().problem() != null) {
            out.printf("  the run stopped: %s%n", v.run().problem());
        }
        for (ClauseVerdict c : v.clauses()) {
            out.printf("  %-14s %s%n", c.verdict().label(), c.clause().id());
            out.printf("  %-14s \"%s\"%n", "", abbreviate(c.clause().text(), 110));
            if (c.verdict() == Verdict.FAILED || c.verdict() == Verdict.ERROR) {
                out.printf("  %-14s %s%n", "", abbreviate(c.reason().replaceAll("\\s+", " "), 300));
            }
        }
        Map<Verdict, Integer> counts = v.counts();
        StringBuilder sb = new StringBuilder();
        for (Verdict k : Verdict.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(counts.get(k)).append(' ').append(k.label());
        }
        out.printf("  clauses: %s%n", sb);
        out.flush();
    }

    static int exitCode(List<ImplementationVerdict> verdicts) {
        if (verdicts.stream().anyMatch(v -> v.conformance() == Conformance.DOES_NOT_CONFORM || v.conformance() == Conformance.INCOMPLETE)) {
            return ExitCodes.NOT_CONFORMING;
        }
        boolean kitBroke = verdicts.stream().flatMap(v -> v.scenarios().stream())
                .anyMatch(r -> r.verdict() == Verdict.ERROR && ScenarioResult.KIT.equals(r.errorSource()));
        if (kitBroke) {
            return ExitCodes.KIT_ERROR;
        }
        if (verdicts.stream().anyMatch(v -> v.conformance() == Conformance.ERROR)) {
            return ExitCodes.IMPLEMENTATION_ERROR;
        }
        return ExitCodes.OK;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
