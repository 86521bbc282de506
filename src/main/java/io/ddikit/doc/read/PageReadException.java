package io.ddikit.doc.read;

import io.ddikit.doc.Diagnostic;

/** A page that could not be read; {@link #diagnostic()} is the one line to show. */
public final class PageReadException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Diagnostic diagnostic;
    private final String notAReferencePage;

    PageReadException(Diagnostic diagnostic) {
        this(diagnostic, null);
    }

    private PageReadException(Diagnostic diagnostic, String notAReferencePage) {
        super(diagnostic.toString(), null, false, false);
        this.diagnostic = diagnostic;
        this.notAReferencePage = notAReferencePage;
    }

    /** The file is not a reference page but {@code what} (such as {@code a table of contents}): skipped, not refused. */
    static PageReadException notAReferencePage(String file, String what) {
        return new PageReadException(Diagnostic.warning(file, 0, "skipped: " + what + ", not a reference page"), what);
    }

    /** What the file is when it is not a reference page (it is then skipped, not an error), else null. */
    public String notAReferencePage() {
        return notAReferencePage;
    }

    public Diagnostic diagnostic() {
        return diagnostic;
    }
}
