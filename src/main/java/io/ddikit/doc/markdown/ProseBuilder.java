package io.ddikit.doc.markdown;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects plain text with a source offset per character; collapses whitespace as it goes. */
final class ProseBuilder {
    private record Open(String tag, String kind, int start, String target) {
    }

    private final StringBuilder text = new StringBuilder();
    private int[] offsets = new int[128];
    private final List<Prose.Span> spans = new ArrayList<>();
    private final Deque<Open> open = new ArrayDeque<>();
    private boolean pendingSpace;
    private int pendingSpaceOffset;

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B'
                || c == '\u00A0' || c == '\u2007' || c == '\u202F' || c == '\u2009' || c == '\u3000'
                || Character.isSpaceChar(c);
    }

    private static boolean isInvisible(char c) {
        return c == '\u200B' || c == '\uFEFF' || c == '\u200E' || c == '\u200F' || (c < 0x20 && !isSpace(c));
    }

    void append(char c, int offset) {
        if (c > ' ' && c < 0x7F) {
            // printable ASCII, most of a page: neither a space nor invisible
            if (pendingSpace) {
                put(' ', pendingSpaceOffset);
                pendingSpace = false;
            }
            put(c, offset);
            return;
        }
        if (isInvisible(c)) {
            return;
        }
        if (isSpace(c)) {
            if (text.length() > 0 && !pendingSpace) {
                pendingSpace = true;
                pendingSpaceOffset = offset;
            }
            return;
        }
        if (pendingSpace) {
            put(' ', pendingSpaceOffset);
            pendingSpace = false;
        }
        put(c, offset);
    }

    void append(CharSequence s, int offset) {
        for (int i = 0; i < s.length(); i++) {
            append(s.charAt(i), offset);
        }
    }

    /** Appends {@code c} right after the last character, dropping a pending space. */
    void appendGlued(char c, int offset) {
        pendingSpace = false;
        append(c, offset);
    }

    void space(int offset) {
        append(' ', offset);
    }

    private void put(char c, int offset) {
        if (text.length() == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[text.length()] = offset;
        text.append(c);
    }

    boolean isEmpty() {
        return text.length() == 0;
    }

    void openSpan(String tag, String kind, String target) {
        open.push(new Open(tag, kind, text.length(), target));
    }

    void closeSpan(String tag) {
        for (Iterator<Open> it = open.iterator(); it.hasNext(); ) {
            Open o = it.next();
            if (o.tag().equals(tag)) {
                it.remove();
                addSpan(o.start(), text.length(), o.kind(), o.target());
                return;
            }
        }
    }

    void addSpan(int start, int end, String kind, String target) {
        while (start < end && start < text.length() && text.charAt(start) == ' ') {
            start++;
        }
        if (start < end) {
            spans.add(new Prose.Span(start, end, kind, target));
        }
    }

    int length() {
        return text.length();
    }

    /** Removes a leading match of {@code prefix} (for example a note's {@code [!NOTE]} marker). */
    void dropPrefix(Pattern prefix) {
        Matcher m = prefix.matcher(text);
        if (!m.lookingAt() || m.end() == 0) {
            return;
        }
        dropFirst(m.end());
    }

    /** Drops the first {@code n} characters, moving the spans with them. */
    private void dropFirst(int n) {
        text.delete(0, n);
        System.arraycopy(offsets, n, offsets, 0, text.length());
        List<Prose.Span> shifted = new ArrayList<>();
        for (Prose.Span s : spans) {
            int st = Math.max(0, s.start() - n);
            int en = s.end() - n;
            if (en > st) {
                shifted.add(new Prose.Span(st, en, s.kind(), s.target()));
            }
        }
        spans.clear();
        spans.addAll(shifted);
    }

    /**
     * Drops a label that opens the text, with the spaces and colon after it, when it stands apart as a label: the whole of
     * a span that starts the text ({@code <b>Note</b> The …}, {@code **Note** The …}), or followed by a colon
     * ({@code Note: The …}). A label that starts a sentence ({@code Note that …}) stays.
     */
    void dropLeadingLabel(Pattern label) {
        Matcher m = label.matcher(text);
        if (!m.lookingAt()) {
            return;
        }
        int end = m.end();
        boolean wholeSpan = false;
        for (Prose.Span s : spans) {
            wholeSpan |= s.start() == 0 && (s.end() == end || s.end() == end + 1 && end < text.length() && text.charAt(end) == ':');
        }
        int k = end;
        boolean colon = k < text.length() && text.charAt(k) == ':';
        if (colon) {
            k++;
        }
        if (!wholeSpan && !colon) {
            return;
        }
        int spaces = k;
        while (spaces < text.length() && Character.isWhitespace(text.charAt(spaces))) {
            spaces++;
        }
        if (spaces == k && spaces < text.length()) {
            return; // "Note:x" is no label
        }
        dropFirst(spaces);
    }

    Prose build() {
        while (!open.isEmpty()) {
            Open o = open.pop();
            addSpan(o.start(), text.length(), o.kind(), o.target());
        }
        int len = text.length();
        while (len > 0 && text.charAt(len - 1) == ' ') {
            len--;
        }
        List<Prose.Span> kept = new ArrayList<>();
        for (Prose.Span s : spans) {
            int end = Math.min(s.end(), len);
            while (end > s.start() && text.charAt(end - 1) == ' ') {
                end--;
            }
            if (end > s.start()) {
                kept.add(new Prose.Span(s.start(), end, s.kind(), s.target()));
            }
        }
        kept.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return new Prose(text.substring(0, len), Arrays.copyOf(offsets, len), kept);
    }
}
