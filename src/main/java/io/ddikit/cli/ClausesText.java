package io.ddikit.cli;

import io.ddikit.doc.Clause;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.PageSource;

/** The text form of {@code ddikit clauses}: a header line per page, then one aligned line per clause. */
final class ClausesText {
    private ClausesText() {
    }

    static String render(PageSource source) {
        StringBuilder sb = new StringBuilder();
        for (DocPage p : source.pages()) {
            sb.append(page(p));
        }
        return sb.toString();
    }

    /** One page's lines, and the blank line after them. */
    static String page(DocPage p) {
        StringBuilder sb = new StringBuilder();
        {
            sb.append(p.file()).append("  uid=").append(p.uid()).append("  api=").append(p.api())
                    .append("  clauses=").append(p.clauses().size()).append('\n');
            int idWidth = p.clauses().stream().mapToInt(c -> c.id().value().length()).max().orElse(0);
            int kindWidth = "implementation-behaviour".length();
            for (Clause c : p.clauses()) {
                sb.append("  ").append(pad(c.id().value(), idWidth))
                        .append("  ").append(pad(c.kind().label(), kindWidth))
                        .append("  ").append(pad(c.lines().toString(), 7))
                        .append("  ").append(c.text()).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
