package io.ddikit.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ddikit.result.ImplementationInfo;
import io.ddikit.result.RunInfo;
import io.ddikit.result.ScenarioResult;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The results of one implementation's run on disk, written as they happen so that nothing finished is
 * lost if the run is killed: {@code run.json} (the implementation and the run, rewritten when the run
 * ends) and {@code scenarios.ndjson} (one {@link ScenarioResult} per line, flushed as each scenario ends).
 */
public final class ResultStore implements AutoCloseable {
    static final String RUN_FILE = "run.json";
    static final String SCENARIOS_FILE = "scenarios.ndjson";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;
    private final BufferedWriter scenarios;

    private ResultStore(Path dir, BufferedWriter scenarios) {
        this.dir = dir;
        this.scenarios = scenarios;
    }

    /** Starts a fresh store in {@code dir}, replacing what an earlier run left there. */
    public static ResultStore create(Path dir, ImplementationInfo impl, RunInfo run) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(SCENARIOS_FILE));
        writeAtomically(dir.resolve(RUN_FILE), JSON.writeValueAsBytes(new StoredRun(impl, run)));
        BufferedWriter w = Files.newBufferedWriter(dir.resolve(SCENARIOS_FILE), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        return new ResultStore(dir, w);
    }

    public synchronized void append(ScenarioResult result) {
        try {
            scenarios.write(JSON.writeValueAsString(result));
            scenarios.newLine();
            scenarios.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(SCENARIOS_FILE), e);
        }
    }

    /** Marks the run complete. */
    public void finish(ImplementationInfo impl, RunInfo run) throws IOException {
        close();
        writeAtomically(dir.resolve(RUN_FILE), JSON.writeValueAsBytes(new StoredRun(impl, run)));
    }

    @Override
    public synchronized void close() throws IOException {
        scenarios.close();
    }

    /** Removes what an earlier run left in {@code dir}, so that a run that dies early is never read as that one. */
    public static void clear(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(RUN_FILE));
        Files.deleteIfExists(dir.resolve(SCENARIOS_FILE));
    }

    /** Whether {@code dir} holds a store. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(RUN_FILE));
    }

    /**
     * Reads a store back. The last scenario line may be cut short by a killed run and is then ignored; any other
     * line that is not a scenario result, or a {@code run.json} without its implementation and run, is an
     * {@link IOException} naming the file (and line).
     */
    public static Stored read(Path dir) throws IOException {
        Path runFile = dir.resolve(RUN_FILE);
        StoredRun run;
        try {
            run = JSON.readValue(runFile.toFile(), StoredRun.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(runFile + ": not a run record: " + firstLine(e.getOriginalMessage()), e);
        }
        if (run == null || run.implementation() == null || run.implementation().name() == null || run.run() == null) {
            throw new IOException(runFile + ": not a run record: the implementation or the run is missing");
        }
        List<ScenarioResult> results = new ArrayList<>();
        Path file = dir.resolve(SCENARIOS_FILE);
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int last = lines.size();
            while (last > 0 && lines.get(last - 1).isBlank()) {
                last--;
            }
            for (int i = 0; i < last; i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                ScenarioResult r;
                String why;
                try {
                    r = JSON.readValue(line, ScenarioResult.class);
                    why = r == null || r.verdict() == null || r.feature() == null ? "its feature or verdict is missing" : null;
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    r = null;
                    why = firstLine(e.getOriginalMessage());
                }
                if (why == null) {
                    results.add(r);
                } else if (i < last - 1) {
                    throw new IOException(file + ":" + (i + 1) + ": not a scenario result: " + why);
                }
                // else: the last line of a killed run may be cut short; what finished before it still counts
            }
        }
        return new Stored(run.implementation(), run.run(), results);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Writes a whole store at once (a merged run's results): {@code run.json} last. */
    public static void write(Path dir, ImplementationInfo impl, RunInfo run, List<ScenarioResult> scenarios) throws IOException {
        try (ResultStore store = create(dir, impl, run.ended(null))) {
            scenarios.forEach(store::append);
            store.finish(impl, run);
        }
    }

    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    record StoredRun(ImplementationInfo implementation, RunInfo run) {
    }

    /** What a store holds. */
    public record Stored(ImplementationInfo implementation, RunInfo run, List<ScenarioResult> scenarios) {
    }
}
