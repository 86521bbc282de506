package io.ddikit.cli;

import io.ddikit.doc.Clause;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.grade.KillMatrix;
import io.ddikit.report.KillMatrixWriter;
import io.ddikit.report.ReportWriter;
import io.ddikit.result.KitVersion;
import io.ddikit.result.Verdict;
import io.ddikit.run.RunInputException;
import io.ddikit.run.SuiteRunner;
import io.ddikit.suite.FaultyTarget;
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

/** {@code ddikit selftest}: the suite against every faulty implementation, and the kill matrix. */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = {"Runs the suite against every correct implementation and every deliberately faulty one, and "
                + "writes the kill matrix (fault x clause) as selftest.html and selftest.json.",
                "Exit 0 when every fault is caught by a clause it breaks and every correct implementation conforms; "
                        + "1 otherwise; 2 on bad input; 4 when the kit broke."})
final class SelftestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--docs", paramLabel = "PATH", defaultValue = Project.DEFAULT_DOCS, split = ",",
            description = "Pages: files or folders (default: ${DEFAULT-VALUE}).")
    List<Path> docs;

    @Option(names = "--features", paramLabel = "PATH", defaultValue = Project.DEFAULT_FEATURES, split = ",",
            description = "Features: files or folders (default: ${DEFAULT-VALUE}).")
    List<Path> features;

    @Option(names = "--fault", paramLabel = "NAME", description = "Only this fault (repeatable; default: all).")
    List<String> only = new ArrayList<>();

    @Option(names = "--family", paramLabel = "ID", description = "Only this API family's correct and faulty implementations "
            + "(repeatable; default: every family).")
    List<String> familyIds = new ArrayList<>();

    @Option(names = "--focused", description = "Run each fault on the scenarios of the clauses it breaks only: a quicker check "
            + "that every fault is caught where it must be (the matrix leaves its other clauses untested); the correct "
            + "implementations still run the whole suite.")
    boolean focused;

    @Option(names = "--processors", paramLabel = "N", defaultValue = "" + SuiteContext.DEFAULT_PROCESSORS,
            description = "Simulated processors per machine, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int processors;

    @Option(names = "--call-timeout", paramLabel = "SECONDS", defaultValue = "2",
            description = "Bound on any one call into an implementation (default: ${DEFAULT-VALUE}).")
    double callTimeoutSeconds;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every randomised choice (default: a new one, printed).")
    Long seed;

    @picocli.CommandLine.Mixin
    ScheduleOptions scheduleOptions = new ScheduleOptions();

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "reports/selftest",
            description = "Where the kill matrix and each run's results go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Override
    @SuppressWarnings("try") // the lock is held for the whole body, never used in it
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ReportFolderLock lock = ReportFolderLock.take(reportDir, "ddikit selftest", ReportFolderLock.WRITING)) {
            long runSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
            SuiteSession session = SuiteSession.open(docs, features, Project.pageLimits(spec), List.of(), "", processors,
                    callTimeoutSeconds, runSeed, scheduleOptions.schedules()
                    .replayedWith(SuiteContext.Schedules.SELFTEST), err);
            session.checkFamilyIds(familyIds);
            List<FaultyTarget> faults = new ArrayList<>(session.resolver.faults());
            if (!only.isEmpty()) {
                faults.removeIf(f -> !only.contains(f.target().name()));
                if (faults.stream().map(f -> f.target().name()).distinct().count() != java.util.Set.copyOf(only).size()) {
                    throw new Project.InputError("unknown fault in " + only + "; known: "
                            + String.join(", ", session.resolver.faults().stream().map(f -> f.target().name()).toList()));
                }
            }
            if (faults.isEmpty()) {
                throw new Project.InputError("no faulty implementation found on the class path");
            }
            Map<String, Target> correctTargets = new java.util.LinkedHashMap<>(session.resolver.discover());
            java.util.Set<String> runnable = new java.util.HashSet<>();
            session.families().stream().filter(f -> familyIds.isEmpty() || familyIds.contains(f.id())).forEach(f -> runnable.add(f.id()));
            correctTargets.values().removeIf(t -> !runnable.contains(t.family()));
            faults.removeIf(f -> !runnable.contains(f.target().family()));
            if (faults.isEmpty()) {
                throw new Project.InputError("no faulty implementation of "
                        + (familyIds.isEmpty() ? "a family the pages and features hold" : "--family " + String.join(", ", familyIds))
                        + (only.isEmpty() ? "" : " among --fault " + String.join(", ", only)));
            }
            for (String id : runnable) {
                Project.distinctSlugs(correctTargets.values().stream().filter(t -> t.family().equals(id)).map(Target::name).toList());
                Project.distinctSlugs(faults.stream().filter(f -> f.target().family().equals(id)).map(f -> f.target().name()).toList());
            }
            List<ImplementationVerdict> correct = new ArrayList<>();
            for (Target t : correctTargets.values()) {
                correct.add(session.run(t, reportDir.resolve("correct").resolve(ReportWriter.folder(t.family(), t.name())), r -> { }));
                err.printf("  %-26s %s%n", t.name(), correct.get(correct.size() - 1).conformance().label());
                err.flush();
            }
            List<KillMatrix.Fault> graded = new ArrayList<>();
            for (FaultyTarget f : faults) {
                ImplementationVerdict v = session.run(f.target(), focused ? f.breaks() : List.of(), reportDir.resolve("faults").resolve(ReportWriter.folder(f.target().family(), f.target().name())), r -> { });
                graded.add(new KillMatrix.Fault(v, f.description(), f.breaks()));
                err.printf("  %-26s ran%n", f.target().name());
                err.flush();
            }
            List<KillMatrixWriter.Section> sections = new ArrayList<>();
            for (io.ddikit.suite.ApiFamily family : session.families.all()) {
                String id = family.id();
                List<KillMatrix.Fault> mine = graded.stream().filter(g -> g.verdict().implementation().family().equals(id)).toList();
                List<ImplementationVerdict> ok = correct.stream().filter(v -> v.implementation().family().equals(id)).toList();
                if (mine.isEmpty() && ok.isEmpty()) {
                    continue;
                }
                List<Clause> clauses = session.pagesOf(id).stream().flatMap(p -> p.clauses().stream()).toList();
                KillMatrix matrix = KillMatrix.of(clauses, mine, ok);
                out.printf("%n%s (%s)%n", family.title(), id);
                print(out, matrix);
                sections.add(new KillMatrixWriter.Section(id, family.title(), matrix));
            }
            boolean passed = sections.stream().allMatch(x -> x.matrix().passed());
            Path html = new KillMatrixWriter().write(reportDir, sections, KitVersion.current());
            out.printf("%n%s%n", passed ? "self-test passed in every family" : "SELF-TEST FAILED in "
                    + String.join(", ", sections.stream().filter(x -> !x.matrix().passed()).map(KillMatrixWriter.Section::family).toList()));
            out.println("kill matrix: " + html + " (and " + reportDir.resolve(KillMatrixWriter.JSON) + ")");
            out.flush();
            return passed ? ExitCodes.OK : ExitCodes.NOT_CONFORMING;
        } catch (Project.InputError | RunInputException e) {
            err.println("ddikit selftest: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        } catch (SuiteRunner.SuiteFailure e) {
            err.println("ddikit selftest: kit error: " + e.getMessage());
            return ExitCodes.KIT_ERROR;
        } catch (IOException e) {
            err.println("ddikit selftest: cannot write under " + reportDir + ": " + e.getMessage());
            return ExitCodes.KIT_ERROR;
        }
    }

    /** The matrix as text: a column per clause (numbered), a row per implementation. */
    static void print(PrintWriter out, KillMatrix m) {
        out.println();
        for (int i = 0; i < m.clauses().size(); i++) {
            out.printf("  c%-2d %s%n", i + 1, m.clauses().get(i).id());
        }
        StringBuilder head = new StringBuilder(String.format("%n  %-26s %-26s", "implementation", "outcome"));
        for (int i = 0; i < m.clauses().size(); i++) {
            head.append(String.format(" c%-2d", i + 1));
        }
        out.println(head);
        for (KillMatrix.FaultRow f : m.faults()) {
            out.println(row(f.name(), f.outcome().label(), m.clauses(), f.verdicts(), f.breaks()));
        }
        for (KillMatrix.CorrectRow r : m.correct()) {
            out.println(row(r.name(), r.falseAlarm() ? "FALSE ALARM: " + r.conformance().label() : r.conformance().label(),
                    m.clauses(), r.verdicts(), List.of()));
        }
        long killed = m.faults().stream().filter(f -> f.outcome() == KillMatrix.Outcome.KILLED).count();
        out.printf("%n  %d of %d faults killed by a clause they break; %d of %d correct implementations conform: %s%n",
                killed, m.faults().size(), m.correct().stream().filter(r -> !r.falseAlarm()).count(), m.correct().size(),
                m.passed() ? "self-test passed" : "SELF-TEST FAILED");
        out.println("  (X failed, E error, . passed, - not applicable, ? untested, ~ outdated, / untestable; [ ] a clause the fault breaks)");
    }

    private static String row(String name, String outcome, List<Clause> clauses, java.util.Map<String, Verdict> verdicts,
                              List<String> breaks) {
        StringBuilder sb = new StringBuilder(String.format("  %-26s %-26s", name, outcome));
        for (Clause c : clauses) {
            String mark = symbol(verdicts.get(c.id().value()));
            sb.append(breaks.contains(c.id().value()) ? " [" + mark + "]" : "  " + mark + " ");
        }
        return sb.toString();
    }

    private static String symbol(Verdict v) {
        if (v == null) {
            return " ";
        }
        return switch (v) {
            case FAILED -> "X";
            case ERROR -> "E";
            case PASSED -> ".";
            case NOT_APPLICABLE -> "-";
            case UNTESTED -> "?";
            case OUTDATED -> "~";
            case UNTESTABLE -> "/";
        };
    }
}
