package io.ddikit.doc;

/**
 * A problem found while reading input. {@code line} is 0 when the line is not known.
 * {@link #toString()} gives the one-line form shown to users: {@code file:line: error: message}.
 */
public record Diagnostic(Severity severity, String file, int line, String message) {
    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(String file, int line, String message) {
        return new Diagnostic(Severity.ERROR, file, line, message);
    }

    public static Diagnostic warning(String file, int line, String message) {
        return new Diagnostic(Severity.WARNING, file, line, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
