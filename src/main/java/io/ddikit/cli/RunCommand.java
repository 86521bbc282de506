package io.ddikit.cli;

import io.ddikit.grade.ClauseVerdict;
import io.ddikit.grade.Conformance;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.report.ReportInput;
import io.ddikit.report.ReportWriter;
import io.ddikit.result.KitVersion;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;
import io.ddikit.run.RunInputException;
import io.ddikit.run.SuiteRunner;
import io.ddikit.suite.SuiteContext;
import io.ddikit.suite.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code ddikit run}: the suite against one or more implementations. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the features against implementations, prints a verdict per clause and writes the results.",
                "Exit 0 when every selected implementation conforms, 1 when one does not (or is incomplete), "
                        + "2 on bad input, 3 when an implementation crashed or hung, 4 when the kit broke."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--impl", paramLabel = "NAME", description = "An implementation to run (repeatable; default: every one found).")
    List<String> impls = new ArrayList<>();

    @Option(names = "--classpath", paramLabel = "JAR", description = "A jar or class folder holding implementations (repeatable).")
    List<Path> classpath = new ArrayList<>();

    @Option(names = "--docs", paramLabel = "PATH", defaultValue = Project.DEFAULT_DOCS, split = ",",
            description = "Pages: files or folders (default: ${DEFAULT-VALUE}).")
    List<Path> docs;

    @Option(names = "--features", paramLabel = "PATH", defaultValue = Project.DEFAULT_FEATURES, split = ",",
            description = "Features: files or folders (default: ${DEFAULT-VALUE}).")
    List<Path> features;

    @Option(names = "--tags", paramLabel = "EXPR", description = "Run only the scenarios matching this Cucumber tag expression.")
    String tags;

    @Option(names = "--clause", paramLabel = "ID", description = "Run only the scenarios of this clause (repeatable).")
    List<String> clauses = new ArrayList<>();

    @Option(names = "--processors", paramLabel = "N", defaultValue = "" + SuiteContext.DEFAULT_PROCESSORS,
            description = "Simulated processors per machine, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int processors;

    @Option(names = "--call-timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "Bound on any one call into the implementation (default: ${DEFAULT-VALUE}).")
    double callTimeoutSeconds;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every randomised choice (default: a new one, printed).")
    Long seed;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "reports",
            description = "Where results and reports go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            long runSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
            SuiteSession session = SuiteSession.open(docs, features, classpath, tagExpression(), processors,
                    callTimeoutSeconds, runSeed, err);
            List<Target> targets = impls.isEmpty() ? List.copyOf(session.resolver.discover().values()) : session.resolver.select(impls);
            if (targets.isEmpty()) {
                throw new Project.InputError("no implementation found on the class path");
            }
            List<ImplementationVerdict> verdicts = new ArrayList<>();
            Path index = null;
            for (Target t : targets) {
                AtomicInteger done = new AtomicInteger();
                ImplementationVerdict v = session.run(t, reportDir.resolve(ReportWriter.slug(t.name())),
                        r -> progress(err, t, done.incrementAndGet(), r));
                verdicts.add(v);
                print(out, v);
                // Rewritten after each implementation, so a run stopped part way keeps what finished.
                index = new ReportWriter().write(reportDir, ReportInput.of(session.pages.pages(), verdicts, KitVersion.current()));
            }
            out.println();
            out.println("report: " + index);
            out.flush();
            return exitCode(verdicts);
        } catch (Project.InputError e) {
            err.println("ddikit run: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        } catch (RunInputException e) {
            err.println("ddikit run: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        } catch (SuiteRunner.SuiteFailure e) {
            err.println("ddikit run: kit error: " + e.getMessage());
            return ExitCodes.KIT_ERROR;
        } catch (IOException e) {
            err.println("ddikit run: cannot write results under " + reportDir + ": " + e.getMessage());
            return ExitCodes.KIT_ERROR;
        }
    }

    private String tagExpression() {
        List<String> parts = new ArrayList<>();
        if (tags != null && !tags.isBlank()) {
            parts.add("(" + tags + ")");
        }
        if (!clauses.isEmpty()) {
            parts.add("(" + String.join(" or ", clauses.stream().map(c -> "@clause:" + c).toList()) + ")");
        }
        return String.join(" and ", parts);
    }

    private void progress(PrintWriter err, Target t, int n, ScenarioResult r) {
        if (!quiet) {
            err.printf("  [%s %d] %-14s %s (%s)%n", t.name(), n, r.verdict().label(), r.name(), r.location());
            err.flush();
        }
    }

    static void print(PrintWriter out, ImplementationVerdict v) {
        out.printf("%n%s %s: %s%n", v.implementation().name(), v.implementation().version(), v.conformance().label().toUpperCase(java.util.Locale.ROOT));
        for (ClauseVerdict c : v.clauses()) {
            out.printf("  %-14s %s%n", c.verdict().label(), c.clause().id());
            out.printf("  %-14s \"%s\"%n", "", abbreviate(c.clause().text(), 110));
            if (c.verdict() == Verdict.FAILED || c.verdict() == Verdict.ERROR) {
                out.printf("  %-14s %s%n", "", abbreviate(c.reason().replaceAll("\\s+", " "), 300));
            }
        }
        Map<Verdict, Integer> counts = v.counts();
        StringBuilder sb = new StringBuilder();
        for (Verdict k : Verdict.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(counts.get(k)).append(' ').append(k.label());
        }
        out.printf("  clauses: %s%n", sb);
        out.flush();
    }

    static int exitCode(List<ImplementationVerdict> verdicts) {
        if (verdicts.stream().anyMatch(v -> v.conformance() == Conformance.DOES_NOT_CONFORM || v.conformance() == Conformance.INCOMPLETE)) {
            return ExitCodes.NOT_CONFORMING;
        }
        boolean kitBroke = verdicts.stream().flatMap(v -> v.scenarios().stream())
                .anyMatch(r -> r.verdict() == Verdict.ERROR && ScenarioResult.KIT.equals(r.errorSource()));
        if (kitBroke) {
            return ExitCodes.KIT_ERROR;
        }
        if (verdicts.stream().anyMatch(v -> v.conformance() == Conformance.ERROR)) {
            return ExitCodes.IMPLEMENTATION_ERROR;
        }
        return ExitCodes.OK;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
