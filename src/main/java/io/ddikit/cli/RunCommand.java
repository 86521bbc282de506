package io.ddikit.cli;

import io.ddikit.grade.ClauseVerdict;
import io.ddikit.grade.Conformance;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.report.ReportInput;
import io.ddikit.report.ReportWriter;
import io.ddikit.result.KitVersion;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;
import io.ddikit.isolate.Event;
import io.ddikit.isolate.IsolatedRunner;
import io.ddikit.isolate.ResourceBounds;
import io.ddikit.isolate.Sandbox;
import io.ddikit.result.Bounds;
import io.ddikit.result.ImplementationInfo;
import io.ddikit.result.ImplementationNames;
import io.ddikit.result.RunInfo;
import io.ddikit.run.ResultStore;
import io.ddikit.run.RunInputException;
import io.ddikit.run.ScenarioStart;
import io.ddikit.run.TargetResolver;
import io.ddikit.suite.SuiteContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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
@Command(name = "run",
        description = {"Runs the features against implementations, each in its own JVM process, prints a verdict per clause and writes the results.",
                "Exit 0 when every selected implementation conforms, 1 when one does not (or is incomplete), "
                        + "2 on bad input, 3 when an implementation crashed or hung, 4 when the kit broke."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--impl", paramLabel = "NAME", description = "An implementation to run (repeatable; default: those found in the --classpath jars, or the bundled ones when none is given).")
    List<String> impls = new ArrayList<>();

    @Option(names = "--family", paramLabel = "ID", description = "Run only this API family's suite (repeatable; default: every family the pages and features hold, such as ndis-spin-lock and ke-spin-lock).")
    List<String> familyIds = new ArrayList<>();

    @Option(names = "--classpath", paramLabel = "JAR", description = "A jar or class folder holding implementations (repeatable).")
    List<Path> classpath = new ArrayList<>();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--native", paramLabel = "LIB", description = "A C shared library (built with include/ddikit/ddikit_ntddk.h) to test in every family whose functions it exports (repeatable).")
    List<Path> nativeLibraries = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "With one --native: the name of its implementations (default: the file's name without lib and .so).")
    String nativeName;

    @Option(names = "--version", paramLabel = "V", description = "With one --native: the version of its implementations (default: sha256: and the start of the file's digest).")
    String nativeVersion;

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

    @Option(names = "--max-memory", paramLabel = "MB", defaultValue = "2048",
            description = "Whole memory of each implementation's process: heap, native memory and any process it starts, where the platform can bound it (default: ${DEFAULT-VALUE}).")
    int maxMemoryMegabytes;

    @picocli.CommandLine.Mixin
    ScheduleOptions scheduleOptions = new ScheduleOptions();

    @picocli.CommandLine.Mixin
    CampaignOptions campaignOptions = new CampaignOptions();

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Run every scenario N times (1 to 1000), each time with another seed (so other schedules): a scenario whose verdict differs is marked flaky with the counts; a failure seen once is the verdict (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--no-sandbox", description = "Run the implementations without the sandbox (when it cannot be set up here); every report then says 'not sandboxed'.")
    boolean noSandbox;

    @Override
    @SuppressWarnings("try") // the lock is held for the whole body, never used in it
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // the kit jar's digest (tens of MB) is taken beside the run, for invocation.json at its end
        java.util.concurrent.CompletableFuture<String> kitJar =
                java.util.concurrent.CompletableFuture.supplyAsync(io.ddikit.campaign.Invocation::runningKitJar);
        try (ReportFolderLock lock = ReportFolderLock.take(reportDir, "ddikit run", ReportFolderLock.WRITING)) {
            IsolatedRunner.Limits limits = limits();
            if (repeat < 1 || repeat > 1000) {
                throw new Project.InputError("--repeat must be 1 to 1000, not " + repeat);
            }
            CampaignOptions.Inputs campaignInputs = campaignOptions.read(features, Project.pageLimits(spec), err);
            long runSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
            TargetResolver.check(classpath);
            SuiteSession session = SuiteSession.open(docs, features, Project.pageLimits(spec), classpath, tagExpression(), processors,
                    callTimeoutSeconds, runSeed, scheduleOptions.schedules(), err);
            session.checkFamilyIds(familyIds);
            int total = session.families().stream().filter(f -> familyIds.isEmpty() || familyIds.contains(f.id()))
                    .mapToInt(f -> session.scenarioCount(f.id())).sum();
            if (total == 0) {
                throw new Project.InputError("no scenario matches the selection (--tags/--clause)");
            }
            Sandbox sandbox = noSandbox ? Sandbox.none() : Sandbox.bubblewrap();
            try (IsolatedRunner runner = new IsolatedRunner(sandbox, ResourceBounds.detect())) {
                RunInfo.Isolation isolation = new RunInfo.Isolation(sandbox.sandboxed(), sandbox.describe(), runner.bounds().describe(limits));
                err.println("implementations run " + isolation.sandbox() + "; bounds: " + isolation.bounds());
                Files.createDirectories(reportDir);
                Listing listing = nativeLibraries.isEmpty() ? select(runner.list(classpath, limits, reportDir), session)
                        : nativeListing(session);
                for (io.ddikit.suite.ApiFamily f : session.families.all()) {
                    Project.distinctSlugs(listing.run().stream().filter(l -> l.family().equals(f.id())).map(Event.Listed::name).toList());
                }
                List<ImplementationVerdict> verdicts = new ArrayList<>();
                Map<String, Map<String, io.ddikit.campaign.Repeats.Spread>> spreads = new LinkedHashMap<>();
                BackgroundReport background = new BackgroundReport();
                List<String> kitErrors = new ArrayList<>();
                for (int i = 0; i < listing.run().size(); i++) {
                    Event.Listed t = listing.run().get(i);
                    ImplementationInfo impl = new ImplementationInfo(t.family(), t.name(), t.version(), t.capabilities());
                    Path dir = reportDir.resolve(ReportWriter.folder(t.family(), t.name()));
                    ResultStore.clear(dir);
                    deleteTree(dir.resolve(REPEATS_FOLDER)); // an earlier run's repeats are not this run's
                    List<List<ScenarioResult>> repeated = new ArrayList<>();
                    ImplementationVerdict v = null;
                    for (int r = 0; r < repeat; r++) {
                        // the first repeat's results and Cucumber reports stay where a single run puts them
                        SuiteSession s = r == 0 ? session : session.with(repeatSeed(runSeed, r), session.tags(), session.schedules());
                        Path into = r == 0 ? dir : dir.resolve(REPEATS_FOLDER).resolve(Integer.toString(r));
                        ImplementationRun run = new ImplementationRun(err, s, s.scenarioCount(t.family()), impl, into,
                                s.startingRun(t.family(), isolation), List.copyOf(verdicts), background);
                        io.ddikit.isolate.WorkerRequest request = s.workerRequest(t.family(), t.name(), into);
                        if (t.provider().startsWith(NATIVE)) {
                            request = request.withNative(t.provider().substring(NATIVE.length()), t.name(), t.version());
                        }
                        IsolatedRunner.Outcome o = runner.run(request, impl, s.expectedScenarios(t.family()), limits, into, run);
                        v = run.end(o);
                        repeated.add(run.results());
                        if (o.kitError() != null) {
                            kitErrors.add(t.name() + ": " + o.kitError());
                        }
                        if (o.problem() != null || o.kitError() != null) {
                            break; // a crashed or hung implementation is not repeated: its error is the verdict
                        }
                    }
                    if (repeated.size() > 1) {
                        List<ScenarioResult> merged = io.ddikit.campaign.Repeats.merge(repeated);
                        ResultStore.write(dir, impl, v.run(), merged);
                        v = session.grade(impl, v.run(), merged);
                    }
                    spreads.put(io.ddikit.campaign.ExpectationOutcome.key(impl), io.ddikit.campaign.Repeats.spread(repeated,
                            java.util.stream.IntStream.range(0, repeated.size()).mapToObj(r -> repeatSeed(runSeed, r)).toList()));
                    verdicts.add(v);
                    print(out, v, campaignInputs.campaign(null, List.of(v), null, reportDir.toString()).expectations());
                    background.await();
                    if (i < listing.run().size() - 1) {
                        // Rewritten after each implementation (and while it runs), so a run stopped part way keeps what finished.
                        writeReport(session, verdicts);
                    }
                }
                // while Cucumber's own reports are still being written on the runner's threads
                io.ddikit.campaign.Campaign campaign = campaignInputs.campaign(session.pages(), verdicts, repeat > 1
                        ? new io.ddikit.campaign.Repeats(java.util.stream.IntStream.range(0, repeat).mapToObj(r -> repeatSeed(runSeed, r)).toList(),
                        spreads) : null, reportDir.toString());
                CampaignOptions.print(out, campaign);
                invocation(runSeed, kitJar.join()).write(reportDir);
                runner.close(); // Cucumber's own reports are written when it returns, and the report links them
                Path index = session.report(reportDir, verdicts, campaign);
                out.println();
                out.println("report: " + index);
                out.flush();
                listing.problems().forEach(p -> err.println("ddikit run: " + p));
                kitErrors.forEach(k -> err.println("ddikit run: kit error: " + Bounds.printable(k, 2000)));
                int code = exitCode(verdicts, campaign.expectations());
                if (!kitErrors.isEmpty()) {
                    return ExitCodes.KIT_ERROR;
                }
                if (!listing.problems().isEmpty() && code == ExitCodes.OK) {
                    return ExitCodes.IMPLEMENTATION_ERROR;
                }
                return code;
            }
        } catch (Project.InputError | RunInputException | Sandbox.Unavailable e) {
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

    private IsolatedRunner.Limits limits() throws Project.InputError {
        if (!(scenarioTimeoutSeconds > 0) || !(runTimeoutSeconds > 0)) {
            throw new Project.InputError("--scenario-timeout and --run-timeout must be more than 0 seconds");
        }
        if (maxOutputMegabytes < 1 || maxHeapMegabytes < 64) {
            throw new Project.InputError("--max-output must be at least 1 MB and --max-heap at least 64 MB");
        }
        if (maxMemoryMegabytes < maxHeapMegabytes + 256) {
            throw new Project.InputError("--max-memory must be at least --max-heap + 256 MB (" + (maxHeapMegabytes + 256)
                    + " MB): the JVM needs memory beside its heap");
        }
        return new IsolatedRunner.Limits(Duration.ofMillis((long) (scenarioTimeoutSeconds * 1000)),
                Duration.ofMillis((long) (runTimeoutSeconds * 1000)), (long) maxOutputMegabytes << 20, maxHeapMegabytes,
                maxMemoryMegabytes);
    }

    /**
     * What a listing gave: the implementations to run, and the implementations' problems found on the way (a
     * provider named by a jar that the listing did not report, a name or version the SPI does not allow), each one
     * line; those implementations do not run, and the run exits 3 at best.
     */
    private record Listing(List<Event.Listed> run, List<String> problems) {
    }

    /** How a listed implementation of a C library names its provider: this, then the library's absolute path. */
    private static final String NATIVE = "native:";

    /**
     * The implementations of the {@code --native} libraries, from their exports read in this process (nothing of them is
     * loaded here): one per family whose functions a library exports; a family it exports only some of is a problem of
     * the library's, naming what is missing, and is not run.
     */
    private Listing nativeListing(SuiteSession session) throws Project.InputError, IOException {
        if (!classpath.isEmpty() || !impls.isEmpty()) {
            throw new Project.InputError("--native tests a C library alone: give it without --classpath and --impl");
        }
        if (nativeLibraries.size() > 1 && (nativeName != null || nativeVersion != null)) {
            throw new Project.InputError("--name and --version name the implementations of one --native library, and "
                    + nativeLibraries.size() + " are given");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Event.Listed> all = new LinkedHashMap<>();
        java.util.Set<String> runnable = new java.util.HashSet<>();
        session.families().stream().filter(f -> familyIds.isEmpty() || familyIds.contains(f.id())).forEach(f -> runnable.add(f.id()));
        for (Path lib : nativeLibraries) {
            io.ddikit.nativelib.ElfExports exports;
            try {
                exports = io.ddikit.nativelib.ElfExports.read(lib);
            } catch (io.ddikit.nativelib.ElfExports.NotALibrary e) {
                throw new Project.InputError(e.getMessage());
            }
            String name = nativeName != null ? nativeName : defaultName(lib);
            String version = nativeVersion != null ? nativeVersion : "sha256:" + digest(lib);
            List<TargetResolver.NativeCoverage> coverage = TargetResolver.nativeCoverage(exports, session.families);
            if (coverage.stream().noneMatch(TargetResolver.NativeCoverage::some)) {
                throw new Project.InputError(lib + ": exports no function of any API family the kit has (such as "
                        + String.join(", ", coverage.stream().map(c -> c.family().nativeExports().get(0).get(0)).toList()) + ")");
            }
            String problem = ImplementationNames.nameProblem(name).or(() -> ImplementationNames.versionProblem(version)).orElse(null);
            if (problem != null) {
                problems.add(lib + ": " + problem + " (--name, --version); it was not run");
                continue;
            }
            if (!exports.exports(io.ddikit.bridge.CLibrary.SERVICES)) {
                problems.add(lib + ": does not export " + io.ddikit.bridge.CLibrary.SERVICES + ", so the kit cannot give it"
                        + " its kernel services: build it with include/ddikit/ddikit_ntddk.h or include/ddikit/ddikit_shim.c; it was not run");
                continue;
            }
            for (TargetResolver.NativeCoverage c : coverage) {
                if (!c.some() || !runnable.contains(c.family().id())) {
                    continue;
                }
                if (!c.complete()) {
                    problems.add(lib + ": exports some of the functions of " + c.family().title() + " (" + c.family().id()
                            + ") but not " + String.join(", ", c.missing()) + "; it was not run in that family");
                    continue;
                }
                Event.Listed l = new Event.Listed(c.family().id(), name, version, List.of(),
                        NATIVE + lib.toAbsolutePath().normalize(), true);
                Event.Listed old = all.putIfAbsent(TargetResolver.key(l.family(), l.name()), l);
                if (old != null) {
                    throw new Project.InputError("two implementations of " + l.family() + " are named '" + name + "': "
                            + old.provider().substring(NATIVE.length()) + " and " + lib + " (give them --name apart)");
                }
            }
        }
        return new Listing(List.copyOf(all.values()), problems);
    }

    /** {@code libacme-locks.so.1} is {@code acme-locks}. */
    static String defaultName(Path lib) {
        String n = lib.getFileName().toString();
        int so = n.indexOf(".so");
        n = so > 0 ? n.substring(0, so) : n;
        return n.startsWith("lib") && n.length() > 3 ? n.substring(3) : n;
    }

    private static String digest(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The implementations to run, from a worker's listing of the class path. */
    private Listing select(IsolatedRunner.Outcome listing, SuiteSession session) throws Project.InputError, ListingFailed, IOException {
        if (listing.kitError() != null) {
            throw new ListingFailed("kit error while looking for implementations: " + listing.kitError(), ExitCodes.KIT_ERROR);
        }
        if (listing.problem() != null) {
            throw new ListingFailed("while looking for implementations, " + listing.problem(), ExitCodes.IMPLEMENTATION_ERROR);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Event.Listed> all = new LinkedHashMap<>();
        java.util.Set<String> runnable = new java.util.HashSet<>();
        session.families().stream().filter(f -> familyIds.isEmpty() || familyIds.contains(f.id()))
                .forEach(f -> runnable.add(f.id()));
        for (Event.Listed l : listing.listed()) {
            if (l.family() == null || session.families.byId(l.family()).isEmpty()) {
                problems.add("implementation " + l.provider() + ": listed for the API family '" + Bounds.printable(String.valueOf(l.family()), 80)
                        + "', which the kit does not have; it was not run");
                continue;
            }
            if (!runnable.contains(l.family())) {
                continue;
            }
            String problem = ImplementationNames.nameProblem(l.name()).or(() -> ImplementationNames.versionProblem(l.version()))
                    .orElse(null);
            if (problem != null) {
                problems.add("implementation " + l.provider() + ": " + problem + "; it was not run");
                continue;
            }
            Event.Listed old = all.putIfAbsent(TargetResolver.key(l.family(), l.name()), l);
            if (old != null) {
                throw new ListingFailed("two implementations of " + l.family() + " are named '" + l.name() + "': " + old.provider()
                        + " and " + l.provider(), ExitCodes.USAGE_OR_INPUT);
            }
        }
        problems.addAll(unlisted(listing.listed()));
        if (all.isEmpty() && problems.isEmpty()) {
            throw new Project.InputError("no implementation found on the class path");
        }
        List<Event.Listed> chosen = new ArrayList<>();
        if (impls.isEmpty() && !classpath.isEmpty()) {
            // a vendor's jar given: its implementations are the ones to run, not the kit's own
            all.values().stream().filter(Event.Listed::given).forEach(chosen::add);
            if (chosen.isEmpty() && problems.isEmpty()) {
                throw new Project.InputError("no implementation found in " + String.join(", ", classpath.stream().map(Path::toString).toList())
                        + " (a provider must be named in " + String.join(" or ", TargetResolver.providerServices().stream()
                        .map(s -> "META-INF/services/" + s).toList()) + ")");
            }
        } else if (impls.isEmpty()) {
            chosen.addAll(all.values());
        } else {
            for (String name : impls) {
                List<Event.Listed> named = all.values().stream().filter(l -> l.name().equals(name)).toList();
                if (named.isEmpty()) {
                    throw new Project.InputError("no implementation named '" + Bounds.printable(name, 100) + "'; known: "
                            + String.join(", ", all.values().stream().map(Event.Listed::name).distinct().toList()));
                }
                named.stream().filter(l -> !chosen.contains(l)).forEach(chosen::add);
            }
        }
        return new Listing(chosen, problems);
    }

    /**
     * The providers that a given jar or folder names in its services files but the listing did not report: each is
     * that jar's error (a provider that hides from the listing must not escape its test).
     */
    private List<String> unlisted(List<Event.Listed> listed) throws IOException {
        List<String> problems = new ArrayList<>();
        java.util.Set<String> reported = new java.util.HashSet<>();
        listed.stream().filter(Event.Listed::given).forEach(l -> reported.add(l.provider()));
        for (Path entry : classpath) {
            for (String service : TargetResolver.providerServices()) {
                for (String provider : TargetResolver.providersNamed(entry, service)) {
                    if (!reported.contains(provider)) {
                        problems.add(entry + ": names " + Bounds.printable(provider, 200) + " in META-INF/services/" + service
                                + ", but the implementations found there do not include it; it was not run");
                    }
                }
            }
        }
        return problems;
    }

    private Path writeReport(SuiteSession session, List<ImplementationVerdict> verdicts) throws IOException {
        return session.report(reportDir, verdicts);
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
     * The interim report, written on a thread of its own so that the watchdog never waits for it; at most one
     * write at a time, and a write asked for while one runs is skipped (the next tick asks again).
     */
    private final class BackgroundReport {
        private final java.util.concurrent.ExecutorService exec = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ddikit-interim-report");
            t.setDaemon(true);
            return t;
        });
        private java.util.concurrent.Future<?> running;

        synchronized void offer(SuiteSession session, java.util.function.Supplier<List<ImplementationVerdict>> verdicts) {
            if (running != null && !running.isDone()) {
                return;
            }
            running = exec.submit(() -> {
                try {
                    writeReport(session, verdicts.get());
                } catch (IOException | RuntimeException e) {
                    // the interim report is a courtesy; the final one is written after the run
                }
            });
        }

        /** Waits for a write under way, so that the final report is written after it, never under it. */
        void await() {
            java.util.concurrent.Future<?> f;
            synchronized (this) {
                f = running;
            }
            if (f == null) {
                return;
            }
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                // reported by the final write if it persists
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * One implementation's run as the kit records it: the kit's process writes its results (from the worker's checked
     * events), prints progress lines (scenarios done of total, the clause under way), and has the report rewritten
     * every few seconds, so that a run killed part way leaves a report marked incomplete.
     */
    private final class ImplementationRun implements IsolatedRunner.Listener {
        private static final long REPORT_EVERY_NANOS = 5_000_000_000L;
        private final PrintWriter err;
        private final SuiteSession session;
        private final int total;
        private final ImplementationInfo listed;
        private final Path dir;
        private final List<ImplementationVerdict> before;
        private final BackgroundReport background;
        private final List<ScenarioResult> results = java.util.Collections.synchronizedList(new ArrayList<>());
        private RunInfo info;
        private ResultStore store;
        private long lastReport;
        private long lastSlowNote;

        ImplementationRun(PrintWriter err, SuiteSession session, int total, ImplementationInfo listed, Path dir, RunInfo info,
                          List<ImplementationVerdict> before, BackgroundReport background) {
            this.err = err;
            this.session = session;
            this.total = total;
            this.listed = listed;
            this.dir = dir;
            this.info = info;
            this.before = before;
            this.background = background;
            this.lastReport = System.nanoTime();
            say("[%s] %d scenarios, in its own process", name(), total);
        }

        private String name() {
            return Bounds.printable(listed.name(), 80);
        }

        @Override
        public void began(ImplementationInfo implementation) {
            try {
                store = ResultStore.create(dir, listed, info);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void started(ScenarioStart s) {
            lastSlowNote = 0;
        }

        @Override
        public void finished(ScenarioResult r) {
            if (store != null) {
                store.append(r);
            }
            results.add(r);
            say("[%s %d/%d] %-14s %s: %s (%s)", name(), results.size(), total, r.verdict().label(),
                    String.join(", ", r.clauses()), Bounds.printable(r.name(), 200), r.location());
        }

        @Override
        public void tick(ScenarioStart current, Duration inScenario) {
            long seconds = inScenario.toSeconds();
            if (current != null && seconds >= 5 && seconds / 5 > lastSlowNote) {
                lastSlowNote = seconds / 5;
                say("[%s %d/%d] still in %s: %s (%d s)", name(), results.size(), total, String.join(", ", current.clauses()),
                        Bounds.printable(current.name(), 200), seconds);
            }
            // the first interim report only once the implementation has run for a while: a short run gets the final one
            // alone, and its worker keeps the processors it would have shared with the report's rendering
            if (System.nanoTime() - lastReport > REPORT_EVERY_NANOS && !results.isEmpty()) {
                lastReport = System.nanoTime();
                List<ScenarioResult> snapshot = List.copyOf(results);
                RunInfo now = info;
                background.offer(session, () -> {
                    List<ImplementationVerdict> all = new ArrayList<>(before);
                    all.add(session.grade(listed, now, snapshot));
                    return all;
                });
            }
        }

        /** The results received so far (all of them once {@link #end} returned). */
        List<ScenarioResult> results() {
            return List.copyOf(results);
        }

        /** Records how the worker ended and grades what the kit received. */
        ImplementationVerdict end(IsolatedRunner.Outcome o) throws IOException {
            Instant now = Instant.now();
            String problem = o.problem() != null ? o.problem() : o.kitError() != null ? "the kit broke: " + o.kitError() : null;
            if (store != null) {
                store.close();
            }
            if (o.unfinished() != null && problem != null) {
                ScenarioResult u = unfinished(listed.name(), o, problem, o.problem() == null);
                results.add(u);
            }
            info = problem == null ? info.ended(now) : info.failed(problem, now);
            // written whole, at once, from what the kit holds: the store is never read back
            ResultStore.write(dir, listed, info, List.copyOf(results));
            return session.grade(listed, info, List.copyOf(results));
        }

        private void say(String format, Object... args) {
            if (!quiet) {
                err.printf("  " + format + "%n", args);
                err.flush();
            }
        }
    }

    /** The scenario a worker was in when it died or was stopped: an error of the implementation's (or of the kit's). */
    private static ScenarioResult unfinished(String implementation, IsolatedRunner.Outcome o, String problem, boolean kit) {
        ScenarioStart s = o.unfinished();
        int colon = s.location().lastIndexOf(':');
        String file = colon < 0 ? s.location() : s.location().substring(0, colon);
        int line = colon < 0 ? 0 : Integer.parseInt(s.location().substring(colon + 1));
        return new ScenarioResult(implementation, file, line, s.name(), s.clauses(), Verdict.ERROR,
                kit ? ScenarioResult.KIT : ScenarioResult.IMPLEMENTATION, o.unfinishedMillis(), "", 0, problem, "").bounded();
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

    /** The most lines of a counterexample the console shows (the report and conformance.json have all of it). */
    private static final int SCHEDULE_LINES = 45;

    /** For a clause failed under a controlled schedule: the schedule, its replay command and its last steps. */
    private static void printSchedule(PrintWriter out, ClauseVerdict c) {
        for (ScenarioResult r : c.scenarios()) {
            if (r.verdict() != c.verdict()) {
                continue;
            }
            List<String> lines = r.message().lines().toList();
            int at = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("schedule ") && lines.get(i).contains("; replay: ")) {
                    at = i;
                    break;
                }
            }
            if (at >= 0) {
                out.printf("  %-14s %s%n", "", "found under a schedule, in scenario '" + Bounds.printable(r.name(), 200) + "':");
                for (int i = at; i < lines.size() && i < at + SCHEDULE_LINES && !lines.get(i).startsWith(" (clause "); i++) {
                    out.printf("  %-14s %s%n", "", Bounds.printable(lines.get(i), 1000));
                }
                return;
            }
        }
    }

    /** How this run was made, for {@code bundle} and {@code verify} to make it again. */
    private io.ddikit.campaign.Invocation invocation(long runSeed, String kitJar) throws IOException {
        List<io.ddikit.campaign.Invocation.ImplementationFile> files = new ArrayList<>();
        for (Path p : classpath) {
            files.add(new io.ddikit.campaign.Invocation.ImplementationFile("--classpath", p.toAbsolutePath().normalize().toString(),
                    io.ddikit.campaign.Invocation.sha256(p)));
        }
        for (Path p : nativeLibraries) {
            files.add(new io.ddikit.campaign.Invocation.ImplementationFile("--native", p.toAbsolutePath().normalize().toString(),
                    io.ddikit.campaign.Invocation.sha256(p)));
        }
        List<String> args = new ArrayList<>();
        if (nativeName != null) {
            args.addAll(List.of("--name", nativeName));
        }
        if (nativeVersion != null) {
            args.addAll(List.of("--version", nativeVersion));
        }
        familyIds.forEach(f -> args.addAll(List.of("--family", f)));
        impls.forEach(i -> args.addAll(List.of("--impl", i)));
        clauses.forEach(c -> args.addAll(List.of("--clause", c)));
        if (tags != null) {
            args.addAll(List.of("--tags", tags));
        }
        args.addAll(List.of("--processors", Integer.toString(processors), "--call-timeout", Double.toString(callTimeoutSeconds),
                "--seed", Long.toString(runSeed), "--explore", Integer.toString(scheduleOptions.explore), "--repeat", Integer.toString(repeat)));
        if (scheduleOptions.replay != null) {
            args.addAll(List.of("--replay", scheduleOptions.replay));
        }
        return new io.ddikit.campaign.Invocation(KitVersion.current(), kitJar, files, args);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Where the results of repeats after the first go, inside the implementation's folder. */
    static final String REPEATS_FOLDER = "repeats";

    /** The seed of repeat {@code r} ({@code 0} is the run's own): far apart, and the same for the same run seed. */
    static long repeatSeed(long runSeed, int r) {
        return runSeed + r * 0x9E3779B97F4A7C15L;
    }

    static void print(PrintWriter out, ImplementationVerdict v) {
        print(out, v, null);
    }

    /** The implementation's verdicts, each clause with its expectation's mark when an entry names it. */
    static void print(PrintWriter out, ImplementationVerdict v, io.ddikit.campaign.ExpectationOutcome expectations) {
        out.printf("%n%s %s (%s): %s%s%n", Bounds.printable(v.implementation().name(), 80), Bounds.printable(v.implementation().version(), 80),
                v.implementation().family(),
                v.conformance().label().toUpperCase(java.util.Locale.ROOT),
                v.run() != null && !v.run().sandboxed() ? " (not sandboxed)" : "");
        if (v.run() != null && v.run().problem() != null) {
            out.printf("  the run stopped: %s%n", Bounds.printable(v.run().problem(), 2000));
        }
        for (ClauseVerdict c : v.clauses()) {
            out.printf("  %-14s %s%n", c.verdict().label(), c.clause().id());
            if (expectations != null) {
                expectations.clauseMark(v.implementation(), c.clause().id().value())
                        .ifPresent(a -> out.printf("  %-14s [%s]%n", "", Bounds.printable(a.describe(), 400)));
                for (ScenarioResult r : c.scenarios()) {
                    expectations.scenarioMark(v.implementation(), r).ifPresent(a -> out.printf("  %-14s [scenario %s: %s]%n", "",
                            r.location(), Bounds.printable(a.describe(), 400)));
                }
            }
            out.printf("  %-14s \"%s\"%n", "", abbreviate(c.clause().text(), 110));
            if (c.verdict() == Verdict.FAILED || c.verdict() == Verdict.ERROR) {
                out.printf("  %-14s %s%n", "", Bounds.printable(abbreviate(c.reason().replaceAll("\\s+", " "), 300), 400));
                printSchedule(out, c);
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
        return exitCode(verdicts, null);
    }

    /**
     * The exit code of a run's verdicts. With expectations, an implementation whose every failing verdict an unexpired
     * entry expects counts as conforming, and any unexpected result, expired or stale entry makes the run exit 1.
     */
    static int exitCode(List<ImplementationVerdict> all, io.ddikit.campaign.ExpectationOutcome expectations) {
        if (expectations != null && !expectations.problems().isEmpty()) {
            return ExitCodes.NOT_CONFORMING;
        }
        List<ImplementationVerdict> verdicts = all.stream().filter(v -> expectations == null
                || (v.run() != null && v.run().problem() != null) || !expectations.honoursAll(v)).toList();
        if (verdicts.stream().anyMatch(v -> v.conformance() == Conformance.DOES_NOT_CONFORM || v.conformance() == Conformance.INCOMPLETE)) {
            return ExitCodes.NOT_CONFORMING;
        }
        boolean kitBroke = all.stream().flatMap(v -> v.scenarios().stream())
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
