package io.ddikit.isolate;

import io.ddikit.result.ImplementationInfo;
import io.ddikit.result.ScenarioResult;
import io.ddikit.run.ScenarioStart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The kit's side of a worker process: starts it (in its {@link Sandbox}, under its {@link ResourceBounds}),
 * accepts its one channel connection, checks every event it sends ({@link EventCheck}), enforces the limits
 * on the kit's own clock, and says in the page's terms what happened when it did not end normally. The worker
 * writes into a private folder of the kit's, never into the report: what it leaves there (Cucumber's own
 * reports) is copied, bounded, once its whole process tree has ended.
 */
public final class IsolatedRunner implements AutoCloseable {
    /** Output of a worker kept on disk; the rest is counted, not kept. */
    static final long KEPT_OUTPUT_BYTES = 1 << 20;
    /** Most of Cucumber's messages of one run that the kit reads to write Cucumber's own reports. */
    static final long MAX_CUCUMBER_MESSAGES_BYTES = 32L << 20;
    /** How often the size of the worker's files is looked at (a walk of its folder). */
    private static final long FILES_CHECK_NANOS = 2_000_000_000L;
    /** Past this, the worker's private folder is too large and the worker is stopped. */
    static final long MAX_WORKER_FILES_BYTES = 1L << 30;
    private static final long POLL_MILLIS = 100;
    private static final Duration CONNECT_WITHIN = Duration.ofSeconds(60);

    /**
     * Bounds on one worker.
     *
     * @param scenario         one scenario's wall time
     * @param run              the whole run's wall time
     * @param maxOutputBytes   what the implementation may print (standard output and error together)
     * @param heapMegabytes    the worker's heap
     * @param memoryMegabytes  the worker's whole memory (heap, native, every process it starts), where the platform
     *                         can bound it
     */
    public record Limits(Duration scenario, Duration run, long maxOutputBytes, int heapMegabytes, int memoryMegabytes) {
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(120), Duration.ofMinutes(30), 16L << 20, 1024, 2048);
    }

    /** Told of the worker's progress, on the thread that called {@link #run}. */
    public interface Listener {
        /** The worker loaded the implementation and starts its run. */
        default void began(ImplementationInfo implementation) {
        }

        default void started(ScenarioStart s) {
        }

        /** A scenario ended; {@code r} is checked and bounded, its clauses and duration the kit's own. */
        default void finished(ScenarioResult r) {
        }

        /** Called about every 100 ms while the worker runs, with the scenario under way (or null). */
        default void tick(ScenarioStart current, Duration inScenario) {
        }
    }

    /**
     * How a worker ended.
     *
     * @param problem          why it did not end normally (the run's problem, in the page's terms), or null
     * @param kitError         the kit broke inside the worker (one line), or null
     * @param listed           for a listing: what the class path offers
     * @param unfinished       the scenario under way when the worker died or was stopped, or null
     * @param unfinishedMillis how long that scenario had run
     */
    public record Outcome(String problem, String kitError, List<Event.Listed> listed, ScenarioStart unfinished,
                          long unfinishedMillis) {
    }

    private final Sandbox sandbox;
    private final ResourceBounds bounds;
    /** Cucumber's reports being written, one thread, in the order the runs ended. */
    private final java.util.concurrent.ExecutorService reports = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ddikit-cucumber-reports");
        t.setDaemon(true);
        return t;
    });
    private final List<java.util.concurrent.Future<?>> pending = new ArrayList<>();

    public IsolatedRunner(Sandbox sandbox, ResourceBounds bounds) {
        this.sandbox = sandbox;
        this.bounds = bounds;
        sweep(Path.of(System.getProperty("java.io.tmpdir")));
        bounds.sweep();
    }

    /** Prefix of a worker's private folder: then the kit's pid, {@code -}, and a random part. */
    static final String HOME_PREFIX = "ddikit-worker-";

    /**
     * Removes the private folders of workers whose kit is gone (killed with SIGKILL, it could not remove them): a
     * folder's name holds its kit's pid.
     */
    static void sweep(Path tmp) {
        try (Stream<Path> s = Files.list(tmp)) {
            for (Path d : s.filter(Files::isDirectory).toList()) {
                String name = d.getFileName().toString();
                if (!name.startsWith(HOME_PREFIX)) {
                    continue;
                }
                String[] parts = name.substring(HOME_PREFIX.length()).split("-", 2);
                try {
                    long pid = Long.parseLong(parts[0]);
                    if (parts.length == 2 && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                        deleteTree(d);
                    }
                } catch (NumberFormatException notOurs) {
                    // a folder of another naming: not the kit's to remove
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing to sweep, or nothing the kit may remove
        }
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public ResourceBounds bounds() {
        return bounds;
    }

    /**
     * Lists the implementations found on the kit's class path plus {@code classpath}: in a worker when jars or folders
     * are given (their code is the vendor's, and runs only sandboxed), and in this process when none is, since the only
     * implementations then are the kit's own (those its families bundle), whose names, versions and capabilities the
     * kit can read without starting a JVM for it.
     */
    public Outcome list(List<Path> classpath, Limits limits, Path logDir) throws IOException {
        if (classpath.isEmpty()) {
            try {
                io.ddikit.run.TargetResolver resolver = io.ddikit.run.TargetResolver.over(List.of());
                List<Event.Listed> found = new ArrayList<>();
                for (io.ddikit.suite.Target t : resolver.discoverAll()) {
                    found.add(new Event.Listed(t.family(), t.name(), t.version(), t.capabilities(),
                            t.handle().getClass().getName(), false));
                }
                return new Outcome(null, null, List.copyOf(found), null, 0);
            } catch (io.ddikit.run.RunInputException | RuntimeException e) {
                return new Outcome(null, "listing the kit's own implementations: " + e.getMessage(), List.of(), null, 0);
            }
        }
        WorkerRequest req = WorkerRequest.list(classpath.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
        return launch(req, EventCheck.listing(), limits, logDir.resolve("list-output.log"), null, "", new Listener() { });
    }

    /**
     * Runs the suite in a worker as {@code req} says, expecting the implementation and the scenarios of
     * {@code expected}; Cucumber's own reports land in {@code reportDir/cucumber} (written once the worker has ended, on a
     * thread of the runner's: {@link #close} waits for them), the implementation's output in {@code reportDir/output.log}. The results reach {@code listener}: storing them is the caller's.
     */
    public Outcome run(WorkerRequest req, ImplementationInfo implementation, Map<String, List<String>> scenarios,
                       Limits limits, Path reportDir, Listener listener) throws IOException {
        Files.createDirectories(reportDir);
        return launch(req, EventCheck.run(new EventCheck.Expected(implementation, scenarios)), limits,
                reportDir.resolve("output.log"), reportDir.resolve("cucumber"), "ddikit: " + implementation.name(), listener);
    }

    private Outcome launch(WorkerRequest given, EventCheck check, Limits limits,
                           Path log, Path cucumberTarget, String cucumberTitle, Listener listener) throws IOException {
        Files.createDirectories(log.getParent());
        Path home = Files.createTempDirectory(HOME_PREFIX + ProcessHandle.current().pid() + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        boolean owned = true;
        try {
            Path out = Files.createDirectories(home.resolve("out"));
            Path socketDir = Files.createDirectories(home.resolve("channel"));
            Path socket = socketDir.resolve("kit.sock");
            WorkerRequest req = given.withOutDir(out.toString());
            Path requestFile = home.resolve("request.json");
            Files.write(requestFile, Worker.JSON.writeValueAsBytes(req));
            Path boot = WorkerClasspath.writeBoot(home.resolve("boot"));
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(socket));
                List<String> java = javaCommand(limits, boot, requestFile, socket, out);
                List<Path> readOnly = new ArrayList<>(WorkerClasspath.entries());
                readOnly.add(boot);
                req.classpath().forEach(c -> readOnly.add(Path.of(c)));
                if (req.nativeLibrary() != null) {
                    readOnly.add(Path.of(req.nativeLibrary()));
                }
                req.features().forEach(f -> readOnly.add(Path.of(f)));
                readOnly.add(requestFile);
                List<String> cmd = bounds.wrap(sandbox.wrap(java, readOnly, List.of(out, socketDir), limits), limits);
                Process p = new ProcessBuilder(cmd).start();
                Outcome o = watch(p, server, socket, check, limits, log, out, listener);
                if (cucumberTarget != null) {
                    // the worker's whole process tree has ended: nothing writes into its folder any more
                    pending.add(reports.submit(() -> {
                        try {
                            CucumberReports.write(out.resolve("cucumber"), cucumberTarget, MAX_CUCUMBER_MESSAGES_BYTES, cucumberTitle);
                        } finally {
                            deleteTree(home);
                        }
                        return null;
                    }));
                    owned = false;
                }
                return o;
            }
        } finally {
            bounds.release();
            if (owned) {
                deleteTree(home);
            }
        }
    }

    /**
     * Waits until Cucumber's own reports of every run are written (each is written on a thread of its own once its
     * worker has ended, beside the kit's grading and report and the next implementation's run).
     *
     * @throws IOException the first report that could not be written
     */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (java.util.concurrent.Future<?> f : pending) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = first != null ? first : new IOException("interrupted while Cucumber's reports were written", e);
                break;
            }
        }
        pending.clear();
        reports.shutdown();
        if (first != null) {
            throw first;
        }
    }

    private List<String> javaCommand(Limits limits, Path boot, Path requestFile, Path socket, Path out) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + limits.heapMegabytes() + "m");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        // a worker lives for seconds: the client compiler and the serial collector start it faster than the defaults
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        // a crash in C code: the JVM's fatal error log goes to the worker's own folder, where the kit reads it, and no core
        cmd.add("-XX:ErrorFile=" + out.resolve(io.ddikit.nativelib.NativeCrash.ERROR_FILE));
        cmd.add("-XX:-CreateCoredumpOnCrash");
        // no agent can be attached to the worker (by a process the implementation starts) to rewrite the kit's classes
        cmd.add("-XX:+DisableAttachMechanism");
        cmd.add("-XX:MaxDirectMemorySize=" + Math.max(64, limits.memoryMegabytes() / 4) + "m");
        cmd.add("-Djava.io.tmpdir=" + sandbox.scratch());
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("ddikit.")).sorted()
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.addAll(WorkerClasspath.launch(boot, Worker.class.getName()));
        cmd.add(requestFile.toString());
        cmd.add(socket.toString());
        return cmd;
    }

    private Outcome watch(Process p, ServerSocketChannel server, Path socket, EventCheck check,
                          Limits limits, Path log, Path out, Listener listener) throws IOException {
        State state = new State(check);
        OutputLog output = new OutputLog(log);
        Thread events = daemon("ddikit-worker-events", () -> readEvents(server, socket, state));
        Thread stdout = daemon("ddikit-worker-stdout", () -> output.drain(p.getInputStream()));
        Thread stderr = daemon("ddikit-worker-stderr", () -> output.drain(p.getErrorStream()));
        long start = System.nanoTime();
        long filesChecked = start;
        String killed = null;
        try {
            while (!p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                state.deliver(listener);
                ScenarioStart current = state.current;
                Duration inScenario = Duration.ofNanos(System.nanoTime() - state.currentSince);
                listener.tick(current, inScenario);
                Duration running = Duration.ofNanos(System.nanoTime() - start);
                boolean checkFiles = System.nanoTime() - filesChecked > FILES_CHECK_NANOS;
                if (checkFiles) {
                    filesChecked = System.nanoTime();
                }
                if (state.violation != null) {
                    killed = state.violation + "; the implementation's process was stopped";
                } else if (output.total.get() > limits.maxOutputBytes()) {
                    killed = "the implementation printed more than " + megabytes(limits.maxOutputBytes())
                            + " (standard output and error together)" + during(current) + "; its process was stopped";
                } else if (current != null && inScenario.compareTo(limits.scenario()) > 0) {
                    killed = "scenario '" + current.name() + "' (" + current.location() + ") did not end within "
                            + seconds(limits.scenario()) + "; the implementation's process was stopped";
                } else if (running.compareTo(limits.run()) > 0) {
                    killed = "the run did not end within " + seconds(limits.run()) + during(current)
                            + "; the implementation's process was stopped";
                } else if (!state.connected && running.compareTo(CONNECT_WITHIN) > 0) {
                    killed = "the worker did not connect to the kit within " + seconds(CONNECT_WITHIN)
                            + "; its process was stopped";
                } else if (checkFiles && size(out) > MAX_WORKER_FILES_BYTES) {
                    killed = "the run's files (Cucumber's own reports) grew past " + megabytes(MAX_WORKER_FILES_BYTES)
                            + during(current) + "; the implementation's process was stopped";
                }
                if (killed != null) {
                    kill(p);
                    break;
                }
            }
            p.waitFor();
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the worker ran", e);
        } finally {
            p.getOutputStream().close();
            server.close();
        }
        join(events);
        join(stdout);
        join(stderr);
        output.close();
        state.deliver(listener);
        if (output.total.get() == 0) {
            Files.deleteIfExists(log);
        }
        int exit = p.exitValue();
        long unfinishedMillis = (System.nanoTime() - state.currentSince) / 1_000_000;
        if (killed == null && state.violation != null) {
            killed = state.violation;
        }
        if (killed != null) {
            return new Outcome(killed, null, state.listed, state.current, unfinishedMillis);
        }
        if (state.kitError != null) {
            return new Outcome(state.problem, state.kitError, state.listed, state.current, unfinishedMillis);
        }
        if (state.done && exit == 0) {
            return new Outcome(state.problem, null, state.listed, state.current, unfinishedMillis);
        }
        return new Outcome(state.problem != null && !state.exitCalled ? state.problem : died(state, output, exit, limits, out),
                null, state.listed, state.current, unfinishedMillis);
    }

    /** Why the worker's process ended before its run did. */
    private String died(State state, OutputLog output, int exit, Limits limits, Path out) {
        String during = during(state.current);
        java.util.Optional<String> crash = io.ddikit.nativelib.NativeCrash.describe(out, exit);
        if (crash.isPresent() && !bounds.memoryExceeded()) {
            return "the implementation's process died: " + crash.get() + during + " (exit status " + exit + ")";
        }
        String tail = output.tail();
        if (bounds.memoryExceeded()) {
            return "the implementation used more than the worker's " + limits.memoryMegabytes() + " MB of memory in all ("
                    + bounds.describe() + ") and its process was killed" + during;
        }
        if (tail.contains("OutOfMemoryError")) {
            return "the implementation ran out of memory (the worker's heap is " + limits.heapMegabytes() + " MB)" + during;
        }
        if (tail.contains("StackOverflowError")) {
            return "the implementation overflowed its stack" + during;
        }
        if (state.exitCalled) {
            return "the implementation ended the JVM with exit status " + exit + " (System.exit)" + during
                    + (state.exitAt == null ? "" : ", called at " + state.exitAt);
        }
        if (exit == Worker.ORPHANED) {
            return "the worker lost contact with the kit" + during;
        }
        if (!state.connected) {
            return "the worker's process ended with exit status " + exit + " before it reached the kit"
                    + (output.lastLine().isEmpty() ? "" : "; its last output: " + output.lastLine());
        }
        String last = output.lastLine();
        return "the implementation's process ended with exit status " + exit + (exit > 128 ? " (signal " + (exit - 128) + ")" : "")
                + during + (last.isEmpty() ? "" : "; its last output: " + last);
    }

    private static long size(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private static String during(ScenarioStart s) {
        return s == null ? " (outside any scenario)" : " during scenario '" + s.name() + "' (" + s.location() + ")";
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    static String megabytes(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MB" : bytes + " bytes";
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) {
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // a temporary folder left behind is no result lost
        }
    }

    /**
     * Accepts the worker's one connection (then no other: the socket's name is removed at once), and reads its
     * events, each line at most {@link EventCheck#MAX_EVENT_BYTES}.
     */
    private static void readEvents(ServerSocketChannel server, Path socket, State state) {
        try (SocketChannel ch = server.accept()) {
            Files.deleteIfExists(socket);
            server.close();
            state.connected = true;
            BoundedLines lines = new BoundedLines(Channels.newInputStream(ch), EventCheck.MAX_EVENT_BYTES);
            String line;
            while ((line = lines.next()) != null && state.violation == null) {
                if (lines.dropped() > 0) {
                    state.violation = "the kit's channel from the worker carried an event of more than "
                            + megabytes(EventCheck.MAX_EVENT_BYTES) + " (the worker cuts every text it sends far shorter)";
                    break;
                }
                Event e;
                try {
                    e = Worker.JSON.readValue(line, Event.class);
                } catch (IOException notAnEvent) {
                    String why = notAnEvent instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage()
                            : notAnEvent.getMessage();
                    state.violation = "the kit's channel from the worker carried a line that is not an event ("
                            + io.ddikit.result.Bounds.printable(why, 160) + ")";
                    break;
                }
                state.accept(e);
            }
        } catch (IOException e) {
            // the worker is gone (or never came); its exit status tells the rest
        }
    }

    /** What the events said so far; written by the reader thread, read by the watching thread. */
    private static final class State {
        private final List<Object> undelivered = new ArrayList<>();
        private final EventCheck check;
        volatile boolean connected;
        volatile ScenarioStart current;
        volatile long currentSince = System.nanoTime();
        volatile boolean done;
        volatile boolean exitCalled;
        volatile String exitAt;
        volatile String problem;
        volatile String kitError;
        volatile String violation;
        volatile List<Event.Listed> listed = List.of();

        State(EventCheck check) {
            this.check = check;
        }

        synchronized void accept(Event raw) {
            Event e;
            try {
                e = check.check(raw);
            } catch (EventCheck.Violation v) {
                violation = v.getMessage();
                return;
            }
            switch (e.e()) {
                case Event.START -> {
                    ScenarioStart s = new ScenarioStart(e.name(), e.location(), check.clausesOf(e.location()));
                    currentSince = System.nanoTime();
                    current = s;
                    undelivered.add(s);
                }
                case Event.END -> {
                    long millis = (System.nanoTime() - currentSince) / 1_000_000;
                    ScenarioResult r = e.result();
                    current = null;
                    undelivered.add(new ScenarioResult(r.implementation(), r.feature(), r.line(), r.name(), r.clauses(),
                            r.verdict(), r.errorSource(), millis, r.failingStep(), r.failingLine(), r.message(), r.trace()));
                }
                case Event.BEGIN -> undelivered.add(e.implementation());
                case Event.IMPLEMENTATIONS -> listed = List.copyOf(e.implementations());
                case Event.PROBLEM -> problem = problem == null ? e.message() : problem;
                case Event.EXIT -> {
                    exitCalled = true;
                    exitAt = e.at();
                }
                case Event.KIT_ERROR -> kitError = e.message();
                case Event.DONE -> done = true;
                default -> throw new IllegalStateException("EventCheck let through " + e.e());
            }
        }

        void deliver(Listener l) {
            List<Object> batch;
            synchronized (this) {
                batch = List.copyOf(undelivered);
                undelivered.clear();
            }
            for (Object o : batch) {
                if (o instanceof ScenarioStart s) {
                    l.started(s);
                } else if (o instanceof ScenarioResult r) {
                    l.finished(r);
                } else if (o instanceof ImplementationInfo i) {
                    l.began(i);
                }
            }
        }
    }

    /** The worker's output: the first {@link #KEPT_OUTPUT_BYTES} kept in a file, all of it counted, the end remembered. */
    static final class OutputLog {
        final AtomicLong total = new AtomicLong();
        private final OutputStream file;
        private final ByteArrayOutputStream tail = new ByteArrayOutputStream();
        private long kept;

        OutputLog(Path file) throws IOException {
            this.file = Files.newOutputStream(file);
        }

        void drain(InputStream in) {
            byte[] buf = new byte[64 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    accept(java.util.Arrays.copyOf(buf, n));
                }
            } catch (IOException e) {
                // the worker is gone
            }
        }

        synchronized void accept(byte[] bytes) {
            total.addAndGet(bytes.length);
            try {
                if (kept < KEPT_OUTPUT_BYTES) {
                    int n = (int) Math.min(bytes.length, KEPT_OUTPUT_BYTES - kept);
                    file.write(bytes, 0, n);
                    kept += n;
                }
            } catch (IOException e) {
                // the log is a courtesy; the count still bounds the output
            }
            tail.write(bytes, 0, bytes.length);
            if (tail.size() > 16 * 1024) {
                byte[] all = tail.toByteArray();
                tail.reset();
                tail.write(all, all.length - 8 * 1024, 8 * 1024);
            }
        }

        synchronized String tail() {
            return tail.toString(StandardCharsets.UTF_8);
        }

        /** The implementation's last line of output, with control characters shown as escapes. */
        synchronized String lastLine() {
            String[] lines = tail().strip().split("\n");
            String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
            return io.ddikit.result.Bounds.printable(last, 200);
        }

        synchronized void close() throws IOException {
            long more = total.get() - kept;
            if (more > 0) {
                file.write(("\n[ddikit: " + more + " more bytes of output were not kept]\n").getBytes(StandardCharsets.UTF_8));
            }
            file.close();
        }
    }

    /** Lines of a stream, each cut at a bound (a stream with no newline cannot grow one line without end). */
    static final class BoundedLines {
        private final InputStream in;
        private final int max;
        private long dropped;

        BoundedLines(InputStream in, int max) {
            this.in = new java.io.BufferedInputStream(in, 64 * 1024);
            this.max = max;
        }

        /** Bytes beyond the bound dropped from the last line returned. */
        long dropped() {
            return dropped;
        }

        String next() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            dropped = 0;
            int b;
            boolean any = false;
            while ((b = in.read()) >= 0) {
                any = true;
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() < max) {
                    line.write(b);
                } else {
                    dropped++;
                }
            }
            return any ? line.toString(StandardCharsets.UTF_8) : null;
        }
    }
}
