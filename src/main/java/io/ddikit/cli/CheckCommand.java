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

    @Option(names = "--expectations", paramLabel = "FILE",
            description = "Also check an expectations file: its schema, and that every entry names a clause of the pages or a scenario of the features and has not expired.")
    Path expectations;

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
            boolean ok = report.ok();
            if (expectations != null) {
                ok &= checkExpectations(out, pages, files);
            }
            return ok ? ExitCodes.OK : ExitCodes.NOT_CONFORMING;
        } catch (Project.InputError e) {
            err.println("ddikit check: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        }
    }

    /** Prints each entry of the expectations file that is stale or expired; true when there is none. */
    private boolean checkExpectations(PrintWriter out, PageSource pages, List<FeatureFile> files) throws Project.InputError {
        io.ddikit.campaign.ExpectationsFile file;
        try {
            file = io.ddikit.campaign.ExpectationsFile.read(expectations);
        } catch (io.ddikit.campaign.ExpectationsFile.InvalidException e) {
            throw new Project.InputError(e.getMessage());
        }
        java.util.Set<String> clauses = new java.util.HashSet<>();
        pages.pages().forEach(p -> p.clauses().forEach(c -> clauses.add(c.id().value())));
        List<String> scenarios = new java.util.ArrayList<>();
        for (FeatureFile f : files) {
            f.rules().forEach(r -> r.scenarios().forEach(sc -> {
                scenarios.add(sc.name());
                scenarios.add(f.file() + ":" + sc.line());
            }));
            f.loose().forEach(sc -> {
                scenarios.add(sc.name());
                scenarios.add(f.file() + ":" + sc.line());
            });
        }
        java.time.LocalDate today = CampaignOptions.today();
        int problems = 0;
        for (io.ddikit.campaign.ExpectationsFile.Expectation e : file.entries()) {
            String where = file.file() + ":" + e.line() + ": ";
            if (e.clause() != null && !clauses.contains(e.clause())) {
                out.println(where + "stale expectation: no clause " + e.clause() + " on the pages");
                problems++;
            } else if (e.scenario() != null && scenarios.stream().noneMatch(sc -> sc.equals(e.scenario()) || sc.endsWith("/" + e.scenario())
                    || e.scenario().endsWith("/" + sc) || e.scenario().equals(sc))) {
                out.println(where + "stale expectation: no scenario '" + e.scenario() + "' in the features");
                problems++;
            } else if (e.expiredOn(today)) {
                out.println(where + "expired expectation: " + e.subject() + " expired " + e.expires());
                problems++;
            }
        }
        out.printf("%s: %d entries, %s%n", file.file(), file.entries().size(), problems == 0 ? "all current" : problems + " problems");
        return problems == 0;
    }
}
