package io.ddikit.doc.markdown;

import java.util.List;

/**
 * A page body reduced to what the kit reads: headings, prose blocks, code blocks and table rows,
 * in page order. Offsets are positions in the text given to {@link MarkdownOutlineParser#parse(String)}.
 */
public record Outline(List<Item> items, List<Notice> notices) {
    public Outline {
        items = List.copyOf(items);
        notices = List.copyOf(notices);
    }

    /** One element of the page body. */
    public sealed interface Item permits Heading, ProseBlock, CodeBlock, TableRow {
        /** Offset of the item's first character. */
        int start();

        /** Offset just after the item's last character. */
        int end();
    }

    /** A heading: {@code level} 1 for {@code #}. */
    public record Heading(int level, Prose prose, int start, int end) implements Item {
    }

    /** Prose: {@code paragraph}, {@code list-item} or {@code note}. */
    public record ProseBlock(String type, Prose prose, int start, int end) implements Item {
    }

    /** A fenced, indented or {@code <pre>} code block, as written. */
    public record CodeBlock(String code, int start, int end) implements Item {
    }

    /** One row of a table; {@code header} for the head row. */
    public record TableRow(boolean header, List<Prose> cells, int start, int end) implements Item {
        public TableRow {
            cells = List.copyOf(cells);
        }
    }

    /** Something the reader removed or could not use, at an offset: "script element removed". */
    public record Notice(int offset, String message) {
    }
}
