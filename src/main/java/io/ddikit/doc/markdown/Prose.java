package io.ddikit.doc.markdown;

import java.util.List;

/**
 * Plain text of one block of a page, with the source offset of every character, so that any
 * range of the text maps back to lines of the file. Whitespace is already collapsed to single
 * spaces and the text is trimmed.
 */
public final class Prose {
    /** A marked range of the text: {@code strong}, {@code em}, {@code code} or {@code link} (with its target). */
    public record Span(int start, int end, String kind, String target) {
    }

    private final String text;
    private final int[] offsets;
    private final List<Span> spans;

    Prose(String text, int[] offsets, List<Span> spans) {
        this.text = text;
        this.offsets = offsets;
        this.spans = List.copyOf(spans);
    }

    public String text() {
        return text;
    }

    /** The offset in the parsed input of the character at {@code index} of {@link #text()}. */
    public int offset(int index) {
        return offsets[index];
    }

    public List<Span> spans() {
        return spans;
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    /**
     * Whether code spans make up the whole text, with nothing but spaces between them (lines of code written as code
     * spans, one per line: {@code `#define A 1`  `#define B 2`}).
     */
    public boolean isAllCodeSpans() {
        int covered = 0;
        for (Span s : spans.stream().filter(x -> x.kind().equals("code")).sorted(java.util.Comparator.comparingInt(Span::start)).toList()) {
            if (!text.substring(Math.min(covered, s.start()), s.start()).isBlank()) {
                return false;
            }
            covered = Math.max(covered, s.end());
        }
        return covered > 0 && text.substring(Math.min(covered, text.length())).isBlank();
    }

    /** Whether one code span makes up the whole text (the old generation writes parameter names so). */
    public boolean isSingleCodeSpan() {
        return spans.stream().anyMatch(s -> s.kind().equals("code") && s.start() == 0 && s.end() == text.length());
    }
}
