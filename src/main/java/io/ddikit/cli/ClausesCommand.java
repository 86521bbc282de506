package io.ddikit.cli;

import io.ddikit.doc.Diagnostic;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.PageSource;
import io.ddikit.doc.read.PageReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ddikit clauses PATH... [--format text|json]}: reads pages into clauses and prints them.
 * Every problem is one line on stderr; exit 0 when every page was read (warnings allowed), 2 when any
 * path or page could not be read. Pages that could be read are printed either way.
 */
@Command(name = "clauses",
        mixinStandardHelpOptions = true,
        description = "Reads reference pages (files, or folders searched for *.md) and prints their clauses.")
public final class ClausesCommand implements Callable<Integer> {
    /** Output formats: {@code ndjson} is one page per line. */
    enum Format { text, json, ndjson }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "A page, or a folder searched recursively for *.md.")
    List<Path> paths;

    @Option(names = "--format", defaultValue = "text", description = "text, json, or ndjson (one page per line) (default: ${DEFAULT-VALUE}).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // written as the pages are read (in input order, on every core), so memory stays bounded on a whole reference
        boolean[] errors = {false};
        List<PageSource.Skipped> skipped = new java.util.ArrayList<>();
        WarningPrinter warnings = new WarningPrinter(err, "ddikit clauses");
        try {
            ClausesJson.Streamed json = format == Format.json ? new ClausesJson.Streamed(out) : null;
            PageReader.stream(paths, Project.pageLimits(spec), PageReader.defaultThreads(), new PageReader.RenderingSink<String>() {
                @Override
                public String render(DocPage page) {
                    return switch (format) {
                        case json -> ClausesJson.Streamed.render(page);
                        case ndjson -> ClausesJson.line(page) + "\n";
                        default -> ClausesText.page(page);
                    };
                }

                @Override
                public void page(DocPage page, String rendered) {
                    try {
                        if (json != null) {
                            json.page(rendered);
                        } else {
                            out.print(rendered);
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    page.warnings().forEach(warnings::print);
                }

                @Override
                public void problem(Diagnostic d) {
                    errors[0] |= d.isError();
                    if (json != null && d.isError()) {
                        json.error(d);
                    }
                    err.println(d);
                }

                @Override
                public void skipped(PageSource.Skipped s) {
                    skipped.add(s);
                    if (json != null) {
                        json.skipped(s);
                    }
                }
            });
            if (json != null) {
                json.end();
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            err.println("ddikit clauses: cannot write the output: " + e.getMessage());
            return ExitCodes.KIT_ERROR;
        }
        out.flush();
        warnings.summary();
        String summary = PageSource.skippedSummary(skipped);
        if (summary != null) {
            err.println("ddikit clauses: " + summary);
        }
        err.flush();
        return errors[0] ? ExitCodes.USAGE_OR_INPUT : ExitCodes.OK;
    }
}
