package io.ddikit.doc.read;

/** A page that cannot be read: the reason and the line (0 when unknown). */
final class PageFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    PageFormatException(int line, String message) {
        super(message, null, false, false);
        this.line = line;
    }

    int line() {
        return line;
    }
}
