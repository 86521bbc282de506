package io.ddikit.doc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What reading a set of paths gives: the pages that could be read, one diagnostic per problem, and the files that
 * are not reference pages (tables of contents, overview pages), which are skipped, not refused. A page with warnings
 * is still among {@link #pages()}; a file with an error is not.
 */
public record PageSource(List<DocPage> pages, List<Diagnostic> diagnostics, List<Skipped> skipped) {
    public PageSource {
        pages = List.copyOf(pages);
        diagnostics = List.copyOf(diagnostics);
        skipped = List.copyOf(skipped);
    }

    public PageSource(List<DocPage> pages, List<Diagnostic> diagnostics) {
        this(pages, diagnostics, List.of());
    }

    /**
     * A file read and skipped: it documents no API.
     *
     * @param file the file, as diagnostics name it
     * @param what what it is instead, such as {@code a table of contents}
     */
    public record Skipped(String file, String what) {
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /**
     * The one line that says what was skipped, such as {@code skipped 2 files that are not reference pages: 1 table of
     * contents, 1 overview page (first: wdm/TOC.md)}, or null when nothing was.
     */
    public String skippedSummary() {
        return skippedSummary(skipped);
    }

    /** {@link #skippedSummary()} of {@code skipped}, for a reader that streams and holds no PageSource. */
    public static String skippedSummary(List<Skipped> skipped) {
        if (skipped.isEmpty()) {
            return null;
        }
        Map<String, Integer> byWhat = new LinkedHashMap<>();
        skipped.forEach(s -> byWhat.merge(s.what(), 1, Integer::sum));
        StringBuilder sb = new StringBuilder("skipped ").append(skipped.size()).append(skipped.size() == 1 ? " file" : " files")
                .append(" that ").append(skipped.size() == 1 ? "is" : "are").append(" not reference pages: ");
        String sep = "";
        for (Map.Entry<String, Integer> e : byWhat.entrySet()) {
            sb.append(sep).append(e.getValue()).append(' ').append(e.getValue() == 1 ? e.getKey() : plural(e.getKey()));
            sep = ", ";
        }
        return sb.append(" (first: ").append(skipped.get(0).file()).append(')').toString();
    }

    private static String plural(String what) {
        // "table of contents" -> "tables of contents", "overview page" -> "overview pages"
        int of = what.indexOf(" of ");
        return of < 0 ? what + "s" : what.substring(0, of) + "s" + what.substring(of);
    }
}
