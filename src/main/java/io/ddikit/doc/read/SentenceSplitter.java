package io.ddikit.doc.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits one block's plain text into sentences.
 *
 * <p>A sentence ends at {@code .}, {@code ?} or {@code !} (plus any closing quotes or brackets)
 * followed by whitespace and then an uppercase letter, a digit, a quote or an opening bracket, or by
 * the end of the text. So {@code Ndis..SpinLock}, {@code ndis.h}, {@code NDIS 6.20} and URLs never
 * split (no whitespace after the dot), and neither do the abbreviations in {@link #ABBREVIATIONS}, nor a terminator that
 * stands as a word of its own ({@code ? (question mark)}).
 * Text without a final terminator is one sentence.
 */
final class SentenceSplitter {
    /** Words that end with a dot without ending the sentence (compared lowercase, without the final dot). */
    static final Set<String> ABBREVIATIONS = Set.of("e.g", "i.e", "vs", "fig", "no", "cf", "approx", "mr", "mrs",
            "dr", "st", "resp", "ca", "al", "ver", "vol", "sec", "ch", "p", "pp", "viz", "incl");

    private SentenceSplitter() {
    }

    /** Sentence ranges {@code [start, end)} of {@code text}, trimmed, in order. */
    static List<int[]> split(String text) {
        List<int[]> out = new ArrayList<>();
        int n = text.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c != '.' && c != '?' && c != '!') {
                continue;
            }
            int end = i + 1;
            while (end < n && isCloser(text.charAt(end))) {
                end++;
            }
            if (end < n && !Character.isWhitespace(text.charAt(end))) {
                continue;
            }
            if (c == '.' && (i > 0 && text.charAt(i - 1) == '.')) {
                continue;
            }
            if (i == start || Character.isWhitespace(text.charAt(i - 1))) {
                // a terminator standing as a word of its own is a character being named ("? (question mark)"), since
                // a sentence's last word carries its terminator
                continue;
            }
            if (end < n) {
                int k = end;
                while (k < n - 1 && Character.isWhitespace(text.charAt(k))) {
                    k++;
                }
                char next = text.charAt(k);
                if (!(Character.isUpperCase(next) || Character.isDigit(next) || isOpener(next))) {
                    continue;
                }
                if (c == '.' && isAbbreviation(text, start, i)) {
                    continue;
                }
            }
            add(out, text, start, end);
            start = end;
            i = end - 1;
        }
        add(out, text, start, n);
        return out;
    }

    private static void add(List<int[]> out, String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            out.add(new int[] {start, end});
        }
    }

    private static boolean isCloser(char c) {
        return c == ')' || c == ']' || c == '"' || c == '\'' || c == '\u201D' || c == '\u2019';
    }

    private static boolean isOpener(char c) {
        return c == '(' || c == '[' || c == '"' || c == '\'' || c == '\u201C' || c == '\u2018' || c == '<' || c == '`';
    }

    private static boolean isAbbreviation(String text, int sentenceStart, int dot) {
        int w = dot;
        while (w > sentenceStart && !Character.isWhitespace(text.charAt(w - 1)) && text.charAt(w - 1) != '(') {
            w--;
        }
        String word = text.substring(w, dot).toLowerCase(Locale.ROOT);
        return ABBREVIATIONS.contains(word);
    }
}
