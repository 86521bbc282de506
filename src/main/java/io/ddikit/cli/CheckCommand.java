package io.ddikit.cli;

import io.ddikit.doc.PageSource;
import io.ddikit.trace.FeatureFile;
import io.ddikit.trace.TraceProblem;
import io.ddikit.trace.TraceReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ddikit check}: the trace check between the pages and the features. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks that the features cover the pages: every normative clause has a scenario, every "
                + "@clause tag names a clause, every scenario checks a clause, and every Rule's title still equals "
                + "its clause's text.", "Exit 0 when all is well, 1 when a problem was found, 2 on bad input."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--docs", paramLabel = "PATH", description = "Pages: files or folders (default: ${DEFAULT-VALUE}).",
            defaultValue = Project.DEFAULT_DOCS, split = ",")
    List<Path> docs;

    @Option(names = "--features", paramLabel = "PATH", description = "Features: files or folders (default: ${DEFAULT-VALUE}).",
            defaultValue = Project.DEFAULT_FEATURES, split = ",")
    List<Path> features;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Project.Traced traced = Project.traced(docs, features, Project.pageLimits(spec), err);
            PageSource pages = traced.pages();
            List<FeatureFile> files = traced.features();
            TraceReport report = traced.trace();
            for (TraceProblem p : report.problems()) {
                out.println(p);
            }
            long clauses = pages.pages().stream().mapToLong(p -> p.clauses().size()).sum();
            long covered = report.coverage().values().stream().filter(l -> !l.isEmpty()).count();
            out.printf("%d pages, %d clauses (%d with scenarios), %d feature files: %s%n", pages.pages().size(), clauses,
                    covered, files.size(), report.ok() ? "trace check passed" : report.problems().size() + " problems");
            return report.ok() ? ExitCodes.OK : ExitCodes.NOT_CONFORMING;
        } catch (Project.InputError e) {
            err.println("ddikit check: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        }
    }
}
