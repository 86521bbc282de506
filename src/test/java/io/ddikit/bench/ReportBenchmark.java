package io.ddikit.bench;

import io.ddikit.doc.DocPage;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.report.LargePages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How report time grows with a page's sentences: pages of 10,000, 50,000 and 150,000 short sentences
 * ({@link LargePages#manySentences}), each read with the kit's page reader, graded and reported as {@code ddikit run}
 * does; prints the time of each stage (median of several rounds after a warm-up on every size), the report's time per
 * thousand sentences and its ratio to the smallest page's, which stays near 1 when time is linear (a quadratic stage
 * would give 5 and 15).
 * Not a unit test.
 *
 * <pre>
 * mvn -B -q -DskipTests package &amp;&amp; java -cp kit/target/ddikit-all.jar:kit/target/test-classes io.ddikit.bench.ReportBenchmark
 * </pre>
 * Optional arguments: rounds (default 3), then the sentence counts (default 10000 50000 150000).
 */
public final class ReportBenchmark {
    private ReportBenchmark() {
    }

    /** Medians, in milliseconds; {@code bytes} is the size of the report's files. */
    record Times(int clauses, long read, long grade, long report, long bytes) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int[] counts = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000, 50_000, 150_000};
        Path dir = Files.createTempDirectory("ddikit-report-bench-");
        try {
            for (int n : counts) {
                run(dir, n, 1); // warm-up: every size once, so that the smallest is not the one the JIT learns on
            }
            System.out.printf(Locale.ROOT, "%10s %9s %8s %9s %9s %9s %11s %9s%n", "sentences", "page MB", "clauses",
                    "read ms", "grade ms", "report ms", "ms/1000 s.", "ratio");
            double base = 0;
            for (int n : counts) {
                Times t = run(dir, n, rounds);
                double per = t.report() / (n / 1000.0);
                if (base == 0) {
                    base = per;
                }
                System.out.printf(Locale.ROOT, "%,10d %9.2f %,8d %,9d %,9d %,9d %11.2f %9.2f   (report %.0f MB)%n", n,
                        LargePages.manySentences(n).length() / 1e6, t.clauses(), t.read(), t.grade(), t.report(),
                        per, per / base, t.bytes() / 1e6);
            }
        } finally {
            delete(dir);
        }
    }

    /** Medians over {@code rounds} of reading, grading and writing the report of a page of {@code sentences}. */
    private static Times run(Path dir, int sentences, int rounds) throws Exception {
        String text = LargePages.manySentences(sentences);
        long[] read = new long[rounds];
        long[] grade = new long[rounds];
        long[] report = new long[rounds];
        long bytes = 0;
        int clauses = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            DocPage page = LargePages.read(dir.resolve("pages"), "nf-ndis-ndisreleasespinlock.md", text);
            long t1 = System.nanoTime();
            ImplementationVerdict verdict = LargePages.graded(page);
            long t2 = System.nanoTime();
            Path out = dir.resolve("report");
            LargePages.report(out, page, verdict);
            long t3 = System.nanoTime();
            read[r] = (t1 - t0) / 1_000_000;
            grade[r] = (t2 - t1) / 1_000_000;
            report[r] = (t3 - t2) / 1_000_000;
            bytes = size(out);
            clauses = page.clauses().size();
        }
        return new Times(clauses, median(read), median(grade), median(report), bytes);
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
