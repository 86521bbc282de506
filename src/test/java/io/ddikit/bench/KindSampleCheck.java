package io.ddikit.bench;

import io.ddikit.doc.Clause;
import io.ddikit.doc.ClauseKind;
import io.ddikit.doc.Diagnostic;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.PageSource;
import io.ddikit.doc.read.PageReadException;
import io.ddikit.doc.read.PageReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Clause kinds measured against a sample labelled by hand: re-reads the sampled pages of the two reference trees, finds
 * each clause by its id, and prints the confusion matrix and the precision and recall of every kind. Not a unit test.
 *
 * <p>A sample is a TSV file, one clause a line: {@code tree} ({@code 2018} or {@code 2024}), {@code page} (path relative
 * to the tree's {@code content} folder), {@code id}, {@code fingerprint}, {@code label} (the kind a reader gave it by
 * hand). Lines starting with {@code #} are comments. The sentences themselves are not in the file: they are read from
 * the trees, which stay outside the repository.
 *
 * <pre>
 * java -cp kit/target/ddikit-all.jar:kit/target/test-classes io.ddikit.bench.KindSampleCheck SAMPLE.tsv TREE2018 TREE2024 [--errors]
 * java -cp … io.ddikit.bench.KindSampleCheck --draw SEED PER_TREE [--exclude SAMPLE.tsv]… TREE2018 TREE2024 &gt; NEW.tsv
 * java -cp … io.ddikit.bench.KindSampleCheck --show SAMPLE.tsv TREE2018 TREE2024
 * </pre>
 * {@code --draw} reads both trees whole, lists every clause of each (pages sorted by path, clauses in page order),
 * shuffles each list with {@code java.util.Random(SEED)} and keeps the first PER_TREE that are not in the excluded
 * samples ({@code --exclude} may be given more than once); the label column is {@code ?}, for a reader to fill in.
 * {@code --show} prints each sampled sentence without the kit's kind, for labelling. {@code --errors} also lists every clause whose kind differs from its label.
 */
public final class KindSampleCheck {
    private static final List<String> TREES = List.of("2018", "2024");
    private static final ClauseKind[] KINDS = ClauseKind.values();

    /** One line of a sample. */
    record Row(String tree, String page, String id, String fingerprint, String label) {
        String key() {
            return tree + "\t" + page + "\t" + id;
        }
    }

    private KindSampleCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("--draw")) {
            draw(args);
        } else if (args.length == 4 && args[0].equals("--show")) {
            show(load(Path.of(args[1])), Map.of("2018", Path.of(args[2]), "2024", Path.of(args[3])));
        } else if (args.length == 3 || args.length == 4) {
            boolean errors = args.length == 4 && args[3].equals("--errors");
            check(load(Path.of(args[0])), Map.of("2018", Path.of(args[1]), "2024", Path.of(args[2])), errors);
        } else {
            System.err.println("usage: KindSampleCheck SAMPLE.tsv TREE2018 TREE2024 [--errors]\n"
                    + "       KindSampleCheck --draw SEED PER_TREE [--exclude SAMPLE.tsv]... TREE2018 TREE2024\n"
                    + "       KindSampleCheck --show SAMPLE.tsv TREE2018 TREE2024");
            System.exit(2);
        }
    }

    static List<Row> load(Path sample) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(sample)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 5) {
                throw new IOException(sample + ": not five columns: " + line);
            }
            rows.add(new Row(f[0], f[1], f[2], f[3], f[4].trim()));
        }
        return rows;
    }

    private static void draw(String[] args) throws IOException {
        long seed = Long.parseLong(args[1]);
        int perTree = Integer.parseInt(args[2]);
        int next = 3;
        Set<String> excluded = new HashSet<>();
        while (args[next].equals("--exclude")) {
            for (Row r : load(Path.of(args[next + 1]))) {
                excluded.add(r.key());
            }
            next += 2;
        }
        Map<String, Path> roots = Map.of("2018", Path.of(args[next]), "2024", Path.of(args[next + 1]));
        System.out.println("# tree\tpage\tid\tfingerprint\tlabel  (drawn by KindSampleCheck --draw " + seed + " " + perTree
                + (excluded.isEmpty() ? "" : " --exclude …") + "; labels by hand)");
        for (String tree : TREES) {
            Path root = roots.get(tree);
            List<Row> all = new ArrayList<>();
            PageReader.stream(List.of(root), PageReader.Limits.DEFAULT, PageReader.defaultThreads(), new PageReader.Sink() {
                @Override
                public synchronized void page(DocPage page) {
                    String rel = relative(root, page.file());
                    for (Clause c : page.clauses()) {
                        all.add(new Row(tree, rel, c.id().value(), c.fingerprint(), "?"));
                    }
                }

                @Override
                public void problem(Diagnostic d) {
                }

                @Override
                public void skipped(PageSource.Skipped s) {
                }
            });
            // pages sorted by path; a page's clauses stay in page order (the sort is stable)
            all.sort(Comparator.comparing(Row::page));
            java.util.Collections.shuffle(all, new Random(seed));
            int taken = 0;
            for (Row r : all) {
                if (taken == perTree) {
                    break;
                }
                if (excluded.add(r.key())) {
                    System.out.println(String.join("\t", r.tree(), r.page(), r.id(), r.fingerprint(), r.label()));
                    taken++;
                }
            }
        }
    }

    private static String relative(Path root, String file) {
        Path p = Path.of(file);
        Path abs = root.toAbsolutePath().normalize();
        Path pa = p.toAbsolutePath().normalize();
        return (pa.startsWith(abs) ? abs.relativize(pa) : p).toString().replace('\\', '/');
    }

    /** The clauses of the sampled pages, by row key; pages that cannot be read are missing. */
    private static Map<String, Clause> find(List<Row> rows, Map<String, Path> roots) {
        Map<String, Clause> found = new LinkedHashMap<>();
        Set<String> read = new HashSet<>();
        for (Row r : rows) {
            String pageKey = r.tree() + "\t" + r.page();
            if (!read.add(pageKey)) {
                continue;
            }
            try {
                DocPage page = PageReader.readPage(roots.get(r.tree()).resolve(r.page()));
                for (Clause c : page.clauses()) {
                    found.put(pageKey + "\t" + c.id().value(), c);
                }
            } catch (PageReadException e) {
                System.err.println(r.tree() + "/" + r.page() + ": " + e.getMessage());
            }
        }
        return found;
    }

    private static void show(List<Row> rows, Map<String, Path> roots) {
        Map<String, Clause> found = find(rows, roots);
        int n = 0;
        for (Row r : rows) {
            Clause c = found.get(r.key());
            System.out.printf("%d\t%s\t%s\t%s\t%s%n", ++n, r.tree(), r.id(), c == null ? "-" : c.section(),
                    c == null ? "(not found)" : c.text());
        }
    }

    private static void check(List<Row> rows, Map<String, Path> roots, boolean errors) {
        Map<String, Clause> found = find(rows, roots);
        int[][] matrix = new int[KINDS.length][KINDS.length];
        List<String> missing = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        Map<String, int[]> perTree = new LinkedHashMap<>();
        for (Row r : rows) {
            Clause c = found.get(r.key());
            if (c == null) {
                missing.add(r.tree() + " " + r.page() + " " + r.id());
                continue;
            }
            if (!c.fingerprint().equals(r.fingerprint())) {
                changed.add(r.tree() + " " + r.page() + " " + r.id() + " (" + r.fingerprint() + " now " + c.fingerprint() + ")");
                continue;
            }
            ClauseKind truth = ClauseKind.fromLabel(r.label());
            matrix[truth.ordinal()][c.kind().ordinal()]++;
            int[] t = perTree.computeIfAbsent(r.tree(), k -> new int[2]);
            t[1]++;
            if (truth == c.kind()) {
                t[0]++;
            } else {
                wrong.add(String.format("%s %s %s: labelled %s, kit %s%n    %s", r.tree(), r.page(), r.id(), truth, c.kind(), c.text()));
            }
        }
        int total = rows.size() - missing.size() - changed.size();
        System.out.printf("sample: %d clauses, %d measured, %d ids not found, %d fingerprints changed%n",
                rows.size(), total, missing.size(), changed.size());
        missing.forEach(m -> System.out.println("  not found: " + m));
        changed.forEach(m -> System.out.println("  changed: " + m));
        System.out.println();
        System.out.printf("%-26s%s%n", "label \\ kit", header());
        for (ClauseKind truth : KINDS) {
            StringBuilder line = new StringBuilder(String.format("%-26s", truth.label()));
            for (ClauseKind kit : KINDS) {
                line.append(String.format("%26d", matrix[truth.ordinal()][kit.ordinal()]));
            }
            System.out.println(line);
        }
        System.out.println();
        int agree = 0;
        for (ClauseKind k : KINDS) {
            int tp = matrix[k.ordinal()][k.ordinal()];
            int predicted = 0;
            int actual = 0;
            for (ClauseKind o : KINDS) {
                predicted += matrix[o.ordinal()][k.ordinal()];
                actual += matrix[k.ordinal()][o.ordinal()];
            }
            agree += tp;
            System.out.printf(Locale.ROOT, "%-26s precision %5.1f %% (%d/%d)   recall %5.1f %% (%d/%d)%n", k.label(),
                    percent(tp, predicted), tp, predicted, percent(tp, actual), tp, actual);
        }
        System.out.printf(Locale.ROOT, "%-26s %5.1f %% (%d/%d)%n", "agreement", percent(agree, total), agree, total);
        perTree.forEach((tree, t) -> System.out.printf(Locale.ROOT, "  tree %s: %5.1f %% (%d/%d)%n", tree, percent(t[0], t[1]), t[0], t[1]));
        if (errors) {
            System.out.println();
            wrong.forEach(System.out::println);
        }
    }

    private static String header() {
        StringBuilder h = new StringBuilder();
        for (ClauseKind k : KINDS) {
            h.append(String.format("%26s", k.label()));
        }
        return h.toString();
    }

    private static double percent(int n, int of) {
        return of == 0 ? Double.NaN : 100.0 * n / of;
    }
}
