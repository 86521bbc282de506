package io.ddikit.doc.markdown;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.Emphasis;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ast.HtmlCommentBlock;
import com.vladsch.flexmark.ast.HtmlEntity;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.ast.HtmlInlineComment;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.ast.IndentedCodeBlock;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.LinkRef;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.MailLink;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.StrongEmphasis;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ast.ThematicBreak;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableCaption;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableHead;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.ext.tables.TableSeparator;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import org.jsoup.parser.Parser;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks a Flexmark document with one handler per node type and collects the {@link Outline}.
 * Inline HTML tags are dropped (link targets and bold names are kept as spans), entities decoded,
 * line breaks become spaces, and {@code <script>}/{@code <style>} content is removed with a notice.
 */
final class OutlineVisitor {
    private static final Pattern NOTE_MARKER = Pattern.compile("\\[!(?i:note|tip|important|warning|caution)]\\s*");
    private static final Pattern NOTE_LABEL = Pattern.compile("(?i:note|tip|important|warning|caution)\\b");
    private static final Pattern TAG_OR_COMMENT = Pattern.compile("<!--.*?(?:-->|$)|" + HtmlTag.TAG.pattern(), Pattern.DOTALL);
    private static final Pattern ENTITY = Pattern.compile("&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");

    private record TypeFrame(String tag, String type) {
    }

    private final Dedenter source;
    private final BoundedText bounded;
    private int depth;
    private final List<Outline.Item> items = new ArrayList<>();
    private final List<Outline.Notice> notices = new ArrayList<>();
    private String blockType = "paragraph";
    private ProseBuilder prose;
    private String droppedElement;
    private Deque<TypeFrame> htmlTypes;
    private boolean tableHeader;
    private boolean htmlHeaderRow;

    /*
     * The handlers, one per node type, shared by every page (the visitor they are given is the page's). A node type
     * without its own handler takes its nearest superclass's, found once per type ({@link #BLOCK_OF}, {@link #INLINE_OF}).
     */
    private static final Map<Class<?>, BiConsumer<OutlineVisitor, Node>> BLOCK_HANDLERS = new HashMap<>();
    private static final Map<Class<?>, BiConsumer<OutlineVisitor, Node>> INLINE_HANDLERS = new HashMap<>();

    static {
        BLOCK_HANDLERS.put(Heading.class, (v, n) -> v.heading((Heading) n));
        BLOCK_HANDLERS.put(Paragraph.class, (v, n) -> v.paragraph((Paragraph) n));
        BLOCK_HANDLERS.put(BlockQuote.class, (v, n) -> v.withType("note", n));
        BLOCK_HANDLERS.put(ListItem.class, (v, n) -> v.withType("note".equals(v.blockType) ? "note" : "list-item", n));
        BLOCK_HANDLERS.put(FencedCodeBlock.class, (v, n) -> v.code(((FencedCodeBlock) n).getContentChars(), n));
        BLOCK_HANDLERS.put(IndentedCodeBlock.class, (v, n) -> v.code(((IndentedCodeBlock) n).getContentChars(), n));
        BLOCK_HANDLERS.put(HtmlBlock.class, (v, n) -> v.htmlBlock((HtmlBlock) n));
        BLOCK_HANDLERS.put(HtmlCommentBlock.class, (v, n) -> { });
        BLOCK_HANDLERS.put(Reference.class, (v, n) -> { });
        BLOCK_HANDLERS.put(ThematicBreak.class, (v, n) -> { });
        BLOCK_HANDLERS.put(TableBlock.class, OutlineVisitor::children);
        BLOCK_HANDLERS.put(TableHead.class, (v, n) -> {
            v.tableHeader = true;
            v.children(n);
            v.tableHeader = false;
        });
        BLOCK_HANDLERS.put(TableSeparator.class, (v, n) -> { });
        BLOCK_HANDLERS.put(TableCaption.class, (v, n) -> { });
        BLOCK_HANDLERS.put(TableRow.class, (v, n) -> v.tableRow((TableRow) n));

        INLINE_HANDLERS.put(Text.class, (v, n) -> v.text(n.getChars()));
        INLINE_HANDLERS.put(Code.class, (v, n) -> {
            v.prose.openSpan("`", "code", null);
            BasedSequence t = ((Code) n).getText();
            for (int i = 0; i < t.length(); i++) {
                v.emit(t.charAt(i), v.at(t.getStartOffset() + i));
            }
            v.prose.closeSpan("`");
        });
        INLINE_HANDLERS.put(SoftLineBreak.class, (v, n) -> v.prose.space(v.at(n.getStartOffset())));
        INLINE_HANDLERS.put(HardLineBreak.class, (v, n) -> v.prose.space(v.at(n.getStartOffset())));
        INLINE_HANDLERS.put(Emphasis.class, (v, n) -> v.span("*", "em", null, n));
        INLINE_HANDLERS.put(StrongEmphasis.class, (v, n) -> v.span("**", "strong", null, n));
        INLINE_HANDLERS.put(Link.class, (v, n) -> v.span("[]", "link", ((Link) n).getUrl().toString(), n));
        INLINE_HANDLERS.put(LinkRef.class, (v, n) -> v.linkRef((LinkRef) n));
        INLINE_HANDLERS.put(Image.class, (v, n) -> { });
        INLINE_HANDLERS.put(ImageRef.class, (v, n) -> { });
        INLINE_HANDLERS.put(HtmlInline.class, (v, n) -> {
            HtmlTag tag = HtmlTag.parse(n.getChars().toString());
            if (tag != null) {
                v.tag(tag, v.at(n.getStartOffset()), false);
            }
        });
        INLINE_HANDLERS.put(HtmlInlineComment.class, (v, n) -> { });
        INLINE_HANDLERS.put(HtmlEntity.class, (v, n) -> v.entity(n.getChars().toString(), v.at(n.getStartOffset())));
        INLINE_HANDLERS.put(AutoLink.class, (v, n) -> v.literal(n.getChars()));
        INLINE_HANDLERS.put(MailLink.class, (v, n) -> v.literal(n.getChars()));
    }

    private static final ClassValue<BiConsumer<OutlineVisitor, Node>> BLOCK_OF = handlersOf(BLOCK_HANDLERS);
    private static final ClassValue<BiConsumer<OutlineVisitor, Node>> INLINE_OF = handlersOf(INLINE_HANDLERS);

    private static ClassValue<BiConsumer<OutlineVisitor, Node>> handlersOf(Map<Class<?>, BiConsumer<OutlineVisitor, Node>> handlers) {
        return new ClassValue<>() {
            @Override
            protected BiConsumer<OutlineVisitor, Node> computeValue(Class<?> type) {
                for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                    BiConsumer<OutlineVisitor, Node> h = handlers.get(c);
                    if (h != null) {
                        return h;
                    }
                }
                return NONE;
            }
        };
    }

    /** No handler of its own: a block's children are walked, an inline's children or its text taken. */
    private static final BiConsumer<OutlineVisitor, Node> NONE = (v, n) -> { };

    /** @param bounded the parsed text when it has a deadline, checked once per block; or null */
    OutlineVisitor(Dedenter source, BoundedText bounded) {
        this.source = source;
        this.bounded = bounded;
    }

    Outline outline(Document document) {
        children(document);
        return new Outline(items, notices);
    }

    private void block(Node node) {
        if (bounded != null) {
            bounded.check();
        }
        BiConsumer<OutlineVisitor, Node> h = BLOCK_OF.get(node.getClass());
        if (h != NONE) {
            h.accept(this, node);
        } else {
            children(node);
        }
    }

    private void children(Node node) {
        enter(node);
        for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            block(c);
        }
        depth--;
    }

    /** One level deeper; past {@link MarkdownOutlineParser#MAX_NESTING} the page is refused (the walk recurses). */
    private void enter(Node node) {
        if (++depth > MarkdownOutlineParser.MAX_NESTING) {
            throw MarkdownLimitException.nesting(at(node.getStartOffset()));
        }
    }

    private void inline(Node node) {
        BiConsumer<OutlineVisitor, Node> h = INLINE_OF.get(node.getClass());
        if (h != NONE) {
            h.accept(this, node);
        } else if (node.hasChildren()) {
            inlines(node);
        } else {
            literal(node.getChars());
        }
    }

    private void inlines(Node node) {
        enter(node);
        for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            inline(c);
        }
        depth--;
    }

    private void withType(String type, Node node) {
        String outer = blockType;
        blockType = type;
        children(node);
        blockType = outer;
    }

    // ---- blocks

    private void heading(Heading h) {
        prose = new ProseBuilder();
        inlines(h);
        Prose p = prose.build();
        prose = null;
        items.add(new Outline.Heading(h.getLevel(), p, at(h.getStartOffset()), end(h.getEndOffset())));
    }

    private void paragraph(Paragraph p) {
        prose = new ProseBuilder();
        inlines(p);
        flushProse(blockType);
    }

    private void flushProse(String type) {
        ProseBuilder b = prose;
        prose = null;
        if (b == null) {
            return;
        }
        if ("note".equals(type)) {
            b.dropPrefix(NOTE_MARKER);
            // the label of the older form (<div class="alert"><b>Note</b> …) goes as [!NOTE] does, so that a note
            // reads the same in either form
            b.dropLeadingLabel(NOTE_LABEL);
        }
        if ("table-row".equals(type) && htmlHeaderRow) {
            type = "table-head";
        }
        htmlHeaderRow = false;
        Prose p = b.build();
        if (p.isEmpty()) {
            return;
        }
        int start = p.offset(0);
        int end = p.offset(p.text().length() - 1) + 1;
        switch (type) {
            case "code" -> items.add(new Outline.CodeBlock(p.text(), start, end));
            case "heading" -> items.add(new Outline.Heading(3, p, start, end));
            default -> items.add(new Outline.ProseBlock(type, p, start, end));
        }
    }

    private void code(BasedSequence content, Node n) {
        items.add(new Outline.CodeBlock(content.toString(), at(n.getStartOffset()), end(n.getEndOffset())));
    }

    private void tableRow(TableRow row) {
        List<Prose> cells = new ArrayList<>();
        for (Node c = row.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof TableCell) {
                prose = new ProseBuilder();
                inlines(c);
                cells.add(prose.build());
                prose = null;
            }
        }
        items.add(new Outline.TableRow(tableHeader, cells, at(row.getStartOffset()), end(row.getEndOffset())));
    }

    private void htmlBlock(HtmlBlock block) {
        String raw = block.getChars().toString();
        int base = block.getStartOffset();
        htmlTypes = new ArrayDeque<>();
        htmlTypes.push(new TypeFrame("", blockType));
        prose = new ProseBuilder();
        int pos = 0;
        for (int[] fence = fence(raw, 0); fence != null; fence = fence(raw, fence[1])) {
            htmlText(raw, pos, fence[0], base);
            pos = fence[0];
            if (droppedElement == null && !"code".equals(htmlTypes.peek().type())) {
                // a fenced code block the HTML block swallowed (a fence right after </ul>, with no blank line between):
                // code, as the page's author meant, not a sentence
                flushProse(htmlTypes.peek().type());
                items.add(new Outline.CodeBlock(fenceContent(raw, fence[0], fence[1]), at(base + fence[0]), end(base + fence[1])));
                prose = new ProseBuilder();
                pos = fence[1];
            }
        }
        htmlText(raw, pos, raw.length(), base);
        flushProse(htmlTypes.peek().type());
        htmlTypes = null;
    }

    /** The tags and text of an HTML block from {@code from} to {@code to}. */
    private void htmlText(String raw, int from, int to, int base) {
        Matcher m = TAG_OR_COMMENT.matcher(raw).region(from, to);
        int pos = from;
        while (m.find()) {
            rawText(raw, pos, m.start(), base);
            if (m.group(2) != null) {
                tag(HtmlTag.of(m), at(base + m.start()), true);
            }
            pos = m.end();
        }
        rawText(raw, pos, to, base);
    }

    /**
     * The next fenced code block in {@code raw} from {@code from}: a line that starts, after at most three spaces, with
     * three or more backticks or tildes, through the line that closes it (or the end); its start and end, or null.
     */
    static int[] fence(String raw, int from) {
        int line = from == 0 ? 0 : raw.lastIndexOf('\n', from - 1) + 1;
        if (line < from) {
            line = raw.indexOf('\n', from) + 1;
            if (line == 0) {
                return null;
            }
        }
        for (; line < raw.length(); line = nextLine(raw, line)) {
            int run = fenceRun(raw, line, '\0');
            if (run == 0) {
                continue;
            }
            char c = raw.charAt(skipSpaces(raw, line));
            for (int close = nextLine(raw, line); close < raw.length(); close = nextLine(raw, close)) {
                if (fenceRun(raw, close, c) >= run && raw.substring(skipSpaces(raw, close) + fenceRun(raw, close, c),
                        lineEnd(raw, close)).isBlank()) {
                    return new int[] {line, lineEnd(raw, close)};
                }
            }
            return new int[] {line, raw.length()};
        }
        return null;
    }

    /** The lines between a fence's opening and closing lines. */
    private static String fenceContent(String raw, int start, int end) {
        int first = nextLine(raw, start);
        int last = raw.lastIndexOf('\n', Math.max(first, end - 1));
        return first >= end || last < first ? "" : raw.substring(first, last);
    }

    /** The length of the run of backticks or tildes (only {@code c}, unless it is NUL) opening the line at {@code line}. */
    private static int fenceRun(String raw, int line, char c) {
        int i = skipSpaces(raw, line);
        if (i - line > 3 || i >= raw.length()) {
            return 0;
        }
        char f = raw.charAt(i);
        if ((f != '`' && f != '~') || (c != '\0' && f != c)) {
            return 0;
        }
        int j = i;
        while (j < raw.length() && raw.charAt(j) == f) {
            j++;
        }
        if (j - i < 3 || (f == '`' && raw.substring(j, lineEnd(raw, line)).indexOf('`') >= 0)) {
            return 0;
        }
        return j - i;
    }

    private static int skipSpaces(String raw, int i) {
        while (i < raw.length() && raw.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int lineEnd(String raw, int line) {
        int nl = raw.indexOf('\n', line);
        return nl < 0 ? raw.length() : nl;
    }

    private static int nextLine(String raw, int line) {
        int nl = raw.indexOf('\n', line);
        return nl < 0 ? raw.length() : nl + 1;
    }

    private void rawText(String raw, int from, int to, int base) {
        int i = from;
        while (i < to) {
            char c = raw.charAt(i);
            if (c == '&') {
                Matcher e = ENTITY.matcher(raw).region(i, to);
                if (e.lookingAt()) {
                    entity(e.group(), at(base + i));
                    i = e.end();
                    continue;
                }
            }
            emit(c, at(base + i));
            i++;
        }
    }

    // ---- inlines

    /** The page offset of a parsed-text offset. */
    private int at(int offset) {
        return source.original(offset);
    }

    /** The page offset just after a parsed-text end offset. */
    private int end(int endOffset) {
        return endOffset <= 0 ? at(0) : at(endOffset - 1) + 1;
    }

    private void emit(char c, int offset) {
        if (droppedElement == null && prose != null) {
            prose.append(c, offset);
        }
    }

    private void literal(BasedSequence chars) {
        for (int i = 0; i < chars.length(); i++) {
            emit(chars.charAt(i), at(chars.getStartOffset() + i));
        }
    }

    /**
     * Text as written, with Markdown backslash escapes removed. Tags Flexmark leaves in text
     * ({@code <mshelp:link …>}, whose name has a colon) are handled as tags.
     */
    private void text(BasedSequence sequence) {
        // read as a string: a Flexmark sequence's characters cost a lookup each
        String chars = sequence.toString();
        int base = sequence.getStartOffset();
        int n = chars.length();
        Matcher tags = chars.indexOf('<') >= 0 ? HtmlTag.TAG.matcher(chars) : null;
        int nextTag = tags != null && tags.find() ? tags.start() : -1;
        for (int i = 0; i < n; i++) {
            if (i == nextTag) {
                tag(HtmlTag.of(tags), at(base + i), false);
                i = tags.end() - 1;
                nextTag = tags.find() ? tags.start() : -1;
                continue;
            }
            char c = chars.charAt(i);
            if (c == '\\' && i + 1 < n && isAsciiPunctuation(chars.charAt(i + 1))) {
                int end = chars.charAt(i + 1) == '&' ? entityEnd(chars, i + 1) : -1;
                if (end > 0) {
                    // "\&lt;share&gt;": a path's backslash before an entity the page means ("\<share>"), not an
                    // escaped ampersand; as written, the clause would show the entity's name
                    emit(c, at(base + i));
                    entity(chars.subSequence(i + 1, end).toString(), at(base + i + 1));
                    i = end - 1;
                }
                continue;
            }
            emit(c, at(base + i));
        }
    }

    /** The end of a named or numeric entity ({@code &lt;}, {@code &#60;}) starting at {@code from}, or -1. */
    private static int entityEnd(CharSequence chars, int from) {
        int i = from + 1;
        int n = Math.min(chars.length(), from + 33);
        boolean numeric = i < n && chars.charAt(i) == '#';
        int start = numeric ? ++i : i;
        while (i < n && (numeric ? Character.isLetterOrDigit(chars.charAt(i)) : isAsciiLetterOrDigit(chars.charAt(i)))) {
            i++;
        }
        if (i == start || i >= n || chars.charAt(i) != ';') {
            return -1;
        }
        String entity = chars.subSequence(from, i + 1).toString();
        return decoded(entity).equals(entity) ? -1 : i + 1;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    private static boolean isAsciiPunctuation(char c) {
        return c < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
    }

    /** Entities decoded so far: a page uses a few kinds again and again, and jsoup sets up a parser for each. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> DECODED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int DECODED_MAX = 4096;

    /** An entity ({@code &lt;}) decoded; short ones are remembered. */
    private static String decoded(String entity) {
        String d = DECODED.get(entity);
        if (d == null) {
            d = Parser.unescapeEntities(entity, false);
            if (entity.length() <= 40 && DECODED.size() < DECODED_MAX) {
                DECODED.putIfAbsent(entity, d);
            }
        }
        return d;
    }

    private void entity(String entity, int offset) {
        String decoded = decoded(entity);
        for (int i = 0; i < decoded.length(); i++) {
            emit(decoded.charAt(i), offset);
        }
    }

    private void span(String tag, String kind, String target, Node n) {
        if (droppedElement == null) {
            prose.openSpan(tag, kind, target);
        }
        inlines(n);
        if (droppedElement == null) {
            prose.closeSpan(tag);
        }
    }

    private void linkRef(LinkRef ref) {
        // An undefined reference such as [in] or [!NOTE] is text, brackets included.
        emit('[', at(ref.getStartOffset()));
        if (ref.hasChildren()) {
            inlines(ref);
        } else {
            literal(ref.getReference());
        }
        emit(']', at(Math.max(ref.getStartOffset(), ref.getEndOffset() - 1)));
    }

    private void tag(HtmlTag tag, int offset, boolean blockHtml) {
        if (droppedElement != null) {
            if (tag.closing() && tag.name().equals(droppedElement)) {
                droppedElement = null;
            }
            return;
        }
        if (tag.isDropped()) {
            // As in a browser, <script/> opens the element all the same: its content is dropped up to </script>.
            if (!tag.closing()) {
                droppedElement = tag.name();
            }
            if (!tag.closing()) {
                notices.add(new Outline.Notice(offset, tag.name() + " element removed"));
            }
            return;
        }
        if (prose == null) {
            return;
        }
        switch (tag.name()) {
            case "a", "mshelp:link", "xref" -> {
                if (tag.closing()) {
                    prose.closeSpan(tag.name());
                } else if (!tag.selfClosing()) {
                    prose.openSpan(tag.name(), "link", tag.href());
                }
            }
            case "b", "strong" -> spanTag(tag, "strong");
            case "i", "em", "var" -> spanTag(tag, "em");
            case "code", "tt" -> spanTag(tag, "code");
            case "td", "th" -> {
                if (!tag.closing() && blockHtml && "table-row".equals(htmlTypes.peek().type())) {
                    if (tag.name().equals("th")) {
                        htmlHeaderRow = true;
                    }
                    if (!prose.isEmpty()) {
                        prose.appendGlued(':', offset);
                    }
                }
                prose.space(offset);
            }
            default -> {
                if (blockHtml && tag.isBlock()) {
                    htmlBlockBoundary(tag);
                } else {
                    prose.space(offset);
                }
            }
        }
    }

    private void spanTag(HtmlTag tag, String kind) {
        if (tag.closing()) {
            prose.closeSpan(tag.name());
        } else if (!tag.selfClosing()) {
            prose.openSpan(tag.name(), kind, null);
        }
    }

    private void htmlBlockBoundary(HtmlTag tag) {
        flushProse(htmlTypes.peek().type());
        prose = new ProseBuilder();
        if (tag.closing()) {
            boolean found = htmlTypes.stream().anyMatch(f -> f.tag().equals(tag.name()));
            if (found) {
                while (htmlTypes.size() > 1) {
                    if (htmlTypes.pop().tag().equals(tag.name())) {
                        break;
                    }
                }
            }
            return;
        }
        if (tag.selfClosing() || tag.name().equals("hr")) {
            return;
        }
        String outer = htmlTypes.peek().type();
        String type = switch (tag.name()) {
            case "li", "dd", "dt" -> "note".equals(outer) ? "note" : "list-item";
            case "tr" -> "table-row";
            case "pre" -> "code";
            case "h1", "h2", "h3", "h4", "h5", "h6" -> "heading";
            case "blockquote" -> "note";
            case "div" -> tag.cssClass() != null && tag.cssClass().contains("alert") ? "note" : outer;
            default -> outer;
        };
        htmlTypes.push(new TypeFrame(tag.name(), type));
    }
}
