package io.ddikit.cli;

import io.ddikit.doc.Diagnostic;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the warnings of pages read from a whole folder: each warning for the first {@link #SHOWN} pages that have it,
 * then, at the end, one line per warning with the count of the other pages, so that a warning most pages of a
 * reference share ("no Remarks section") does not bury everything else on stderr.
 */
final class WarningPrinter {
    /** The pages listed on stderr for each warning. */
    static final int SHOWN = 5;

    private final PrintWriter err;
    private final String command;
    private final Map<String, Integer> seen = new LinkedHashMap<>();

    /** @param command the command's name at the start of the summary lines ({@code ddikit clauses}) */
    WarningPrinter(PrintWriter err, String command) {
        this.err = err;
        this.command = command;
    }

    void print(Diagnostic warning) {
        if (seen.merge(warning.message(), 1, Integer::sum) <= SHOWN) {
            err.println(warning);
        }
    }

    /** One line per warning that more than {@link #SHOWN} pages have. */
    void summary() {
        seen.forEach((message, count) -> {
            if (count > SHOWN) {
                err.println(String.format(Locale.ROOT, "%s: warning: %,d more pages: %s (ddikit clauses --format json lists"
                        + " every page's warnings)", command, count - SHOWN, message));
            }
        });
    }
}
