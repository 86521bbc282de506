package io.ddikit.doc.markdown;

/**
 * The text handed to Flexmark, with a deadline. Flexmark reads its input through {@link #charAt(int)},
 * including where some of its inline rules cost time proportional to the rest of a paragraph for every
 * tag, backtick run or bracket in it (quadratic on a hostile paragraph). Every 64Ki characters read,
 * the clock and the thread's interrupt flag are checked; past the deadline, or when interrupted,
 * reading stops with a {@link MarkdownLimitException}. The check costs one counter decrement per character.
 */
final class BoundedText implements CharSequence {
    private static final int CHECK_EVERY = 1 << 16;

    /** The characters, read one by one: an array is cheaper than a string's checked access. */
    private final char[] chars;
    private final int offset;
    private final int length;
    private final long deadlineNanos;
    /** The text as a string, made once when asked for. */
    private String string;
    private final String budget;
    private int countdown = CHECK_EVERY;

    /**
     * @param deadlineNanos a {@link System#nanoTime()} value after which reading stops
     * @param budget        the time allowed, as said in the error ("60 s")
     */
    BoundedText(String text, long deadlineNanos, String budget) {
        this(text.toCharArray(), 0, text.length(), deadlineNanos, budget);
        this.string = text;
    }

    private BoundedText(char[] chars, int offset, int length, long deadlineNanos, String budget) {
        this.chars = chars;
        this.offset = offset;
        this.length = length;
        this.deadlineNanos = deadlineNanos;
        this.budget = budget;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (--countdown <= 0) {
            countdown = CHECK_EVERY;
            check();
        }
        if (index < 0 || index >= length) {
            throw new StringIndexOutOfBoundsException("index " + index + ", length " + length);
        }
        return chars[offset + index];
    }

    /** Throws when the deadline has passed or the thread was interrupted. */
    void check() {
        if (System.nanoTime() - deadlineNanos > 0 || Thread.currentThread().isInterrupted()) {
            throw MarkdownLimitException.timeout(budget);
        }
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || start > end || end > length) {
            throw new StringIndexOutOfBoundsException("begin " + start + ", end " + end + ", length " + length);
        }
        return new BoundedText(chars, offset + start, end - start, deadlineNanos, budget);
    }

    @Override
    public String toString() {
        if (string == null) {
            string = new String(chars, offset, length);
        }
        return string;
    }
}
