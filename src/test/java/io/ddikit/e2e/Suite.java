package io.ddikit.e2e;

import io.ddikit.cli.Project;
import io.ddikit.cli.SuiteSession;
import io.ddikit.doc.DocPage;
import io.ddikit.grade.ClauseVerdict;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;
import io.ddikit.run.RunInputException;
import io.ddikit.suite.FaultyTarget;
import io.ddikit.suite.SuiteContext;
import io.ddikit.trace.TraceReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the project's NDIS features against an implementation through the kit's own pipeline ({@link SuiteSession}, as
 * {@code ddikit run}'s worker and {@code ddikit selftest} do), for end-to-end tests.
 */
final class Suite {
    static final Path DOCS = Path.of("docs-source/ndis");
    static final Path FEATURES = Path.of("features/ndis-spin-lock");
    static final String FAMILY = "ndis-spin-lock";

    private static final SuiteSession SESSION = session(SuiteSession.Settings.project(1));

    private Suite() {
    }

    /** A session over the NDIS pages and features with {@code settings}' other choices; a call bound of 2 s. */
    static SuiteSession session(SuiteSession.Settings settings) {
        try {
            return SuiteSession.open(settings.withPaths(List.of(DOCS), List.of(FEATURES)).withCallTimeout(2),
                    new PrintWriter(Writer.nullWriter()));
        } catch (Project.InputError | RunInputException e) {
            throw new IllegalStateException("the project's pages and features do not read: " + e.getMessage(), e);
        }
    }

    /** The NDIS spin lock family's pages (docs-source/ndis holds other families' pages too). */
    static List<DocPage> pages() {
        return SESSION.pagesOf(FAMILY);
    }

    static TraceReport trace() {
        return SESSION.trace();
    }

    /**
     * Runs the suite on the bundled implementation of that name, loaded as {@code ddikit run} loads
     * implementations, with schedule points injected.
     */
    static ImplementationVerdict run(String name, long seed) {
        SuiteSession session = session(SuiteSession.Settings.project(seed));
        try {
            return session.run(session.implementation(FAMILY, name), Files.createTempDirectory("ddikit-e2e-"), r -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RunInputException e) {
            throw new IllegalStateException("cannot load implementation " + name + ": " + e, e);
        }
    }

    /** The scenarios of a catalogue fault's run selected by {@code tags}, under {@code schedules}, with a fixed seed. */
    static List<ScenarioResult> run(FaultyTarget fault, SuiteContext.Schedules schedules, String tags) throws Exception {
        SuiteSession session = session(SuiteSession.Settings.project(20261201L).withSchedules(schedules).withTags(tags));
        return session.run(fault.target(), Files.createTempDirectory("ddikit-controlled-"), r -> { }).scenarios();
    }

    /** The catalogue fault {@code name}. */
    static FaultyTarget fault(String name) throws Exception {
        return SESSION.faults().stream().filter(f -> f.target().name().equals(name)).findFirst().orElseThrow();
    }

    static String describe(ImplementationVerdict v) {
        StringBuilder sb = new StringBuilder(v.implementation().name() + ": " + v.conformance() + "\n");
        for (ClauseVerdict c : v.clauses()) {
            sb.append("  ").append(c.verdict()).append("  ").append(c.clause().id());
            if (c.verdict() == Verdict.FAILED || c.verdict() == Verdict.ERROR) {
                sb.append("\n      ").append(c.reason().replace("\n", "\n      "));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
