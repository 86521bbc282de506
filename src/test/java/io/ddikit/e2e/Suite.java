package io.ddikit.e2e;

import io.ddikit.doc.DocPage;
import io.ddikit.doc.PageSource;
import io.ddikit.doc.read.PageReader;
import io.ddikit.grade.ClauseGrader;
import io.ddikit.grade.ClauseVerdict;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.Verdict;
import io.ddikit.run.Families;
import io.ddikit.run.RunInputException;
import io.ddikit.run.SuiteRunner;
import io.ddikit.run.TargetResolver;
import io.ddikit.suite.Target;
import io.ddikit.suite.SuiteContext;
import io.ddikit.trace.FeatureFile;
import io.ddikit.trace.FeatureReader;
import io.ddikit.trace.TraceChecker;
import io.ddikit.trace.TraceReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Runs the project's own features against an implementation, as {@code ddikit run} does, for end-to-end tests. */
final class Suite {
    static final Path DOCS = Path.of("docs-source/ndis");
    static final Path FEATURES = Path.of("features/ndis-spin-lock");

    private static final List<DocPage> PAGES;
    private static final TraceReport TRACE;

    static {
        PageSource source = PageReader.read(List.of(DOCS));
        if (source.hasErrors()) {
            throw new IllegalStateException("the project's pages do not read: " + source.diagnostics());
        }
        // docs-source/ndis holds the pages of two families (spin locks and read-write locks): this suite is the first's
        Families families = Families.kit();
        PAGES = families.pagesOf(families.byId("ndis-spin-lock").orElseThrow(), source.pages());
        try {
            FeatureReader reader = new FeatureReader();
            List<FeatureFile> features = FeatureReader.featureFiles(List.of(FEATURES)).stream().map(reader::read).toList();
            TRACE = new TraceChecker().check(PAGES, features);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Suite() {
    }

    static List<DocPage> pages() {
        return PAGES;
    }

    static TraceReport trace() {
        return TRACE;
    }

    /**
     * Runs the suite on the bundled implementation of that name, loaded as {@code ddikit run} loads
     * implementations, with schedule points injected.
     */
    static ImplementationVerdict run(String name, long seed) {
        try {
            TargetResolver resolver = TargetResolver.over(List.of());
            Target target = resolver.select("ndis-spin-lock", name);
            Path out = Files.createTempDirectory("ddikit-e2e-");
            SuiteRunner.Outcome o = new SuiteRunner().run(new SuiteRunner.Request(target, List.of(FEATURES),
                    List.of("io.ddikit.steps.ndis"), "", SuiteContext.DEFAULT_PROCESSORS, Duration.ofSeconds(2), seed,
                    out, Path.of(""), resolver.classLoader(), r -> { }, io.ddikit.doc.DocPage.fingerprints(PAGES)));
            return new ClauseGrader().grade(PAGES, TRACE, o.implementation(), o.run(), o.scenarios());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RunInputException e) {
            throw new IllegalStateException("cannot load implementation " + name + ": " + e, e);
        }
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
