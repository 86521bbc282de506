package io.ddikit.isolate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ddikit.result.ImplementationInfo;
import io.ddikit.run.RunInputException;
import io.ddikit.run.SuiteRunner;
import io.ddikit.run.TargetResolver;
import io.ddikit.suite.Target;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The worker process: runs the suite against one implementation (or lists the implementations found), and
 * tells the kit's process how it goes, one JSON {@link Event} per line on the kit's channel: a Unix domain
 * socket it connects to before any implementation class is loaded, and which the kit accepts once. Standard
 * output and error are the implementation's; the kit keeps them in a bounded log and reads nothing from them.
 * The worker writes no result anywhere: the kit's process is the only writer of results and reports. It
 * ends itself when the kit's process goes away (its standard input closes).
 */
public final class Worker {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    /** Exit status of a worker whose kit process went away. */
    static final int ORPHANED = 98;

    private final OutputStream channel;
    private volatile boolean finished;

    private Worker(OutputStream channel) {
        this.channel = channel;
    }

    /** {@code args}: the request file, the kit's socket. */
    public static void main(String[] args) {
        OutputStream channel;
        try {
            SocketChannel socket = SocketChannel.open(UnixDomainSocketAddress.of(args[1]));
            channel = new BufferedOutputStream(Channels.newOutputStream(socket), 64 * 1024);
        } catch (IOException | RuntimeException e) {
            System.err.println("ddikit worker: cannot reach the kit's channel " + (args.length > 1 ? args[1] : "") + ": " + e);
            Runtime.getRuntime().halt(ORPHANED);
            return;
        }
        Worker w = new Worker(channel);
        w.watchParent();
        w.watchExit();
        int code;
        try {
            WorkerRequest req = JSON.readValue(Path.of(args[0]).toFile(), WorkerRequest.class);
            code = WorkerRequest.LIST.equals(req.mode()) ? w.list(req) : w.run(req);
        } catch (RunInputException e) {
            // the kit checked its inputs before it started the worker: what remains is the implementation's
            w.emit(Event.message(Event.PROBLEM, e.getMessage()));
            code = 3;
        } catch (Throwable t) {
            if (!interruptedByImplementation(t)) {
                // for whoever debugs the kit: the whole trace in the worker's log (output.log)
                System.err.println("ddikit worker: kit error:");
                t.printStackTrace();
            }
            w.emit(interruptedByImplementation(t)
                    ? Event.message(Event.PROBLEM, "the implementation interrupted the kit's own threads (" + root(t) + ")")
                    : Event.message(Event.KIT_ERROR, t instanceof SuiteRunner.SuiteFailure ? t.getMessage() : "the worker failed: " + t));
            code = 4;
        }
        w.finished = true;
        w.flush();
        System.err.flush();
        // halt, not exit: threads the implementation left behind must not keep the process alive
        Runtime.getRuntime().halt(code);
    }

    private int list(WorkerRequest req) throws RunInputException {
        TargetResolver resolver = TargetResolver.over(paths(req.classpath()));
        List<Event.Listed> found = new ArrayList<>();
        for (Target t : resolver.discoverAll()) {
            found.add(new Event.Listed(t.family(), t.name(), t.version(), t.capabilities(), t.handle().getClass().getName(),
                    resolver.fromClasspath(t)));
        }
        emit(new Event(Event.IMPLEMENTATIONS, found, null, null, null, null, null, null));
        emit(Event.of(Event.DONE));
        return 0;
    }

    private int run(WorkerRequest req) throws RunInputException, IOException {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        TargetResolver resolver = req.nativeLibrary() == null ? TargetResolver.over(paths(req.classpath()))
                : TargetResolver.overNative(Path.of(req.nativeLibrary()), req.nativeName(), req.nativeVersion(), Path.of(req.outDir()));
        Target target = resolver.select(req.family(), req.implementation());
        emit(new Event(Event.BEGIN, null, new ImplementationInfo(target.family(), target.name(), target.version(),
                target.capabilities()), null, null, null, null, null));
        new SuiteRunner().run(new SuiteRunner.Request(target, paths(req.features()),
                        resolver.families().require(target.family()).glue(), req.tags(), req.processors(), Duration.ofMillis(req.callTimeoutMillis()),
                        req.seed(), Path.of(req.outDir()), Path.of(req.root()), resolver.classLoader(),
                        r -> emit(new Event(Event.END, null, null, null, null, r, null, null)),
                        req.pages(), schedules(req), true),
                s -> emit(new Event(Event.START, null, null, s.name(), s.location(), null, null, null)));
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
            emit(Event.message(Event.PROBLEM, "the implementation left " + n + " thread" + (n == 1 ? "" : "s")
                    + " running after the run (non-daemon: " + String.join(", ", names) + ")"));
        }
        emit(Event.of(Event.DONE));
        return 0;
    }

    /** The controlled tier's schedules; a schedule of a C library's run is replayed with {@code --native}. */
    private static io.ddikit.suite.SuiteContext.Schedules schedules(WorkerRequest req) {
        io.ddikit.suite.SuiteContext.Schedules s = new io.ddikit.suite.SuiteContext.Schedules(req.explore(), req.replay());
        return req.nativeLibrary() == null ? s
                : s.replayedWith("./ddikit run --native " + req.nativeLibrary() + " --name {impl}{clauses}{processors} --replay {id}");
    }

    /** An interruption that ended the run came from the implementation (see {@link io.ddikit.run.Interruptions}). */
    private static boolean interruptedByImplementation(Throwable t) {
        return io.ddikit.run.Interruptions.caused(t) || Thread.currentThread().isInterrupted();
    }

    private static String root(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getClass().getName();
    }

    private synchronized void emit(Event e) {
        try {
            channel.write(JSON.writeValueAsBytes(e));
            channel.write('\n');
            channel.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("the kit's channel is closed", ex);
        }
    }

    private synchronized void flush() {
        try {
            channel.flush();
        } catch (IOException e) {
            // the kit is gone; nothing to tell
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
                emit(new Event(Event.EXIT, null, null, null, null, null, null, exitCaller()));
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
