package io.ddikit.report;

/**
 * Finds a block's sentences in the block's text, one after the other, as the report marks them: a sentence is found
 * where its words follow each other in the text, separated by any run of white space (space, tab, line break, form
 * feed, vertical tab) where the sentence has one, at or after the end of the sentence found before it. The first
 * word may end a longer word of the text and the last may begin one; the words are compared exactly.
 *
 * <p>No regular expression is built from page text, and nothing recurses: the text is read once into a copy with
 * each run of white space as one space, and each sentence is looked for in that copy with Knuth-Morris-Pratt, in
 * time linear in the sentence and in the text it passes over. A sentence found moves the search on, so finding all
 * of a block's sentences reads its text about once. A sentence that is not there is looked for to the end of the
 * text; once such searches have read {@link #RESCAN_BUDGET} times the text, a {@link SuffixIndex} of the text is
 * built, and from then on a sentence absent from the rest of the text is known to be so without reading it: a
 * block made of sentences that are not found costs {@code O(n log n)}, not {@code O(n²)}.
 *
 * <pre>{@code
 * SentenceFinder f = new SentenceFinder("A driver must call\n    NdisAcquireSpinLock. It may.");
 * f.next("A driver must call NdisAcquireSpinLock.")  -> [0, 43]
 * f.next("It may.")                                  -> [44, 51]
 * f.next("A driver must.")                           -> null (not after the sentence found last)
 * }</pre>
 */
final class SentenceFinder {
    /** How many times its text a block's searches in vain may read before the text is indexed. */
    static final int RESCAN_BUDGET = 4;

    private final char[] squeezed;
    /** For each character of {@link #squeezed}, where it is in the text (a space: where its run of white space starts). */
    private final int[] origin;
    private final int length;
    /** Where in {@link #squeezed} the next sentence is looked for: the end of the last one found. */
    private int from;
    /** Characters searches in vain may still read before the text is indexed. */
    private long budget;
    private SuffixIndex index;

    SentenceFinder(String text) {
        this(text, RESCAN_BUDGET * (long) text.length());
    }

    /** As {@link SentenceFinder#SentenceFinder(String)}, with the text indexed once searches in vain have read {@code budget} characters. */
    SentenceFinder(String text, long budget) {
        this.budget = budget;
        squeezed = new char[text.length()];
        origin = new int[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isSpace(c)) {
                squeezed[n] = c;
                origin[n++] = i;
            } else if (i == 0 || !isSpace(text.charAt(i - 1))) {
                squeezed[n] = ' ';
                origin[n++] = i;
            }
        }
        length = n;
    }

    /**
     * Where {@code sentence} is in the text, at or after the end of the sentence found last, as {@code [start, end)};
     * null when it is not there (nor when it is blank). A sentence found moves the place the next one is looked for
     * to its end; one not found does not.
     */
    int[] next(String sentence) {
        if (sentence.isBlank()) {
            return null;
        }
        char[] words = squeeze(sentence.strip());
        if (index != null && index.lastStart(words) < from) {
            return null;
        }
        int at = indexOf(words, from);
        if (at < 0) {
            budget -= length - from;
            if (budget < 0 && index == null) {
                index = new SuffixIndex(squeezed, length);
            }
            return null;
        }
        int end = at + words.length;
        from = end;
        return new int[] {origin[at], origin[end - 1] + 1};
    }

    /** {@code s} with each run of white space as one space. */
    private static char[] squeeze(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isSpace(c)) {
                b.append(c);
            } else if (i == 0 || !isSpace(s.charAt(i - 1))) {
                b.append(' ');
            }
        }
        char[] out = new char[b.length()];
        b.getChars(0, b.length(), out, 0);
        return out;
    }

    /** The first place at or after {@code start} where {@code p} is in the squeezed text, or -1 (Knuth-Morris-Pratt). */
    private int indexOf(char[] p, int start) {
        if (p.length == 0 || p.length > length - start) {
            return -1;
        }
        int[] border = new int[p.length];
        for (int i = 1, k = 0; i < p.length; i++) {
            while (k > 0 && p[i] != p[k]) {
                k = border[k - 1];
            }
            if (p[i] == p[k]) {
                k++;
            }
            border[i] = k;
        }
        for (int i = start, k = 0; i < length; i++) {
            while (k > 0 && squeezed[i] != p[k]) {
                k = border[k - 1];
            }
            if (squeezed[i] == p[k]) {
                k++;
            }
            if (k == p.length) {
                return i - p.length + 1;
            }
        }
        return -1;
    }

    /** White space as the report has always matched it between words: space, tab, line feed, vertical tab, form feed, return. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
