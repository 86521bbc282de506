package io.ddikit.nativelib;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a worker that died in C code says of it, in the page's terms: the signal (from the JVM's fatal error log,
 * {@code hs_err_pid*.log}, which the worker writes into its own folder, or from the exit status), the C function it
 * was in (the log's problematic frame), and the call the kit had made into the library when it died, with the
 * processor and its IRQL (the worker's {@link CallNotes}).
 */
public final class NativeCrash {
    /** Prefix of the JVM's fatal error log in the worker's folder ({@code -XX:ErrorFile=DIR/hs_err_pid%p.log}). */
    public static final String ERROR_FILE = "hs_err_pid%p.log";
    private static final Pattern SIGNAL = Pattern.compile("#\\s+(SIG[A-Z]+) \\(0x[0-9a-f]+\\)");
    private static final Pattern FRAME = Pattern.compile("^# C\\s+\\[([^\\]]+)\\]\\s*(\\S.*)?$", Pattern.MULTILINE);
    private static final Pattern THREAD = Pattern.compile("^Current thread \\([^)]*\\):\\s+JavaThread \"([^\"]+)\"", Pattern.MULTILINE);
    private static final String[] SIGNALS = {"", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
        "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};

    private NativeCrash() {
    }

    /**
     * The crash of the worker whose folder is {@code dir} and which ended with {@code exit}, in one line (no leading
     * capital, no final stop): {@code it received SIGSEGV in C code (libacme.so NdisAcquireSpinLock+0x1d) in the call
     * NdisAcquireSpinLock on processor 1, entered at PASSIVE_LEVEL, at DISPATCH_LEVEL}; empty when neither a fatal error log nor a call note
     * says the worker died in C.
     */
    public static Optional<String> describe(Path dir, int exit) {
        List<String> calls = CallNotes.read(dir);
        String log = errorLog(dir);
        if (log.isEmpty() && calls.isEmpty()) {
            return Optional.empty();
        }
        String signal = null;
        String frame = null;
        String thread = null;
        if (!log.isEmpty()) {
            Matcher m = SIGNAL.matcher(log);
            if (m.find()) {
                signal = m.group(1);
            }
            m = FRAME.matcher(log);
            if (m.find()) {
                frame = (m.group(1).replaceAll("\\+0x[0-9a-f]+$", "") + " " + (m.group(2) == null ? "" : m.group(2))).strip();
            }
            m = THREAD.matcher(log);
            if (m.find()) {
                thread = m.group(1);
            }
        }
        if (signal == null && exit > 128 && exit - 128 < SIGNALS.length) {
            signal = SIGNALS[exit - 128];
        }
        String call = null;
        if (thread != null) {
            for (String c : calls) {
                if (c.contains("on thread " + thread + " ") || c.endsWith("on thread " + thread)) {
                    call = c;
                }
            }
        }
        if (call == null && calls.size() == 1) {
            call = calls.get(0);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(signal == null ? "it ended" : "it received " + signal);
        if (frame != null) {
            sb.append(" in C code (").append(frame).append(')');
        }
        if (call != null) {
            sb.append(" in the call ").append(call.replaceAll(" on thread \\S+", ""));
        } else if (!calls.isEmpty()) {
            sb.append(" with calls into C under way: ").append(String.join("; ", calls.stream()
                    .map(c -> c.replaceAll(" on thread \\S+", "")).toList()));
        }
        return Optional.of(sb.toString());
    }

    /** The first 256 KB of the worker's fatal error log, or empty. */
    private static String errorLog(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            Path log = s.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).findFirst().orElse(null);
            if (log == null) {
                return "";
            }
            try (InputStream in = Files.newInputStream(log)) {
                return new String(in.readNBytes(256 * 1024), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return "";
        }
    }
}
