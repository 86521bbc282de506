package io.ddikit.bench;

import io.ddikit.doc.DocPage;
import io.ddikit.doc.read.PageReadException;
import io.ddikit.doc.read.PageReader;
import io.ddikit.doc.markdown.MarkdownOutlineParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pages per second of {@link PageReader#readString(String, String)} on one thread, next to a bare Flexmark parse of the
 * same pages with the kit's parser options ({@link MarkdownOutlineParser#bareParse}), and their ratio, measured in
 * turns in one run. Not a unit test.
 *
 * <pre>
 * mvn -B -q -DskipTests package &amp;&amp; java -cp kit/target/ddikit-all.jar:kit/target/test-classes io.ddikit.bench.PageReaderBenchmark [pages] [rounds]
 * java -cp kit/target/ddikit-all.jar:kit/target/test-classes io.ddikit.bench.PageReaderBenchmark --tree FOLDER [rounds]
 * java -cp kit/target/ddikit-all.jar:kit/target/test-classes io.ddikit.bench.PageReaderBenchmark --fresh FOLDER [rounds]
 * </pre>
 * Without {@code --tree}: generated variants of the seed page (default 2000, 7 rounds). With {@code --tree}: every
 * {@code *.md} under FOLDER (a whole reference, held in memory; default 3 rounds), then the wall time and heap of
 * {@link PageReader#stream} over the folder on every core, as {@code ddikit clauses} reads it. With {@code --fresh}: the
 * same folder read in fresh processes, JIT warm-up included, by the kit and by bare Flexmark in turns (default 3 rounds).
 */
public final class PageReaderBenchmark {
    private static final String[] NAMES = {"SpinLock", "Gate", "Latch", "Mutex", "Lock", "Semaphore", "Barrier", "Ticket"};
    private static final String[] EXTRA = {
            "A driver should never hold the %s for longer than 25 microseconds (more than a few instructions).",
            "<b>Ndis%s</b> raises the IRQL to DISPATCH_LEVEL, e.g. when the lock is shared with a DPC.",
            "The caller must not call <a href=\"..\\ndis\\nf-ndis-x.md\">NdisFree%s</a> while the lock is held.",
            "For details, see ndis.h in NDIS 6.20 and later.",
    };

    private PageReaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[0].equals("--fresh")) {
            fresh(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 3);
            return;
        }
        if (args.length > 1 && (args[0].equals("--fresh-kit") || args[0].equals("--fresh-bare"))) {
            System.out.println(coldStream(Path.of(args[1]), args[0].equals("--fresh-kit")));
            return;
        }
        boolean tree = args.length > 0 && args[0].equals("--tree");
        List<String> pages;
        int rounds;
        if (tree) {
            Path folder = Path.of(args[1]);
            rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
            try (java.util.stream.Stream<Path> walk = Files.walk(folder)) {
                pages = new ArrayList<>();
                for (Path f : walk.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p)).sorted().toList()) {
                    pages.add(Files.readString(f));
                }
            }
        } else {
            int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
            rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
            pages = generate(Files.readString(Path.of("docs-source/ndis/nf-ndis-ndisreleasespinlock.md")), count);
        }
        int clauses = 0;
        for (int i = 0; i < 2; i++) {
            clauses = readAll(pages);
            bareAll(pages);
        }
        double[] kit = new double[rounds];
        double[] bare = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            readAll(pages);
            long t1 = System.nanoTime();
            bareAll(pages);
            long t2 = System.nanoTime();
            kit[r] = pages.size() / ((t1 - t0) / 1e9);
            bare[r] = pages.size() / ((t2 - t1) / 1e9);
            ratio[r] = kit[r] / bare[r];
        }
        Arrays.sort(kit);
        Arrays.sort(bare);
        Arrays.sort(ratio);
        System.out.printf("pages: %d, clauses per round: %d, rounds: %d (in turns, one thread)%n", pages.size(), clauses, rounds);
        System.out.printf("bare Flexmark, the kit's options: median %.0f pages/s (min %.0f, max %.0f)%n", bare[rounds / 2], bare[0], bare[rounds - 1]);
        System.out.printf("the kit's reader:                 median %.0f pages/s (min %.0f, max %.0f)%n", kit[rounds / 2], kit[0], kit[rounds - 1]);
        System.out.printf("ratio kit / bare: median %.2f (min %.2f, max %.2f)%n", ratio[rounds / 2], ratio[0], ratio[rounds - 1]);
        if (tree) {
            pages = null;
            System.gc();
            long t0 = System.nanoTime();
            long[] n = {0, 0};
            long[] peak = {0};
            PageReader.stream(List.of(Path.of(args[1])), PageReader.Limits.DEFAULT, PageReader.defaultThreads(), new PageReader.Sink() {
                @Override
                public void page(DocPage page) {
                    n[0]++;
                    if ((n[0] & 255) == 0) {
                        Runtime rt = Runtime.getRuntime();
                        peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
                    }
                }

                @Override
                public void problem(io.ddikit.doc.Diagnostic d) {
                    n[1] += d.isError() ? 1 : 0;
                }

                @Override
                public void skipped(io.ddikit.doc.PageSource.Skipped s) {
                }
            });
            System.out.printf("whole folder, streamed on %d threads: %d pages, %d errors, %.1f s wall, heap in use at most %d MB%n",
                    PageReader.defaultThreads(), n[0], n[1], (System.nanoTime() - t0) / 1e9, peak[0] >> 20);
        }
    }

    /**
     * A whole folder as {@code ddikit clauses} reads it in a fresh process, the JIT's warm-up included: in turns, a new JVM
     * streams the folder with the kit's reader on every core, and a new JVM parses every page with bare Flexmark (the
     * kit's options) on as many threads; prints the medians of their wall times and the ratio. Both JVMs take the options
     * the {@code ddikit} launcher gives the kit's JVM ({@link #LAUNCHER_OPTIONS}).
     */
    private static void fresh(Path folder, int rounds) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        double[] kit = new double[rounds];
        double[] bare = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            kit[r] = child(javaBin, cp, "--fresh-kit", folder);
            bare[r] = child(javaBin, cp, "--fresh-bare", folder);
            System.out.printf("round %d: kit %.1f s, bare Flexmark %.1f s%n", r, kit[r], bare[r]);
        }
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = bare[r] / kit[r];
        }
        Arrays.sort(kit);
        Arrays.sort(bare);
        Arrays.sort(ratio);
        System.out.printf("fresh process, %d threads, whole folder: kit median %.1f s, bare Flexmark median %.1f s, "
                + "ratio (kit's rate / bare rate) median %.2f (min %.2f, max %.2f)%n", PageReader.defaultThreads(),
                kit[rounds / 2], bare[rounds / 2], ratio[rounds / 2], ratio[0], ratio[rounds - 1]);
    }

    /** The JVM options the {@code ddikit} launcher starts the kit with. */
    private static final List<String> LAUNCHER_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** Runs one fresh JVM of this class in {@code mode}; returns the wall seconds it printed. */
    private static double child(String javaBin, String cp, String mode, Path folder) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(javaBin);
        cmd.addAll(LAUNCHER_OPTIONS);
        cmd.addAll(List.of("-cp", cp, PageReaderBenchmark.class.getName(), mode, folder.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(mode + " exited " + p.exitValue() + ": " + out);
        }
        return Double.parseDouble(out);
    }

    /** In this (fresh) process: the wall seconds of reading every page under {@code folder} on every core, kit or bare. */
    private static double coldStream(Path folder, boolean kit) throws Exception {
        long t0 = System.nanoTime();
        if (kit) {
            long[] clauses = {0};
            PageReader.stream(List.of(folder), PageReader.Limits.DEFAULT, PageReader.defaultThreads(), new PageReader.Sink() {
                @Override
                public void page(DocPage page) {
                    clauses[0] += page.clauses().size();
                }

                @Override
                public void problem(io.ddikit.doc.Diagnostic d) {
                }

                @Override
                public void skipped(io.ddikit.doc.PageSource.Skipped s) {
                }
            });
            if (clauses[0] == 0) {
                throw new IllegalStateException("no clauses read under " + folder);
            }
        } else {
            List<Path> files;
            try (java.util.stream.Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p)).sorted().toList();
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(PageReader.defaultThreads());
            try {
                List<java.util.concurrent.Future<Integer>> parsed = new ArrayList<>();
                for (Path f : files) {
                    parsed.add(pool.submit(() -> MarkdownOutlineParser.bareParse(Files.readString(f))));
                }
                long blocks = 0;
                for (java.util.concurrent.Future<Integer> f : parsed) {
                    blocks += f.get();
                }
                if (blocks == 0) {
                    throw new IllegalStateException("no blocks parsed under " + folder);
                }
            } finally {
                pool.shutdown();
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static int bareAll(List<String> pages) {
        int blocks = 0;
        for (String p : pages) {
            blocks += MarkdownOutlineParser.bareParse(p);
        }
        return blocks;
    }

    private static int readAll(List<String> pages) throws PageReadException {
        int clauses = 0;
        for (int i = 0; i < pages.size(); i++) {
            try {
                DocPage p = PageReader.readString("bench-" + i + ".md", pages.get(i));
                clauses += p.clauses().size();
            } catch (PageReadException notAPage) {
                // a table of contents or an overview page of a whole tree: skipped, as the reader skips it
            }
        }
        return clauses;
    }

    static List<String> generate(String seed, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = NAMES[i % NAMES.length] + i;
            StringBuilder remarks = new StringBuilder();
            for (int k = 0; k <= i % 4; k++) {
                remarks.append(String.format(EXTRA[(i + k) % EXTRA.length], name)).append("\n    continued on a second line.\n\n");
            }
            String page = seed.replace("SpinLock", name)
                    .replace("## Requirements", remarks + "## Requirements");
            if (i % 3 == 1) {
                page = page.replace(" : ", ": ");
            }
            if (i % 5 == 2) {
                page = page.replace("\n", "\r\n");
            }
            out.add(page);
        }
        return out;
    }
}
