package io.ddikit.doc.read;

import java.util.Arrays;

/** Maps character offsets of a page to 1-based physical lines; CRLF, LF and CR each end one line. */
final class LineIndex {
    private final int[] starts;
    private final int count;

    LineIndex(String text) {
        int[] s = new int[64];
        int n = 0;
        s[n++] = 0;
        if (text.indexOf('\r') < 0) {
            // LF only, most pages: the JDK's search is quicker than a loop of charAt
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                if (n == s.length) {
                    s = Arrays.copyOf(s, n * 2);
                }
                s[n++] = i + 1;
            }
            this.starts = s;
            this.count = n;
            return;
        }
        char[] a = text.toCharArray(); // read one by one: an array is cheaper than the string's checked access
        for (int i = 0; i < a.length; i++) {
            char c = a[i];
            if (c == '\r' && i + 1 < a.length && a[i + 1] == '\n') {
                i++;
            } else if (c != '\n' && c != '\r') {
                continue;
            }
            if (n == s.length) {
                s = Arrays.copyOf(s, n * 2);
            }
            s[n++] = i + 1;
        }
        this.starts = s;
        this.count = n;
    }

    /** The line holding {@code offset}. */
    int line(int offset) {
        int i = Arrays.binarySearch(starts, 0, count, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The offset where {@code line} starts. */
    int start(int line) {
        return starts[Math.max(0, Math.min(count - 1, line - 1))];
    }
}
