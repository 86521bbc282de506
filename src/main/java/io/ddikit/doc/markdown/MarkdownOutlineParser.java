package io.ddikit.doc.markdown;

import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.sequence.BasedSequence;

import java.time.Duration;
import java.util.List;

/**
 * The kit's one use of Flexmark: parses a page body (the Markdown after the front matter) into an
 * {@link Outline}. No Flexmark type leaves this package. The parser is built once and is thread-safe.
 *
 * <p>Limits, so that a hostile page is refused with a reason instead of hanging or exhausting the stack:
 * blocks and inlines nested more than {@link #MAX_NESTING} deep, and parsing longer than the time budget,
 * end with a {@link MarkdownLimitException}. Real pages nest a few levels.
 */
public final class MarkdownOutlineParser {
    /** The deepest nesting of blocks (quotes, lists) and inlines (emphasis, links) read. */
    public static final int MAX_NESTING = 64;

    private static final Parser PARSER;

    static {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
        options.set(TablesExtension.APPEND_MISSING_COLUMNS, true);
        options.set(TablesExtension.DISCARD_EXTRA_COLUMNS, true);
        options.set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, false);
        options.set(TablesExtension.COLUMN_SPANS, false);
        // a separator cell of one dash makes a table, as in GitHub's Markdown and the reference's renderer (|--|--|)
        options.set(TablesExtension.MIN_SEPARATOR_DASHES, 1);
        PARSER = Parser.builder(options).build();
    }

    private MarkdownOutlineParser() {
    }

    /**
     * Flexmark alone, with the kit's parser options, over {@code text}: what the kit's reading is measured against
     * ({@code PageReaderBenchmark}). Returns the number of top-level blocks, so that the work cannot be skipped.
     */
    public static int bareParse(String text) {
        int n = 0;
        for (com.vladsch.flexmark.util.ast.Node c = PARSER.parse(text).getFirstChild(); c != null; c = c.getNext()) {
            n++;
        }
        return n;
    }

    /** Parses {@code body} with no time budget; offsets in the outline are positions in {@code body}. */
    public static Outline parse(String body) {
        Dedenter dedented = Dedenter.of(body);
        Document document = PARSER.parse(dedented.text);
        return new OutlineVisitor(dedented, null).outline(document);
    }

    /**
     * Parses {@code body}, stopping with a {@link MarkdownLimitException} once {@code budget} has passed
     * (or the thread is interrupted).
     */
    public static Outline parse(String body, Duration budget) {
        long deadline = System.nanoTime() + Math.min(budget.toNanos(), Long.MAX_VALUE / 4);
        String said = budget.toMillis() % 1000 == 0 ? budget.toSeconds() + " s" : budget.toMillis() + " ms";
        Dedenter dedented = Dedenter.of(body);
        BoundedText text = new BoundedText(dedented.text, deadline, said);
        Document document = PARSER.parse(BasedSequence.of(text));
        return new OutlineVisitor(dedented, text).outline(document);
    }
}
