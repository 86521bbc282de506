package io.ddikit.cli;

import io.ddikit.doc.Diagnostic;
import io.ddikit.doc.PageSource;
import io.ddikit.doc.read.PageReader;
import io.ddikit.report.ReportWriter;
import io.ddikit.trace.FeatureFile;
import io.ddikit.trace.FeatureReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Loading what the commands share: the pages and the features, with problems printed one line each. */
final class Project {
    static final String DEFAULT_DOCS = "docs-source";
    static final String DEFAULT_FEATURES = "features";

    /** The page limits of the command being executed; set around each execution by {@link DdikitCommand}. */
    private static final ThreadLocal<PageReader.Limits> PAGE_LIMITS = ThreadLocal.withInitial(() -> PageReader.Limits.DEFAULT);

    private Project() {
    }

    /** Runs {@code body} with {@code limits} as the page limits of every page read on this thread. */
    static <T> T withPageLimits(PageReader.Limits limits, Supplier<T> body) {
        PageReader.Limits outer = PAGE_LIMITS.get();
        PAGE_LIMITS.set(limits);
        try {
            return body.get();
        } finally {
            PAGE_LIMITS.set(outer);
        }
    }

    /** The page limits in effect: {@code --max-page-bytes} and {@code --page-timeout}, or the defaults. */
    static PageReader.Limits pageLimits() {
        return PAGE_LIMITS.get();
    }

    /** Reads the pages; prints each diagnostic; throws when any page could not be read. */
    static PageSource pages(List<Path> paths, PrintWriter err) throws InputError {
        PageSource source = PageReader.read(paths, pageLimits());
        for (Diagnostic d : source.diagnostics()) {
            err.println(d);
        }
        if (source.hasErrors()) {
            throw new InputError("some pages could not be read (see above)");
        }
        return source;
    }

    /**
     * Refuses implementations whose results would go into one folder: two different names with the same
     * {@link ReportWriter#slug}; the message names both.
     */
    static void distinctSlugs(Collection<String> implementations) throws InputError {
        Optional<String> collision = ReportWriter.slugCollision(implementations);
        if (collision.isPresent()) {
            throw new InputError(collision.get());
        }
    }

    /**
     * Reads every feature file under the paths. A missing path, and a file that cannot be read (a Gherkin
     * syntax error), are input errors: the message has one line per such file, {@code file:line: error: reason}.
     */
    static List<FeatureFile> features(List<Path> paths) throws InputError {
        List<FeatureFile> read;
        try {
            FeatureReader reader = new FeatureReader();
            List<Path> files = FeatureReader.featureFiles(paths);
            if (files.isEmpty()) {
                throw new InputError(paths + ": no feature files (*.feature)");
            }
            read = files.stream().map(reader::read).toList();
        } catch (IOException e) {
            throw new InputError(e.getMessage());
        }
        List<String> unreadable = read.stream().filter(f -> !f.readable())
                .map(f -> f.file() + (f.errorLine() > 0 ? ":" + f.errorLine() : "") + ": error: " + f.error()).toList();
        if (!unreadable.isEmpty()) {
            throw new InputError(String.join(System.lineSeparator(), unreadable));
        }
        return read;
    }

    /** A problem with what the user gave: one line, exit code 2. */
    static final class InputError extends Exception {
        private static final long serialVersionUID = 1L;

        InputError(String message) {
            super(message);
        }
    }
}
