package io.ddikit.cli;

import io.ddikit.doc.Diagnostic;
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
    /** Output formats. */
    enum Format { text, json }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "A page, or a folder searched recursively for *.md.")
    List<Path> paths;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PageSource source = PageReader.read(paths, Project.pageLimits(spec));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.print(format == Format.json ? ClausesJson.render(source) + "\n" : ClausesText.render(source));
        out.flush();
        for (Diagnostic d : source.diagnostics()) {
            err.println(d);
        }
        if (source.skippedSummary() != null) {
            err.println("ddikit clauses: " + source.skippedSummary());
        }
        err.flush();
        return source.hasErrors() ? ExitCodes.USAGE_OR_INPUT : ExitCodes.OK;
    }
}
