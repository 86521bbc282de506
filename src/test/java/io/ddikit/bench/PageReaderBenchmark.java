package io.ddikit.bench;

import io.ddikit.doc.DocPage;
import io.ddikit.doc.read.PageReadException;
import io.ddikit.doc.read.PageReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pages per second of {@link PageReader#readString(String, String)} on one thread, over generated
 * variants of the seed page (API names, sentences and paragraph counts varied). Not a unit test.
 *
 * <pre>
 * mvn -B -q -DskipTests package &amp;&amp; java -cp kit/target/ddikit-all.jar:kit/target/test-classes io.ddikit.bench.PageReaderBenchmark
 * </pre>
 * Optional arguments: page count (default 2000), rounds (default 7).
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
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        String seed = Files.readString(Path.of("docs-source/ndis/nf-ndis-ndisreleasespinlock.md"));
        List<String> pages = generate(seed, count);
        int clauses = 0;
        for (int i = 0; i < 3; i++) {
            clauses = readAll(pages);
        }
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            readAll(pages);
            long t1 = System.nanoTime();
            rates[r] = pages.size() / ((t1 - t0) / 1e9);
        }
        Arrays.sort(rates);
        System.out.printf("pages: %d, clauses per round: %d, rounds: %d%n", pages.size(), clauses, rounds);
        System.out.printf("pages per second (one thread): median %.0f, min %.0f, max %.0f%n",
                rates[rounds / 2], rates[0], rates[rounds - 1]);
    }

    private static int readAll(List<String> pages) throws PageReadException {
        int clauses = 0;
        for (int i = 0; i < pages.size(); i++) {
            DocPage p = PageReader.readString("bench-" + i + ".md", pages.get(i));
            clauses += p.clauses().size();
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
