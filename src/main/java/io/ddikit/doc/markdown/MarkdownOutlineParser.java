package io.ddikit.doc.markdown;

import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.data.MutableDataSet;

import java.util.List;

/**
 * The kit's one use of Flexmark: parses a page body (the Markdown after the front matter) into an
 * {@link Outline}. No Flexmark type leaves this package. The parser is built once and is thread-safe.
 */
public final class MarkdownOutlineParser {
    private static final Parser PARSER;

    static {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
        options.set(TablesExtension.APPEND_MISSING_COLUMNS, true);
        options.set(TablesExtension.DISCARD_EXTRA_COLUMNS, true);
        options.set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, false);
        options.set(TablesExtension.COLUMN_SPANS, false);
        PARSER = Parser.builder(options).build();
    }

    private MarkdownOutlineParser() {
    }

    /** Parses {@code body}; offsets in the outline are positions in {@code body}. */
    public static Outline parse(String body) {
        Dedenter dedented = Dedenter.of(body);
        Document document = PARSER.parse(dedented.text);
        return new OutlineVisitor(dedented).outline(document);
    }
}
