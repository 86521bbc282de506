package io.ddikit.e2e;

import io.ddikit.doc.DocPage;
import io.ddikit.grade.ClauseVerdict;
import io.ddikit.grade.Conformance;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;
import io.ddikit.run.TargetResolver;
import io.ddikit.sched.InstrumentingClassLoader;
import io.ddikit.suite.FaultyTarget;
import io.ddikit.suite.SuiteContext;
import io.ddikit.suite.Target;
import io.ddikit.trace.TraceReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NDIS read-write lock family end to end: its features cover its five pages; each bundled correct implementation
 * conforms clause by clause, with what it does not decide (readers sharing or waiting, interlocked operations) attached
 * as information; a correct lock that serialises readers conforms too and is told apart; and a fault that needs an
 * interleaving is caught under a schedule that replays exactly.
 */
class RwLocksTest {
    static final String FAMILY = "ndis-rw-lock";
    static final Path FEATURES = Path.of("features/ndis-rw-lock");

    private static List<DocPage> pages;
    private static TraceReport trace;
    private static final Map<String, ImplementationVerdict> RUNS = new HashMap<>();

    private static io.ddikit.cli.SuiteSession session;

    @BeforeAll
    static void readThePagesAndFeatures() throws Exception {
        // the kit's own pipeline, as ddikit run and selftest use it
        session = io.ddikit.cli.SuiteSession.open(io.ddikit.cli.SuiteSession.Settings.project(42)
                        .withPaths(List.of(Path.of("docs-source")), List.of(FEATURES)).withCallTimeout(2),
                new java.io.PrintWriter(java.io.Writer.nullWriter()));
        pages = session.pagesOf(FAMILY);
        trace = session.trace();
    }

    private static ImplementationVerdict run(Target target, long seed, SuiteContext.Schedules schedules, String tags)
            throws Exception {
        return session.with(seed, tags, schedules).run(target, Files.createTempDirectory("ddikit-rw-"), r -> { });
    }

    private static synchronized ImplementationVerdict bundled(String name) throws Exception {
        ImplementationVerdict v = RUNS.get(name);
        if (v == null) {
            v = run(TargetResolver.over(List.of()).select(FAMILY, name), 42L, SuiteContext.Schedules.defaults(), "");
            RUNS.put(name, v);
        }
        return v;
    }

    private static String describe(ImplementationVerdict v) {
        StringBuilder sb = new StringBuilder(v.implementation().name() + ": " + v.conformance() + "\n");
        for (ClauseVerdict c : v.clauses()) {
            sb.append("  ").append(c.verdict()).append("  ").append(c.clause().id()).append(": ").append(c.reason()).append('\n');
        }
        return sb.toString();
    }

    private static String information(ImplementationVerdict v) {
        return String.join("\n", v.scenarios().stream().map(ScenarioResult::trace).filter(t -> t.contains("information: ")).toList());
    }

    @Test
    void the_features_cover_every_clause_of_the_five_pages() {
        assertThat(pages).extracting(p -> Path.of(p.file()).getFileName().toString()).containsExactlyInAnyOrder(
                "nf-ndis-ndisinitializereadwritelock.md", "nf-ndis-ndisacquirereadwritelock.md",
                "nf-ndis-ndisreleasereadwritelock.md", "nf-ndis-ndisdpracquirereadwritelock.md",
                "nf-ndis-ndisdprreleasereadwritelock.md");
        assertThat(trace.problems()).isEmpty();
        long clauses = pages.stream().mapToLong(p -> p.clauses().size()).sum();
        assertThat(clauses).isEqualTo(77);
        pages.stream().flatMap(p -> p.clauses().stream()).filter(c -> c.normative()).forEach(c -> assertThat(
                trace.untestable().containsKey(c.id()) || !trace.coverage().get(c.id()).isEmpty())
                .as("%s has a scenario or is declared untestable", c.id()).isTrue());
        assertThat(trace.untestable().keySet()).extracting(id -> id.value()).contains(
                "NdisAcquireReadWriteLock.remarks.read-access-does-not-require-interlocked",
                "NdisDprAcquireReadWriteLock.remarks.read-access-does-not-require-interlocked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "interlocked", "verifier"})
    void every_bundled_correct_implementation_conforms_clause_by_clause(String name) throws Exception {
        ImplementationVerdict v = bundled(name);
        assertThat(v.conformance()).as(describe(v)).isEqualTo(Conformance.CONFORMS);
        for (ClauseVerdict c : v.clauses()) {
            Verdict expected = trace.untestable().containsKey(c.clause().id()) ? Verdict.UNTESTABLE
                    : trace.coverage().get(c.clause().id()).isEmpty() ? Verdict.UNTESTED : Verdict.PASSED;
            assertThat(c.verdict()).as("%s%n%s", c.clause().id(), describe(v)).isEqualTo(expected);
            if (c.clause().normative()) {
                assertThat(c.verdict()).as(c.clause().id().value()).isIn(Verdict.PASSED, Verdict.UNTESTABLE);
            }
        }
        assertThat(v.scenarios()).extracting(ScenarioResult::verdict).doesNotContain(Verdict.FAILED, Verdict.ERROR);
        List<ScenarioResult> misuse = v.scenarios().stream().filter(r -> r.name().contains("is reported")).toList();
        assertThat(misuse).hasSizeGreaterThanOrEqualTo(15);
        assertThat(misuse).extracting(ScenarioResult::verdict).containsOnly(name.equals("verifier") ? Verdict.PASSED
                : Verdict.NOT_APPLICABLE);
    }

    @Test
    void readers_are_proven_to_share_the_lock_and_the_interlocked_operations_of_reads_are_information() throws Exception {
        String reference = information(bundled("reference"));
        assertThat(reference).contains("information: readers share lock A: NdisAcquireReadWriteLock for read (lock state R1)"
                + " on processor 1 returned at DISPATCH_LEVEL while processor 0 held read access, so both held it at once");
        assertThat(reference).containsPattern("readers shared lock A under the controlled tier \\(200 schedule\\(s\\)\\): up to [23]"
                + " inside at once");
        assertThat(reference).contains("read acquisitions of the contention on lock A made 0 interlocked operation(s)")
                .doesNotContainPattern("read acquisitions made [1-9]");
        String interlocked = information(bundled("interlocked"));
        assertThat(interlocked).containsPattern("read acquisitions of the contention on lock A made [1-9]\\d* interlocked operation")
                .contains("this is information, not a verdict");
    }

    @Test
    void a_correct_lock_that_serialises_readers_conforms_and_is_told_apart() throws Exception {
        InstrumentingClassLoader loader = new InstrumentingClassLoader(getClass().getClassLoader(),
                n -> n.startsWith("io.ddikit.e2e.serial."));
        Object provider = loader.loadClass("io.ddikit.e2e.serial.SerialRwLockProvider").getConstructor().newInstance();
        ImplementationVerdict v = run(new Target(FAMILY, "serial", "test", List.of(), provider), 7L,
                SuiteContext.Schedules.defaults(), "");
        assertThat(v.conformance()).as(describe(v)).isEqualTo(Conformance.CONFORMS);
        String info = information(v);
        assertThat(info).contains("information: readers are serialised on lock A: NdisAcquireReadWriteLock for read (lock state"
                + " R1) on processor 1 waits (spin-wait turns) while processor 0 holds read access")
                .contains("readers never shared lock A under the controlled tier")
                .doesNotContain("readers share lock A");
    }

    @Test
    void every_fault_of_the_catalogue_is_caught_by_a_clause_it_breaks_with_the_stress_tier_off() throws Exception {
        List<FaultyTarget> faults = TargetResolver.over(List.of()).faults().stream()
                .filter(t -> t.target().family().equals(FAMILY)).toList();
        assertThat(faults).hasSizeGreaterThanOrEqualTo(10);
        List<String> survivors = new java.util.ArrayList<>();
        for (FaultyTarget f : faults) {
            String tags = String.join(" or ", f.breaks().stream().map(c -> "@clause:" + c).toList());
            ImplementationVerdict v = run(f.target(), 1L, SuiteContext.Schedules.defaults().controlledOnly(), tags);
            boolean caught = v.clauses().stream().anyMatch(c -> f.breaks().contains(c.clause().id().value())
                    && (c.verdict() == Verdict.FAILED || c.verdict() == Verdict.ERROR));
            if (!caught) {
                survivors.add(f.target().name() + "\n" + describe(v));
            }
        }
        assertThat(survivors).as("faults no clause they break caught without the stress tier").isEmpty();
    }

    @Test
    void a_reader_count_updated_in_two_steps_is_caught_under_a_schedule_that_replays_exactly() throws Exception {
        FaultyTarget f = TargetResolver.over(List.of()).faults().stream()
                .filter(t -> t.target().family().equals(FAMILY) && t.target().name().equals("non-atomic-reader-count"))
                .findFirst().orElseThrow();
        String tags = "@clause:" + f.breaks().get(0);
        ImplementationVerdict v = run(f.target(), 20261201L, SuiteContext.Schedules.defaults(), tags);
        Optional<ScenarioResult> caught = v.scenarios().stream()
                .filter(r -> r.verdict() == Verdict.FAILED && r.message().contains("replay: ")).findFirst();
        assertThat(caught).as("%s", v.scenarios()).isPresent();
        ScenarioResult first = caught.get();
        assertThat(first.message()).contains("clause " + f.breaks().get(0)).containsPattern("step +processor +IRQL");
        Matcher m = Pattern.compile("schedule (\\S+) \\(decisions (\\w+), (\\d+) steps\\)").matcher(first.message());
        assertThat(m.find()).as(first.message()).isTrue();
        ImplementationVerdict again = run(f.target(), 20261201L, new SuiteContext.Schedules(0, m.group(1)), tags);
        ScenarioResult replayed = again.scenarios().stream().filter(r -> r.line() == first.line()).findFirst().orElseThrow();
        assertThat(replayed.verdict()).as(replayed.message()).isEqualTo(Verdict.FAILED);
        assertThat(replayed.message()).contains("schedule " + m.group(1) + " (decisions " + m.group(2) + ",");
        assertThat(replayed.message().lines().findFirst().orElseThrow()).isEqualTo(first.message().lines().findFirst().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"read-no-raise", "release-lowers-before-leaving", "read-counts-before-raising"})
    void a_dpc_arriving_at_any_point_finds_a_lock_held_below_dispatch_level(String name) throws Exception {
        FaultyTarget f = TargetResolver.over(List.of()).faults().stream()
                .filter(t -> t.target().family().equals(FAMILY) && t.target().name().equals(name)).findFirst().orElseThrow();
        ImplementationVerdict v = run(f.target(), 5L, SuiteContext.Schedules.defaults().controlledOnly(),
                "@clause:NdisAcquireReadWriteLock.remarks.NdisAcquireReadWriteLock-always-raises-irql");
        ScenarioResult dpc = v.scenarios().stream().filter(r -> r.name().contains("a DPC that takes the lock for write may"
                + " interrupt")).findFirst().orElseThrow();
        assertThat(dpc.verdict()).as(dpc.message()).isEqualTo(Verdict.FAILED);
        assertThat(dpc.message()).contains("clause NdisAcquireReadWriteLock.remarks.NdisAcquireReadWriteLock-always-raises-irql")
                .contains("replay: ");
    }
}
