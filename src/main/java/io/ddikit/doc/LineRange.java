package io.ddikit.doc;

/** First and last line (1-based, inclusive) of something in a page's file. */
public record LineRange(int first, int last) {
    public LineRange {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("bad line range " + first + ".." + last);
        }
    }

    public static LineRange of(int line) {
        return new LineRange(line, line);
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
