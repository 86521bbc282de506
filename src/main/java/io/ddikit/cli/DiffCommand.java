package io.ddikit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ddikit.campaign.RunDiff;
import io.ddikit.report.ReportWriter;
import io.ddikit.result.KitVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ddikit diff OLD NEW}: what changed between two runs, per implementation and clause. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Lists what changed between two runs (report folders, their conformance.json, or bundles), per implementation "
                + "and clause: new failures, new passes, clauses newly outdated or untested, other changes, clauses added or removed.",
                "Exit 0 when no verdict changed, 1 when one did, 2 on bad input."})
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The older run: a report folder, its conformance.json, or a bundle (.zip).")
    Path old;

    @Parameters(index = "1", paramLabel = "NEW", description = "The newer run, as OLD.")
    Path current;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the diff as a page.")
    Path html;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            err.println("ddikit diff: --format is text or json, not '" + io.ddikit.result.Bounds.printable(format, 40) + "'");
            return ExitCodes.USAGE_OR_INPUT;
        }
        RunDiff diff;
        try {
            diff = RunDiff.between(RunDiff.Snapshot.read(old), RunDiff.Snapshot.read(current));
        } catch (RunDiff.UnreadableException e) {
            err.println("ddikit diff: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        }
        try {
            if (format.equals("json")) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(diff.toJson()));
            } else {
                out.print(diff.toText());
            }
            out.flush();
            if (html != null) {
                new ReportWriter().writeDiff(html, diff, KitVersion.current());
                err.println("diff page: " + html);
            }
        } catch (IOException e) {
            err.println("ddikit diff: cannot write " + html + ": " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        }
        return diff.isEmpty() ? ExitCodes.OK : ExitCodes.NOT_CONFORMING;
    }
}
