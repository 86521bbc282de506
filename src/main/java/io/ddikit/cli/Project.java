package io.ddikit.cli;

import io.ddikit.doc.Diagnostic;
import io.ddikit.doc.PageSource;
import io.ddikit.doc.read.PageReader;
import io.ddikit.trace.FeatureFile;
import io.ddikit.trace.FeatureReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Loading what the commands share: the pages and the features, with problems printed one line each. */
final class Project {
    static final String DEFAULT_DOCS = "docs-source";
    static final String DEFAULT_FEATURES = "features";

    private Project() {
    }

    /** Reads the pages; prints each diagnostic; throws when any page could not be read. */
    static PageSource pages(List<Path> paths, PrintWriter err) throws InputError {
        PageSource source = PageReader.read(paths);
        for (Diagnostic d : source.diagnostics()) {
            err.println(d);
        }
        if (source.hasErrors()) {
            throw new InputError("some pages could not be read (see above)");
        }
        return source;
    }

    /** Reads every feature file under the paths. A missing path is an input error; a syntax error is part of the result. */
    static List<FeatureFile> features(List<Path> paths) throws InputError {
        try {
            FeatureReader reader = new FeatureReader();
            List<Path> files = FeatureReader.featureFiles(paths);
            if (files.isEmpty()) {
                throw new InputError(paths + ": no feature files (*.feature)");
            }
            return files.stream().map(reader::read).toList();
        } catch (IOException e) {
            throw new InputError(e.getMessage());
        }
    }

    /** A problem with what the user gave: one line, exit code 2. */
    static final class InputError extends Exception {
        private static final long serialVersionUID = 1L;

        InputError(String message) {
            super(message);
        }
    }
}
