package io.ddikit.isolate;

import io.ddikit.result.ImplementationInfo;
import io.ddikit.run.ScenarioStart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The kit's side of a worker process: starts it, reads its events, enforces the limits, and says in the
 * page's terms what happened when it did not end normally.
 */
public final class IsolatedRunner {
    /** Output of a worker kept on disk; the rest is counted, not kept. */
    static final long KEPT_OUTPUT_BYTES = 1 << 20;
    private static final long POLL_MILLIS = 100;

    /**
     * Bounds on one worker.
     *
     * @param scenario       one scenario's wall time
     * @param run            the whole run's wall time
     * @param maxOutputBytes what the implementation may print (standard output and error together)
     * @param heapMegabytes  the worker's heap
     */
    public record Limits(Duration scenario, Duration run, long maxOutputBytes, int heapMegabytes) {
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(120), Duration.ofMinutes(30), 16L << 20, 1024);
    }

    /** Told of the worker's progress, on the thread that called {@link #run}. */
    public interface Listener {
        default void started(ScenarioStart s) {
        }

        default void finished(String name, String location, String verdict) {
        }

        /** Called about every 100 ms while the worker runs, with the scenario under way (or null). */
        default void tick(ScenarioStart current, Duration inScenario) {
        }
    }

    /**
     * How a worker ended.
     *
     * @param problem         why it did not end normally (the run's problem, in the page's terms), or null
     * @param inputError      the worker refused its input (one line), or null
     * @param kitError        the kit broke inside the worker (one line), or null
     * @param implementations for a listing: what the class path offers
     * @param given           for a listing: the names of those found in the jars and folders given
     * @param unfinished      the scenario under way when the worker died or was stopped, or null
     * @param unfinishedMillis how long that scenario had run
     */
    public record Outcome(String problem, String inputError, String kitError, List<ImplementationInfo> implementations,
                          List<String> given, ScenarioStart unfinished, long unfinishedMillis) {
    }

    /** Lists the implementations found on the kit's class path plus {@code classpath}, in a worker. */
    public Outcome list(List<Path> classpath, Limits limits, Path scratch) throws IOException {
        return launch(WorkerRequest.list(classpath.stream().map(p -> p.toAbsolutePath().toString()).toList()),
                limits, scratch, new Listener() { });
    }

    /** Runs the suite in a worker as {@code req} says; results land in {@code req.outDir()}. */
    public Outcome run(WorkerRequest req, Limits limits, Listener listener) throws IOException {
        return launch(req, limits, Path.of(req.outDir()), listener);
    }

    private Outcome launch(WorkerRequest req, Limits limits, Path dir, Listener listener) throws IOException {
        Files.createDirectories(dir);
        Path requestFile = dir.resolve("worker-request.json");
        Files.write(requestFile, Worker.JSON.writeValueAsBytes(req));
        Path log = dir.resolve(WorkerRequest.LIST.equals(req.mode()) ? "list-output.log" : "output.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + limits.heapMegabytes() + "m");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("ddikit.")).sorted()
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Worker.class.getName());
        cmd.add(requestFile.toAbsolutePath().toString());
        Process p = new ProcessBuilder(cmd).start();
        State state = new State();
        OutputLog output = new OutputLog(log);
        Thread events = daemon("ddikit-worker-events", () -> readEvents(p.getInputStream(), state, output));
        Thread errors = daemon("ddikit-worker-output", () -> output.drain(p.getErrorStream()));
        long start = System.nanoTime();
        String killed = null;
        try {
            while (!p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                state.deliver(listener);
                ScenarioStart current = state.current;
                Duration inScenario = Duration.ofNanos(System.nanoTime() - state.currentSince);
                listener.tick(current, inScenario);
                if (output.total.get() > limits.maxOutputBytes()) {
                    killed = "the implementation printed more than " + megabytes(limits.maxOutputBytes())
                            + " (standard output and error together)" + during(current) + "; its process was stopped";
                } else if (current != null && inScenario.compareTo(limits.scenario()) > 0) {
                    killed = "scenario '" + current.name() + "' (" + current.location() + ") did not end within "
                            + seconds(limits.scenario()) + "; the implementation's process was stopped";
                } else if (Duration.ofNanos(System.nanoTime() - start).compareTo(limits.run()) > 0) {
                    killed = "the run did not end within " + seconds(limits.run()) + during(current)
                            + "; the implementation's process was stopped";
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
        }
        join(events);
        join(errors);
        output.close();
        state.deliver(listener);
        Files.deleteIfExists(requestFile);
        if (output.total.get() == 0) {
            Files.deleteIfExists(log);
        }
        int exit = p.exitValue();
        if (killed != null) {
            return new Outcome(killed, null, null, state.implementations, state.given, state.current,
                (System.nanoTime() - state.currentSince) / 1_000_000);
        }
        if (state.inputError != null) {
            return new Outcome(null, state.inputError, null, state.implementations, state.given, state.current,
                (System.nanoTime() - state.currentSince) / 1_000_000);
        }
        if (state.kitError != null) {
            return new Outcome(null, null, state.kitError, state.implementations, state.given, state.current,
                (System.nanoTime() - state.currentSince) / 1_000_000);
        }
        if (state.done && exit == 0) {
            return new Outcome(state.problem, null, null, state.implementations, state.given, state.current,
                (System.nanoTime() - state.currentSince) / 1_000_000);
        }
        return new Outcome(died(state, output, exit, limits), null, null, state.implementations, state.given, state.current,
                (System.nanoTime() - state.currentSince) / 1_000_000);
    }

    /** Why the worker's process ended before its run did. */
    private static String died(State state, OutputLog output, int exit, Limits limits) {
        String during = during(state.current);
        String tail = output.tail();
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
        String last = output.lastLine();
        return "the implementation's process ended with exit status " + exit + during
                + (last.isEmpty() ? "" : "; its last output: " + last);
    }

    private static String during(ScenarioStart s) {
        return s == null ? " (outside any scenario)" : " during scenario '" + s.name() + "' (" + s.location() + ")";
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String megabytes(long bytes) {
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

    /** Reads the worker's events; what is not an event (the implementation writing to the real stdout) is output. */
    private static void readEvents(InputStream in, State state, OutputLog output) {
        try {
            BoundedLines lines = new BoundedLines(in, 1 << 20);
            String line;
            while ((line = lines.next()) != null) {
                Event e = null;
                if (line.startsWith("{\"e\":")) {
                    try {
                        e = Worker.JSON.readValue(line, Event.class);
                    } catch (IOException notAnEvent) {
                        e = null;
                    }
                }
                if (e == null) {
                    output.accept((line + "\n").getBytes(StandardCharsets.UTF_8), lines.dropped());
                } else {
                    state.accept(e);
                }
            }
        } catch (IOException e) {
            // the worker is gone; its exit status tells the rest
        }
    }

    /** What the events said so far; written by the reader thread, read by the watching thread. */
    private static final class State {
        private final List<Object> undelivered = new ArrayList<>();
        volatile ScenarioStart current;
        volatile long currentSince = System.nanoTime();
        volatile boolean done;
        volatile boolean exitCalled;
        volatile String exitAt;
        volatile String problem;
        volatile String inputError;
        volatile String kitError;
        volatile List<ImplementationInfo> implementations = List.of();
        volatile List<String> given = List.of();

        synchronized void accept(Event e) {
            switch (e.e()) {
                case Event.START -> {
                    ScenarioStart s = new ScenarioStart(e.name(), e.location(), e.clauses() == null ? List.of() : e.clauses());
                    currentSince = System.nanoTime();
                    current = s;
                    undelivered.add(s);
                }
                case Event.END -> {
                    current = null;
                    undelivered.add(e);
                }
                case Event.IMPLEMENTATIONS -> {
                    implementations = List.copyOf(e.implementations());
                    given = e.given() == null ? List.of() : List.copyOf(e.given());
                }
                case Event.PROBLEM -> problem = e.message();
                case Event.EXIT -> {
                    exitCalled = true;
                    exitAt = e.at();
                }
                case Event.INPUT_ERROR -> inputError = e.message();
                case Event.KIT_ERROR -> kitError = e.message();
                case Event.DONE -> done = true;
                default -> {
                    // an event of a newer worker: ignored
                }
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
                } else if (o instanceof Event e) {
                    l.finished(e.name(), e.location(), e.verdict());
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
                    accept(java.util.Arrays.copyOf(buf, n), 0);
                }
            } catch (IOException e) {
                // the worker is gone
            }
        }

        synchronized void accept(byte[] bytes, long droppedToo) {
            total.addAndGet(bytes.length + droppedToo);
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

        synchronized String lastLine() {
            String[] lines = tail().strip().split("\n");
            String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
            return last.length() > 200 ? last.substring(0, 199) + "…" : last;
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
            this.in = in;
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
