package io.ddikit.doc;

import java.util.List;

/**
 * What reading a set of paths gives: the pages that could be read and one diagnostic per problem.
 * A page with warnings is still among {@link #pages()}; a file with an error is not.
 */
public record PageSource(List<DocPage> pages, List<Diagnostic> diagnostics) {
    public PageSource {
        pages = List.copyOf(pages);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
