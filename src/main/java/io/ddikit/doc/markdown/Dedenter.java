package io.ddikit.doc.markdown;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the leading whitespace of paragraph continuation lines before parsing, keeping a map back
 * to the original offsets. The reference's older pages indent every continuation line; Flexmark then
 * holds each paragraph as a segmented sequence, which makes its inline parsing several times slower.
 * A continuation line means the same with or without its indentation, so the outline does not change.
 * Lines that could start a block (lists, quotes, headings, tables, fences, HTML other than inline
 * tags, rules) and everything in fenced or indented code are left as they are. A line of spaces
 * inside a paragraph that is followed by an indented inline tag ({@code <i>Name</i> and/or}) is
 * dropped: the older pages put such lines in the middle of sentences. So is a line of spaces inside an HTML table
 * that is followed by an indented line of the same cell ({@code <th>}, a line of spaces, {@code     Algorithm</th>}):
 * the older pages write header cells so, and the line of spaces would end the HTML block, leaving the cell's text
 * as a code block and the table without its header row. And a blank line inside an HTML {@code <pre>} that closes before
 * the next heading is dropped: it would end the HTML block when the {@code <pre>} does not start its line (a code sample
 * in a table cell), leaving the rest of the code as paragraphs of prose. The code's text loses nothing: an HTML code
 * block's whitespace is collapsed all the same.
 */
final class Dedenter {
    private static final Pattern BLOCK_START = Pattern.compile(
            "(?:[-*+][ \\t]|\\d{1,9}[.)](?:[ \\t]|$)|>|#|\\||```|~~~|([-=*_])[ \\t]*\\1[ \\t]*\\1?|"
                    + "<(?!/?(?i:a|b|i|em|strong|code|span|sup|sub|u|br|img|var|tt)\\b)).*",
            Pattern.DOTALL);

    final String text;
    private final int[] map;

    private Dedenter(String text, int[] map) {
        this.text = text;
        this.map = map;
    }

    /** The original offset of {@code offset} in the dedented text ({@code text.length()} maps to the end). */
    int original(int offset) {
        return map[Math.max(0, Math.min(offset, map.length - 1))];
    }

    /** Whether the line at {@code from} is an indented line that carries on the paragraph. */
    private static boolean continues(String body, int from, int n) {
        String rest = indentedStart(body, from, n);
        return rest != null && rest.startsWith("<") && !blockStart(rest);
    }

    /**
     * The first 16 characters after the indentation of the line at {@code from}, or null when the line is not indented or
     * blank.
     */
    private static String indentedStart(String body, int from, int n) {
        int k = from;
        while (k < n && (body.charAt(k) == ' ' || body.charAt(k) == '\t')) {
            k++;
        }
        if (k == from || k >= n || body.charAt(k) == '\n' || body.charAt(k) == '\r') {
            return null;
        }
        int eol = k;
        while (eol < n && eol < k + 16 && body.charAt(eol) != '\n' && body.charAt(eol) != '\r') {
            eol++;
        }
        return body.substring(k, eol);
    }

    private static final Pattern INLINE_TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9]*(?:\\s[^<>]*)?>");
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z'-]*");

    /**
     * Whether the block of lines from {@code from} to the next blank line reads as prose: sentences of words (inline tags
     * aside), ending as a sentence ends, with none of the punctuation of code ({@code ; { } =}, a call's {@code name(}).
     */
    static boolean proseBlock(String body, int from, int n) {
        int end = from;
        StringBuilder text = new StringBuilder();
        while (end < n) {
            int eol = end;
            while (eol < n && body.charAt(eol) != '\n' && body.charAt(eol) != '\r') {
                eol++;
            }
            String line = body.substring(end, eol);
            if (line.isBlank()) {
                break;
            }
            text.append(line.strip()).append(' ');
            end = eol < n && body.charAt(eol) == '\r' ? eol + 1 : eol;
            end = end < n && body.charAt(end) == '\n' ? end + 1 : end;
            if (text.length() > 4000) {
                return false;
            }
        }
        String t = INLINE_TAG.matcher(text).replaceAll("").strip();
        if (t.isEmpty() || !Character.isUpperCase(t.charAt(0)) || ".:!?".indexOf(t.charAt(t.length() - 1)) < 0) {
            return false;
        }
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (c == ';' || c == '{' || c == '}' || c == '=' || c == '(' && k > 0 && Character.isLetterOrDigit(t.charAt(k - 1))) {
                return false;
            }
        }
        long words = WORD.matcher(t).results().count();
        long letters = t.chars().filter(Character::isLetter).count();
        return words >= 6 && letters >= t.length() * 0.7;
    }

    private static final Pattern PRE_CLOSE_OR_HEADING = Pattern.compile("</pre\\b|^#{1,6}[ \\t]", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    /**
     * Where the {@code <pre>} left open on the line ending at {@code eol} closes: the start of its {@code </pre>}; or, when
     * none comes before the next heading, the first of the blank lines before that heading (a browser shows what follows
     * an unclosed {@code <pre>} preformatted, and the heading still starts a section); -1 when neither comes.
     */
    private static int preClose(String body, int eol) {
        Matcher m = PRE_CLOSE_OR_HEADING.matcher(body).region(eol, body.length());
        if (!m.find()) {
            return -1;
        }
        if (m.group().startsWith("<")) {
            return m.start();
        }
        int text = m.start();
        while (text > eol && Character.isWhitespace(body.charAt(text - 1))) {
            text--;
        }
        int blank = body.indexOf('\n', text);
        return blank < 0 || blank + 1 >= m.start() ? -1 : blank + 1;
    }

    /** The characters a {@link #BLOCK_START} can start with. */
    private static final String BLOCK_START_CHARS = "-*+0123456789>#|`~=_<";

    /** Whether a line's start (its first 16 characters after the indentation) can start a Markdown block. */
    private static boolean blockStart(String rest) {
        return !rest.isEmpty() && BLOCK_START_CHARS.indexOf(rest.charAt(0)) >= 0 && BLOCK_START.matcher(rest).matches();
    }

    /** The tables a line ({@code from} to {@code to} of {@code chars}, the body's characters) opens minus those it closes. */
    private static int tableBalance(String body, char[] chars, int from, int to) {
        int balance = 0;
        for (int k = from; k < to; k++) {
            if (chars[k] == '<') {
                balance += tagAt(body, k, to, "table");
            }
        }
        return balance;
    }

    /** Whether the line leaves an HTML {@code <pre>} open: its last pre tag opens one. */
    private static boolean opensPre(String body, char[] chars, int from, int to) {
        boolean open = false;
        for (int k = from; k < to; k++) {
            if (chars[k] == '<') {
                int tag = tagAt(body, k, to, "pre");
                if (tag != 0) {
                    open = tag > 0;
                }
            }
        }
        return open;
    }

    /**
     * Whether the {@code <} at {@code lt} starts the tag {@code name} (any case, then a character that is not a letter,
     * digit or "_"): 1 for an opening tag, -1 for a closing one, 0 for another tag.
     */
    private static int tagAt(String body, int lt, int to, String name) {
        int k = lt + 1;
        boolean closing = k < to && body.charAt(k) == '/';
        if (closing) {
            k++;
        }
        if (k + name.length() > to || !body.regionMatches(true, k, name, 0, name.length())) {
            return 0;
        }
        int after = k + name.length();
        if (after < to && (Character.isLetterOrDigit(body.charAt(after)) || body.charAt(after) == '_')) {
            return 0;
        }
        return closing ? -1 : 1;
    }

    /** Whether the line at {@code from} is indented text or a tag that goes on with a cell, not the start of a Markdown block. */
    private static boolean continuesCell(String body, int from, int n) {
        String rest = indentedStart(body, from, n);
        return rest != null && (rest.startsWith("<") || !blockStart(rest));
    }

    static Dedenter of(String body) {
        Scan scan = new Scan(body);
        for (int i = 0; i < body.length(); ) {
            i = scan.line(i);
        }
        return scan.result();
    }

    /**
     * One pass over a body, line by line: the state a line's reading depends on, and the dedented text and offset map
     * made so far. Each line is read by small methods of their own, so that the JIT compiles them once each rather than
     * one large loop again and again as new kinds of lines turn up.
     */
    private static final class Scan {
        private final String body;
        /** The body's characters: read one by one, an array is cheaper than the string's checked access. */
        private final char[] chars;
        private final int n;
        private final StringBuilder out;
        private final int[] map;
        private int m;
        private int openTables;
        private int preEnd = -1;
        private boolean inFence;
        private boolean prevParagraph;
        private boolean afterProse;

        Scan(String body) {
            this.body = body;
            this.chars = body.toCharArray();
            this.n = body.length();
            this.out = new StringBuilder(n);
            this.map = new int[n + 1];
        }

        /** Reads the line starting at {@code i}; returns where the next one starts. */
        int line(int i) {
            char[] a = chars;
            int eol = i;
            while (eol < n && a[eol] != '\n' && a[eol] != '\r') {
                eol++;
            }
            int next = eol;
            if (next < n && a[next] == '\r') {
                next++;
            }
            if (next < n && a[next] == '\n' && (next == eol || a[eol] == '\r')) {
                next++;
            }
            int indentEnd = i;
            int columns = 0;
            while (indentEnd < eol && (a[indentEnd] == ' ' || a[indentEnd] == '\t')) {
                columns += a[indentEnd] == '\t' ? 4 : 1;
                indentEnd++;
            }
            int copyFrom = i;
            if (indentEnd == eol) {
                if (!inFence && droppedBlank(i, eol, next)) {
                    return next;
                }
                prevParagraph = false;
            } else {
                String rest = body.substring(indentEnd, Math.min(eol, indentEnd + 16));
                if (columns < 4 && (rest.startsWith("```") || rest.startsWith("~~~"))) {
                    inFence = !inFence;
                    prevParagraph = false;
                } else if (inFence) {
                    prevParagraph = false;
                } else {
                    copyFrom = textLine(i, eol, indentEnd, columns, rest);
                }
            }
            out.append(chars, copyFrom, next - copyFrom);
            for (int k = copyFrom; k < next; k++) {
                map[m++] = k;
            }
            return next;
        }

        /** Whether the blank line from {@code i} to {@code eol} is dropped, the block around it going on. */
        private boolean droppedBlank(int i, int eol, int next) {
            // a blank line inside an HTML <pre> (it closes before the next heading): the code goes on
            return i < preEnd && next < n
                    // a line of spaces inside an HTML table, before the rest of a cell: the table goes on
                    || openTables > 0 && eol > i && continuesCell(body, next, n)
                    // a line of spaces inside a paragraph (the older pages have them): not a paragraph break
                    || prevParagraph && eol > i && continues(body, next, n);
        }

        /** Reads a line of text outside fenced code; returns where its copy starts (after its indentation when dropped). */
        private int textLine(int i, int eol, int indentEnd, int columns, String rest) {
            int copyFrom = i;
            openTables = Math.max(0, openTables + tableBalance(body, chars, indentEnd, eol));
            if (i >= preEnd && opensPre(body, chars, indentEnd, eol)) {
                preEnd = preClose(body, eol);
            }
            boolean blockStart = blockStart(rest);
            if (!prevParagraph && columns >= 4 && afterProse && proseBlock(body, i, n)) {
                // a paragraph indented as a whole after a heading or a paragraph: prose, not a code sample
                prevParagraph = true;
            }
            boolean continuation = prevParagraph && (columns >= 4 || !blockStart);
            if (prevParagraph && !blockStart && columns > 0) {
                copyFrom = indentEnd;
                columns = 0;
            }
            prevParagraph = continuation
                    || (columns < 4 && !rest.startsWith("#") && !rest.startsWith("|") && !rest.startsWith("```"));
            // what the next indented block may follow: a heading, or a paragraph that is not in a list or quote
            afterProse = columns < 4 && (rest.startsWith("#") || (prevParagraph && !blockStart)) || continuation && afterProse;
            return copyFrom;
        }

        Dedenter result() {
            map[m] = n;
            return new Dedenter(out.toString(), Arrays.copyOf(map, m + 1));
        }
    }
}
