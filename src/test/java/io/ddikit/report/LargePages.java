package io.ddikit.report;

import io.ddikit.doc.Clause;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.PageSource;
import io.ddikit.doc.read.PageReader;
import io.ddikit.grade.ClauseGrader;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.ImplementationInfo;
import io.ddikit.result.RunInfo;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;
import io.ddikit.trace.TraceReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pages far larger than a reference page, read by the kit's own {@link PageReader}, graded by {@link ClauseGrader}
 * and reported by {@link ReportWriter}, as {@code ddikit run} would: for {@code LargePageReportTest} and
 * {@code io.ddikit.bench.ReportBenchmark}.
 */
public final class LargePages {
    static final Path SEED = Path.of("docs-source/ndis/nf-ndis-ndisreleasespinlock.md");
    /** The stack of the thread the report is written on: the JVM's default on 64-bit Linux, what {@code ddikit}'s main thread gets. */
    static final long STACK_BYTES = 1L << 20;
    /** Every how many clauses one has a scenario. */
    static final int TESTED_EVERY = 10;
    static final String IMPLEMENTATION = "reference";
    /** The message of a failed scenario: it names a DDI rule of the page, so that every result is searched for rules. */
    static final String FAILURE = "the lock was still held after NdisReleaseSpinLock returned (rule SpinLockBalanced)";

    private LargePages() {
    }

    /** The seed page with {@code count} short sentences at the start of its Remarks, ten to a paragraph, some over two lines. */
    public static String manySentences(int count) throws IOException {
        StringBuilder b = new StringBuilder(count * 24);
        for (int i = 0; i < count; i++) {
            if (i % 50 == 3) {
                b.append("A driver must call <b>NdisAcquireSpinLock</b> before lock ").append(i).append(" is held.");
            } else {
                b.append("Lock ").append(i).append(" is held.");
            }
            b.append(i % 10 == 9 ? "\n\n" : i % 3 == 0 ? "\n    " : " ");
        }
        return seedWithRemarks(b.toString());
    }

    /**
     * The seed page with one sentence of {@code words} words (and a few more) at the start of its Remarks, twelve
     * words to a line, each line indented.
     */
    public static String oneLongSentence(int words) throws IOException {
        StringBuilder b = new StringBuilder("A driver must hold");
        for (int i = 0; i < words; i++) {
            b.append(i % 12 == 0 ? "\n    " : " ").append("w").append(i);
        }
        b.append(" before it calls <b>NdisReleaseSpinLock</b>.\n");
        return seedWithRemarks(b.toString());
    }

    private static String seedWithRemarks(String block) throws IOException {
        return Files.readString(SEED).replace("## Remarks\n", "## Remarks\n\n" + block + "\n");
    }

    /** Writes {@code text} to {@code dir/name} and reads it as {@code ddikit} does, failing on any diagnostic. */
    public static DocPage read(Path dir, String name, String text) throws IOException {
        Path file = Files.writeString(Files.createDirectories(dir).resolve(name), text);
        PageSource source = PageReader.read(List.of(file));
        if (source.hasErrors() || source.pages().size() != 1) {
            throw new IllegalStateException("the page did not read: " + source.diagnostics());
        }
        return source.pages().get(0);
    }

    /**
     * The verdicts of one implementation on {@code page}: every {@value #TESTED_EVERY}th clause has a scenario,
     * failed every other time, the rest are untested.
     */
    public static ImplementationVerdict graded(DocPage page) {
        List<ScenarioResult> results = new ArrayList<>();
        List<Clause> clauses = page.clauses();
        for (int i = 0; i < clauses.size(); i += TESTED_EVERY) {
            boolean failed = (i / TESTED_EVERY) % 2 == 1;
            results.add(new ScenarioResult(IMPLEMENTATION, "features/ndis/large.feature", 10 + i, "checks clause " + i,
                    List.of(clauses.get(i).id().value()), failed ? Verdict.FAILED : Verdict.PASSED, "", 1,
                    failed ? "Then the lock is free" : "", failed ? 12 + i : 0, failed ? FAILURE : "", ""));
        }
        Instant start = Instant.parse("2025-01-02T03:04:05Z");
        RunInfo run = new RunInfo("0.1.0-test", 4, 42L, "jvm", "os", 2, start, start.plusSeconds(1),
                DocPage.fingerprints(List.of(page)), null);
        return new ClauseGrader().grade(List.of(page), new TraceReport(List.of(), Map.of(), Set.of()),
                new ImplementationInfo("ndis-spin-lock", IMPLEMENTATION, "1.0", List.of()), run, results);
    }

    /** Writes the report of {@code verdict} on {@code page} into {@code dir}, on a thread with a {@link #STACK_BYTES} stack. */
    public static Path report(Path dir, DocPage page, ImplementationVerdict verdict) throws Exception {
        return onOrdinaryStack(() -> new ReportWriter().write(dir, ReportInput.of(List.of(page), List.of(verdict), "0.1.0-test")));
    }

    /** Runs {@code task} on a thread of its own with a {@link #STACK_BYTES} stack, rethrowing what it throws. */
    static <T> T onOrdinaryStack(Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(task.call());
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "large-page-report", STACK_BYTES);
        t.start();
        t.join();
        if (thrown.get() instanceof Exception e) {
            throw e;
        }
        if (thrown.get() instanceof Error e) {
            throw e;
        }
        return result.get();
    }
}
