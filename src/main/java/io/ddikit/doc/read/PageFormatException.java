package io.ddikit.doc.read;

/** A page that cannot be read: the reason and the line (0 when unknown). */
class PageFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    PageFormatException(int line, String message) {
        super(message, null, false, false);
        this.line = line;
    }

    /** The file is not a reference page but {@code what} ({@link NotReferencePages}): it is skipped, not refused. */
    static final class NotAReferencePage extends PageFormatException {
        private static final long serialVersionUID = 1L;
        final String what;

        NotAReferencePage(String what) {
            super(0, what + ", not a reference page");
            this.what = what;
        }
    }

    int line() {
        return line;
    }
}
