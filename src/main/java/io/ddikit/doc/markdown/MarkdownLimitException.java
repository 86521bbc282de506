package io.ddikit.doc.markdown;

/**
 * A page body beyond what the reader takes: markup nested deeper than {@link MarkdownOutlineParser#MAX_NESTING},
 * or parsing that ran past its time budget. The message is one line for the user.
 */
public final class MarkdownLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int offset;
    private final boolean timeout;

    private MarkdownLimitException(String message, int offset, boolean timeout) {
        super(message, null, false, false);
        this.offset = offset;
        this.timeout = timeout;
    }

    static MarkdownLimitException nesting(int offset) {
        return new MarkdownLimitException("markup nested more than " + MarkdownOutlineParser.MAX_NESTING
                + " levels deep (quotes, lists, emphasis or links inside one another)", offset, false);
    }

    static MarkdownLimitException timeout(String budget) {
        return new MarkdownLimitException("reading stopped after " + budget
                + ": the page's markup is too costly to parse", -1, true);
    }

    /** Offset in the parsed body where the limit was passed; -1 when not known. */
    public int offset() {
        return offset;
    }

    /** Whether the time budget ran out (rather than the nesting limit). */
    public boolean isTimeout() {
        return timeout;
    }
}
