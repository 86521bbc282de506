package io.ddikit.isolate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddikit.result.ImplementationInfo;
import io.ddikit.run.ResultStore;
import io.ddikit.run.RunInputException;
import io.ddikit.run.SuiteRunner;
import io.ddikit.run.TargetResolver;
import io.ddikit.suite.Target;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The worker process: runs the suite against one implementation (or lists the implementations found), and
 * tells the kit's process how it goes, one JSON {@link Event} per line on standard output. The
 * implementation's own prints go to standard error, which the kit keeps in a bounded log. The worker
 * ends itself when the kit's process goes away (its standard input closes).
 */
public final class Worker {
    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Exit status of a worker whose kit process went away. */
    static final int ORPHANED = 98;

    private final PrintStream protocol;
    private volatile boolean finished;

    private Worker(PrintStream protocol) {
        this.protocol = protocol;
    }

    public static void main(String[] args) {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Worker w = new Worker(protocol);
        w.watchParent();
        w.watchExit();
        int code;
        try {
            WorkerRequest req = JSON.readValue(Path.of(args[0]).toFile(), WorkerRequest.class);
            code = WorkerRequest.LIST.equals(req.mode()) ? w.list(req) : w.run(req);
        } catch (RunInputException e) {
            w.emit(Event.message(Event.INPUT_ERROR, e.getMessage()));
            code = 2;
        } catch (SuiteRunner.SuiteFailure e) {
            w.emit(Event.message(Event.KIT_ERROR, e.getMessage()));
            code = 4;
        } catch (Throwable t) {
            w.emit(Event.message(Event.KIT_ERROR, "the worker failed: " + t));
            code = 4;
        }
        w.finished = true;
        protocol.flush();
        System.err.flush();
        // halt, not exit: threads the implementation left behind must not keep the process alive
        Runtime.getRuntime().halt(code);
    }

    private int list(WorkerRequest req) throws RunInputException {
        TargetResolver resolver = TargetResolver.over(paths(req.classpath()));
        List<ImplementationInfo> found = new ArrayList<>();
        List<String> given = new ArrayList<>();
        for (Target t : resolver.discover().values()) {
            found.add(new ImplementationInfo(t.name(), t.version(), t.capabilities()));
            if (resolver.fromClasspath(t)) {
                given.add(t.name());
            }
        }
        emit(new Event(Event.IMPLEMENTATIONS, found, given, null, null, null, null, null, null));
        emit(Event.of(Event.DONE));
        return 0;
    }

    private int run(WorkerRequest req) throws RunInputException, IOException {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        TargetResolver resolver = TargetResolver.over(paths(req.classpath()));
        Target target = resolver.select(List.of(req.implementation())).get(0);
        Path out = Path.of(req.outDir());
        SuiteRunner.Outcome o = new SuiteRunner().run(new SuiteRunner.Request(target, paths(req.features()),
                        List.of(SuiteRunner.DEFAULT_GLUE), req.tags(), req.processors(), Duration.ofMillis(req.callTimeoutMillis()),
                        req.seed(), out, Path.of(req.root()), resolver.classLoader(),
                        r -> emit(new Event(Event.END, null, null, r.name(), r.location(), r.clauses(), r.verdict().label(), null, null)),
                        req.pages()),
                s -> emit(new Event(Event.START, null, null, s.name(), s.location(), s.clauses(), null, null, null)));
        Map<String, Integer> leaked = new java.util.TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.isDaemon() && t != Thread.currentThread() && !before.contains(t)) {
                leaked.merge(t.getName(), 1, Integer::sum);
            }
        }
        if (!leaked.isEmpty()) {
            int n = leaked.values().stream().mapToInt(Integer::intValue).sum();
            List<String> names = leaked.entrySet().stream()
                    .map(e -> (e.getValue() == 1 ? "" : e.getValue() + " × ") + "'" + e.getKey() + "'").toList();
            String problem = "the implementation left " + n + " thread" + (n == 1 ? "" : "s")
                    + " running after the run (non-daemon: " + String.join(", ", names) + ")";
            ResultStore.recordProblem(out, o.implementation(), o.run(), problem, Instant.now());
            emit(Event.message(Event.PROBLEM, problem));
        }
        emit(Event.of(Event.DONE));
        return 0;
    }

    private synchronized void emit(Event e) {
        try {
            protocol.println(JSON.writeValueAsString(e));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The kit's process holds this process's standard input open; when it closes, nobody is listening. */
    private void watchParent() {
        Thread t = new Thread(() -> {
            InputStream in = System.in;
            try {
                while (in.read() >= 0) {
                    // the kit sends nothing; any byte is ignored
                }
            } catch (IOException e) {
                // closed: same as the end of the stream
            }
            if (!finished) {
                Runtime.getRuntime().halt(ORPHANED);
            }
        }, "ddikit-parent-watch");
        t.setDaemon(true);
        t.start();
    }

    /** When something ends the JVM before the run is finished (System.exit in the implementation), say who. */
    private void watchExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished) {
                emit(new Event(Event.EXIT, null, null, null, null, null, null, null, exitCaller()));
                protocol.flush();
            }
        }, "ddikit-exit-watch"));
    }

    /** The first frame outside the JDK of the thread that is calling System.exit or Runtime.exit, or null. */
    static String exitCaller() {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] st = e.getValue();
            boolean exiting = false;
            for (StackTraceElement f : st) {
                if (f.getClassName().equals("java.lang.Shutdown") || f.getClassName().equals("java.lang.Runtime")
                        && f.getMethodName().equals("exit")) {
                    exiting = true;
                } else if (exiting && !f.getClassName().startsWith("java.")) {
                    return f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
                }
            }
        }
        return null;
    }

    private static List<Path> paths(List<String> s) {
        return s.stream().map(Path::of).toList();
    }
}
