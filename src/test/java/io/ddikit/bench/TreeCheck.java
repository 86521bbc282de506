package io.ddikit.bench;

import io.ddikit.doc.Block;
import io.ddikit.doc.Clause;
import io.ddikit.doc.Diagnostic;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.PageSource;
import io.ddikit.doc.Section;
import io.ddikit.doc.read.PageReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads every page of one or more reference trees as {@code ddikit clauses} does ({@link PageReader#stream}, every
 * core) and reports, per tree, how many clauses and pages fall in each class of suspect output, with a few examples
 * each: clauses that hold code, HTML tags, Markdown syntax or HTML entities, clause ids given twice on one page, prose
 * with letters in a clause section that made no clause (lost sentences), pages whose Remarks have text but no clause,
 * and the refusals (errors, by message) with the exit code {@code ddikit clauses} would give. Not a unit test: the
 * trees are not part of the repository.
 *
 * <pre>
 * mvn -B -q -DskipTests package &amp;&amp; java -cp kit/target/ddikit-all.jar:kit/target/test-classes io.ddikit.bench.TreeCheck [--examples N] TREE...
 * </pre>
 * Exit 0 once every tree is read (the counts are the result), 2 when a path cannot be read at all.
 */
public final class TreeCheck {
    /** A class of suspect clause text: its name and what finds it. */
    private record Check(String name, Pattern pattern, java.util.function.Predicate<java.util.regex.Matcher> accept) {
        Check(String name, Pattern pattern) {
            this(name, pattern, m -> true);
        }

        boolean finds(String text) {
            java.util.regex.Matcher m = pattern.matcher(text);
            while (m.find()) {
                if (accept.test(m)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<Check> CLAUSE_CHECKS = List.of(
            new Check("code: statement ending with ';'", Pattern.compile("[\\w)\\]]\\s*;\\s*$|[\\w)\\]];\\s+[A-Za-z_]\\w*\\s*(=|\\()")),
            new Check("code: call '(...);'", Pattern.compile("\\w\\s*\\([^()]*\\)\\s*;")),
            new Check("code: '{' or '}' block", Pattern.compile("[{}]")),
            new Check("code: #define", Pattern.compile("#\\s*(define|include|ifdef|ifndef|endif|pragma)\\b")),
            // an HTML element's name in angle brackets; a placeholder the page shows ("<service name>") is text
            new Check("html: tag", Pattern.compile("</?([A-Za-z][\\w:-]*)"),
                    m -> m.group(1).indexOf(':') >= 0 || org.jsoup.parser.Tag.isKnownTag(m.group(1).toLowerCase(java.util.Locale.ROOT))),
            new Check("text: placeholder in angle brackets (kept)", Pattern.compile("</?([A-Za-z][\\w:-]*)"),
                    m -> m.group(1).indexOf(':') < 0 && !org.jsoup.parser.Tag.isKnownTag(m.group(1).toLowerCase(java.util.Locale.ROOT))),
            new Check("markdown: link ']('", Pattern.compile("\\]\\(")),
            new Check("markdown: '**'", Pattern.compile("\\*\\*")),
            new Check("markdown: backtick", Pattern.compile("`")),
            new Check("markdown: [!NOTE] marker", Pattern.compile("\\[!(?i:note|tip|important|warning|caution)]")),
            new Check("markdown: leading '#'", Pattern.compile("^#")),
            new Check("markdown: table pipe '|'", Pattern.compile("\\|")),
            new Check("html: entity '&name;'", Pattern.compile("&[a-zA-Z]+;")),
            new Check("html: entity '&#'", Pattern.compile("&#")));
    private static final Set<String> PROSE_BLOCKS = Set.of("paragraph", "list-item", "note", "table-row");

    /** Counts and examples of one class. */
    private static final class Tally {
        long count;
        final List<String> examples = new ArrayList<>();

        void add(String example, int max) {
            count++;
            if (examples.size() < max) {
                examples.add(example);
            }
        }
    }

    private TreeCheck() {
    }

    public static void main(String[] args) {
        int max = 3;
        List<Path> trees = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--examples") && i + 1 < args.length) {
                max = Integer.parseInt(args[++i]);
            } else {
                trees.add(Path.of(args[i]));
            }
        }
        if (trees.isEmpty()) {
            System.err.println("usage: TreeCheck [--examples N] TREE...");
            System.exit(2);
        }
        boolean unreadable = false;
        for (Path tree : trees) {
            unreadable |= check(tree, max);
        }
        System.exit(unreadable ? 2 : 0);
    }

    /** Reads one tree and prints its report; true when the tree itself could not be read. */
    static boolean check(Path tree, int max) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (Check c : CLAUSE_CHECKS) {
            tallies.put(c.name(), new Tally());
        }
        tallies.put("duplicate clause id on a page", new Tally());
        tallies.put("prose block in a clause section without a clause", new Tally());
        tallies.put("page whose Remarks have text but no clause", new Tally());
        Map<String, Tally> refusals = new TreeMap<>();
        long[] pages = {0};
        long[] clauses = {0};
        long[] warnings = {0};
        List<PageSource.Skipped> skipped = new ArrayList<>();
        boolean[] treeError = {false};
        long t0 = System.nanoTime();
        int finalMax = max;
        PageReader.stream(List.of(tree), PageReader.Limits.DEFAULT, PageReader.defaultThreads(), new PageReader.Sink() {
            @Override
            public void page(DocPage page) {
                pages[0]++;
                clauses[0] += page.clauses().size();
                warnings[0] += page.warnings().size();
                checkPage(page, tallies, finalMax);
            }

            @Override
            public void problem(Diagnostic d) {
                if (d.isError()) {
                    String reason = d.message().replaceAll("[0-9][0-9,.]*", "N");
                    refusals.computeIfAbsent(reason, k -> new Tally()).add(d.toString(), finalMax);
                    treeError[0] |= d.file().equals(tree.toString().replace('\\', '/'));
                }
            }

            @Override
            public void skipped(PageSource.Skipped s) {
                skipped.add(s);
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        long errors = refusals.values().stream().mapToLong(t -> t.count).sum();
        System.out.printf("== %s%n", tree);
        System.out.printf("pages read: %d, clauses: %d, warnings: %d, refused: %d, skipped: %d (%.1f s)%n",
                pages[0], clauses[0], warnings[0], errors, skipped.size(), seconds);
        String summary = PageSource.skippedSummary(skipped);
        if (summary != null) {
            System.out.println("  " + summary);
        }
        System.out.printf("exit code of ddikit clauses: %d%n", errors > 0 ? 2 : 0);
        for (Map.Entry<String, Tally> r : refusals.entrySet()) {
            print("refused: " + r.getKey(), r.getValue());
        }
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            print(e.getKey(), e.getValue());
        }
        System.out.println();
        return treeError[0];
    }

    private static void print(String name, Tally t) {
        System.out.printf("%8d  %s%n", t.count, name);
        for (String ex : t.examples) {
            System.out.println("            " + (ex.length() > 220 ? ex.substring(0, 220) + "…" : ex));
        }
    }

    static void checkPage(DocPage page, Map<String, Tally> tallies, int max) {
        Map<String, Integer> ids = new HashMap<>();
        for (Clause c : page.clauses()) {
            String where = page.file() + ":" + c.lines().first() + ": ";
            for (Check check : CLAUSE_CHECKS) {
                if (check.finds(c.text())) {
                    tallies.get(check.name()).add(where + c.text(), max);
                }
            }
            if (ids.merge(c.id().value(), 1, Integer::sum) == 2) {
                tallies.get("duplicate clause id on a page").add(where + c.id().value(), max);
            }
        }
        for (Section s : page.sections()) {
            boolean clauseSection = s.key().equals("description") || s.key().equals("remarks");
            if (!clauseSection) {
                continue;
            }
            boolean text = false;
            boolean anyClause = false;
            for (Block b : s.blocks()) {
                boolean prose = PROSE_BLOCKS.contains(b.type()) && hasLetter(b.text());
                text |= prose;
                anyClause |= !b.clauses().isEmpty();
                if (prose && b.clauses().isEmpty()) {
                    tallies.get("prose block in a clause section without a clause")
                            .add(page.file() + ":" + b.lines().first() + ": [" + b.type() + "] " + b.text(), max);
                }
            }
            if (s.key().equals("remarks") && text && !anyClause) {
                tallies.get("page whose Remarks have text but no clause").add(page.file() + ":" + s.lines().first(), max);
            }
        }
    }

    private static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
