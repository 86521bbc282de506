package io.ddikit.report;

/**
 * Where a string last starts in a text: a suffix array of the text (by prefix doubling with counting sorts) and a
 * tree of the largest start over its ranges. Built in {@code O(n log n)} time with about 26 bytes a character, of
 * which 12 are kept; each question costs {@code O(|p| log n)} and reads nothing else of the text.
 *
 * <p>For {@link SentenceFinder}: a sentence that is not in the rest of its block's text is known to be absent
 * without reading that text again, so that a block whose sentences are not found costs no more than one whose
 * sentences are.
 */
final class SuffixIndex {
    private static final int CHARS = Character.MAX_VALUE + 1;

    private final char[] text;
    private final int length;
    /** The text's suffixes by their start, in lexical order (a suffix that ends first is the smaller). */
    private final int[] suffixes;
    /** A segment tree over {@link #suffixes}: at {@code length + i} the start of suffix {@code i}, above them the larger of two. */
    private final int[] latest;

    /** The index of {@code text[0, length)}; {@code text} is read, not copied, and must not change. */
    SuffixIndex(char[] text, int length) {
        this.text = text;
        this.length = length;
        this.suffixes = sort(text, length);
        this.latest = new int[2 * Math.max(1, length)];
        for (int i = 0; i < length; i++) {
            latest[length + i] = suffixes[i];
        }
        for (int i = length - 1; i > 0; i--) {
            latest[i] = Math.max(latest[2 * i], latest[2 * i + 1]);
        }
    }

    /** Where {@code p} last starts in the text, or -1 when it is not in it. */
    int lastStart(char[] p) {
        if (p.length == 0 || p.length > length) {
            return p.length == 0 ? length : -1;
        }
        int from = bound(p, false);
        int to = bound(p, true);
        return from < to ? latest(from, to) : -1;
    }

    /** The first suffix (in order) that is not smaller than {@code p}, or when {@code after}, that is larger and does not begin with it. */
    private int bound(char[] p, boolean after) {
        int lo = 0;
        int hi = length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(suffixes[mid], p);
            if (c < 0 || (after && c == 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Negative, zero or positive as the suffix at {@code start} is before {@code p}, begins with it, or is after it. */
    private int compare(int start, char[] p) {
        for (int j = 0; j < p.length; j++) {
            if (start + j >= length) {
                return -1;
            }
            int c = text[start + j] - p[j];
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The largest start among suffixes {@code [from, to)}. */
    private int latest(int from, int to) {
        int best = -1;
        for (int lo = from + length, hi = to + length; lo < hi; lo >>= 1, hi >>= 1) {
            if ((lo & 1) == 1) {
                best = Math.max(best, latest[lo++]);
            }
            if ((hi & 1) == 1) {
                best = Math.max(best, latest[--hi]);
            }
        }
        return best;
    }

    /**
     * The suffix array: suffixes sorted by their first character, then by their first 2, 4, 8… characters, each round
     * ordering by (rank of the first half, rank of the second half) with two stable counting sorts, until every
     * suffix has a rank of its own.
     */
    private static int[] sort(char[] text, int n) {
        int[] sa = new int[n];
        if (n == 0) {
            return sa;
        }
        int[] rank = new int[n];
        int[] tmp = new int[n];
        int[] count = new int[Math.max(CHARS, n) + 1];
        for (int i = 0; i < n; i++) {
            count[text[i] + 1]++;
        }
        for (int c = 1; c <= CHARS; c++) {
            count[c] += count[c - 1];
        }
        for (int i = 0; i < n; i++) {
            sa[count[text[i]]++] = i;
        }
        int classes = 1;
        rank[sa[0]] = 0;
        for (int i = 1; i < n; i++) {
            if (text[sa[i]] != text[sa[i - 1]]) {
                classes++;
            }
            rank[sa[i]] = classes - 1;
        }
        for (int k = 1; classes < n; k <<= 1) {
            // by the second half: those that have none first, then in the order of the suffixes k further on
            int p = 0;
            for (int i = n - k; i < n; i++) {
                tmp[p++] = i;
            }
            for (int i = 0; i < n; i++) {
                if (sa[i] >= k) {
                    tmp[p++] = sa[i] - k;
                }
            }
            // then, stably, by the first half
            java.util.Arrays.fill(count, 0, classes + 1, 0);
            for (int i = 0; i < n; i++) {
                count[rank[i] + 1]++;
            }
            for (int c = 1; c <= classes; c++) {
                count[c] += count[c - 1];
            }
            for (int i = 0; i < n; i++) {
                sa[count[rank[tmp[i]]]++] = tmp[i];
            }
            tmp[sa[0]] = 0;
            classes = 1;
            for (int i = 1; i < n; i++) {
                int a = sa[i - 1];
                int b = sa[i];
                if (rank[a] != rank[b] || second(rank, a, k, n) != second(rank, b, k, n)) {
                    classes++;
                }
                tmp[b] = classes - 1;
            }
            int[] swap = rank;
            rank = tmp;
            tmp = swap;
        }
        return sa;
    }

    private static int second(int[] rank, int i, int k, int n) {
        return i + k < n ? rank[i + k] : -1;
    }
}
