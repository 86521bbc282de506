package io.ddikit.doc.read;

import io.ddikit.doc.Diagnostic;

/** A page that could not be read; {@link #diagnostic()} is the one line to show. */
public final class PageReadException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Diagnostic diagnostic;

    PageReadException(Diagnostic diagnostic) {
        super(diagnostic.toString(), null, false, false);
        this.diagnostic = diagnostic;
    }

    public Diagnostic diagnostic() {
        return diagnostic;
    }
}
