package io.ddikit.cli;

import io.ddikit.doc.DocPage;
import io.ddikit.doc.PageSource;
import io.ddikit.trace.Scaffolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ddikit scaffold PAGE}: a feature skeleton for a new page. */
@Command(name = "scaffold", mixinStandardHelpOptions = true,
        description = {"Writes a feature skeleton for a page: one Rule per clause, titled with its text and tagged with "
                + "its id, and a placeholder scenario under each normative clause.",
                "Prints it, or writes it with --output (never over an existing file unless --force)."})
final class ScaffoldCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PAGE", description = "The reference page (a .md file).")
    Path page;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the feature here instead of printing it.")
    Path output;

    @Option(names = "--force", description = "Overwrite --output if it exists.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (Files.isDirectory(page)) {
                throw new Project.InputError(page + ": give one page, not a folder");
            }
            PageSource source = Project.pages(List.of(page), Project.pageLimits(spec), err);
            DocPage p = source.pages().get(0);
            String feature = new Scaffolder().scaffold(p);
            if (output == null) {
                out.print(feature);
                out.flush();
                return ExitCodes.OK;
            }
            if (Files.exists(output) && !force) {
                throw new Project.InputError(output + ": exists already (use --force to overwrite)");
            }
            if (output.toAbsolutePath().getParent() != null) {
                Files.createDirectories(output.toAbsolutePath().getParent());
            }
            Files.writeString(output, feature, StandardCharsets.UTF_8);
            err.println("wrote " + output + ": " + p.clauses().size() + " Rules, "
                    + p.clauses().stream().filter(c -> c.normative()).count() + " placeholder scenarios");
            return ExitCodes.OK;
        } catch (Project.InputError e) {
            err.println("ddikit scaffold: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        } catch (IOException e) {
            err.println("ddikit scaffold: " + output + ": cannot write: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        }
    }
}
