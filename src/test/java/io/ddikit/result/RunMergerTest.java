package io.ddikit.result;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shards of a suite merge into one run per implementation, and runs that are not comparable are named. */
class RunMergerTest {
    private static final ImplementationInfo ACME = new ImplementationInfo("ndis-spin-lock", "acme", "2.0", List.of("misuse-detection"));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Map<String, String> PAGES = Map.of("docs-source/ndis/a.md", "sha256:aaaa");

    private static RunInfo run(long seed, String host, Instant started, Instant ended) {
        return new RunInfo("1.0", 4, seed, "jvm", "os", 2, started, ended, PAGES, null, host, List.of());
    }

    private static ScenarioResult result(int line, Verdict v) {
        return new ScenarioResult("acme", "features/x.feature", line, "s" + line, List.of("A.remarks.x"), v, "", 3,
                "", 0, v == Verdict.FAILED ? "the lock stayed held" : "", "");
    }

    private static RunMerger.Part part(String source, RunInfo run, ScenarioResult... results) {
        return new RunMerger.Part(source, ACME, run, List.of(results));
    }

    @Test
    void shards_merge_into_the_union_of_their_scenarios_in_feature_and_line_order() {
        var a = part("ci-1/acme", run(1, "runner-1", T0.plusSeconds(10), T0.plusSeconds(70)), result(30, Verdict.PASSED), result(10, Verdict.PASSED));
        var b = part("ci-2/acme", run(2, "runner-2", T0, T0.plusSeconds(40)), result(20, Verdict.NOT_APPLICABLE));
        List<String> warnings = new ArrayList<>();

        RunMerger.Merged m = RunMerger.merge(List.of(a, b), warnings::add);

        assertThat(warnings).isEmpty();
        assertThat(m.implementation()).isEqualTo(ACME);
        assertThat(m.scenarios()).extracting(ScenarioResult::line).containsExactly(10, 20, 30);
        RunInfo r = m.run();
        assertThat(r.started()).as("earliest start").isEqualTo(T0);
        assertThat(r.ended()).as("latest end").isEqualTo(T0.plusSeconds(70));
        assertThat(r.complete()).isTrue();
        assertThat(r.problem()).isNull();
        assertThat(r.host()).isEqualTo("runner-1, runner-2");
        assertThat(r.pages()).isEqualTo(PAGES);
        assertThat(r.shards()).containsExactly(
                new RunInfo.Shard("ci-1/acme", "runner-1", 1, T0.plusSeconds(10), T0.plusSeconds(70), 2),
                new RunInfo.Shard("ci-2/acme", "runner-2", 2, T0, T0.plusSeconds(40), 1));
    }

    @Test
    void a_scenario_found_in_two_shards_keeps_its_worse_verdict_with_a_warning() {
        var a = part("ci-1/acme", run(1, "h", T0, T0.plusSeconds(1)), result(10, Verdict.PASSED));
        var b = part("ci-2/acme", run(2, "h", T0, T0.plusSeconds(1)), result(10, Verdict.FAILED));
        List<String> warnings = new ArrayList<>();

        RunMerger.Merged m = RunMerger.merge(List.of(a, b), warnings::add);

        assertThat(m.scenarios()).containsExactly(result(10, Verdict.FAILED));
        assertThat(warnings).containsExactly("acme: scenario features/x.feature:10 's10' ran in both ci-1/acme (passed) "
                + "and ci-2/acme (failed): keeping failed");

        warnings.clear();
        assertThat(RunMerger.merge(List.of(b, a), warnings::add).scenarios()).containsExactly(result(10, Verdict.FAILED));
        assertThat(warnings).singleElement().asString().endsWith("keeping failed");
    }

    @Test
    void a_shard_that_had_not_ended_leaves_the_merged_run_incomplete_and_the_first_problem_is_kept() {
        RunInfo killed = run(1, "h", T0, null);
        RunInfo hung = new RunInfo("1.0", 4, 2, "jvm", "os", 2, T0, T0.plusSeconds(5), PAGES, "the implementation hung", "h", List.of());
        RunInfo died = new RunInfo("1.0", 4, 3, "jvm", "os", 2, T0, T0.plusSeconds(6), PAGES, "the process died", "h", List.of());

        RunInfo r = RunMerger.merge(List.of(part("a", killed), part("b", hung), part("c", died)), w -> { }).run();

        assertThat(r.ended()).isNull();
        assertThat(r.complete()).isFalse();
        assertThat(r.problem()).isEqualTo("b: the implementation hung");
    }

    @Test
    void a_run_that_was_itself_merged_brings_its_own_shards() {
        var inner = RunMerger.merge(List.of(part("ci-1/acme", run(1, "r1", T0, T0)), part("ci-2/acme", run(2, "r2", T0, T0))), w -> { });
        var again = RunMerger.merge(List.of(new RunMerger.Part("merged/acme", ACME, inner.run(), inner.scenarios()),
                part("ci-3/acme", run(3, "r3", T0, T0))), w -> { });

        assertThat(again.run().shards()).extracting(RunInfo.Shard::source).containsExactly("ci-1/acme", "ci-2/acme", "ci-3/acme");
        assertThat(again.run().host()).isEqualTo("r1, r2, r3");
    }

    @Test
    void runs_over_other_pages_or_kit_versions_or_processor_counts_are_named_with_both_values() {
        var a = part("ci-1/acme", run(1, "h", T0, T0));
        var otherPage = part("ci-2/acme", new RunInfo("1.0", 4, 2, "jvm", "os", 2, T0, T0,
                Map.of("docs-source/ndis/a.md", "sha256:bbbb"), null, "h", List.of()));
        var otherKit = part("ci-3/acme", new RunInfo("1.1", 4, 3, "jvm", "os", 2, T0, T0, PAGES, null, "h", List.of()));
        var otherCpus = part("ci-4/acme", new RunInfo("1.0", 8, 4, "jvm", "os", 2, T0, T0, PAGES, null, "h", List.of()));

        assertThat(RunMerger.mismatches(List.of(a, otherPage, otherKit, otherCpus))).containsExactly(
                "ci-1/acme and ci-2/acme were taken against different pages: docs-source/ndis/a.md is sha256:aaaa in ci-1/acme and sha256:bbbb in ci-2/acme",
                "ci-1/acme and ci-3/acme were taken with different kit versions: 1.0 in ci-1/acme and 1.1 in ci-3/acme",
                "ci-1/acme and ci-4/acme ran acme on different simulated processor counts: 4 in ci-1/acme and 8 in ci-4/acme");
        assertThat(RunMerger.mismatches(List.of(a, part("ci-5/acme", run(5, "other", T0, null))))).isEmpty();
    }

    @Test
    void other_implementations_may_run_on_other_processor_counts_but_not_on_other_pages() {
        var a = part("ci-1/acme", run(1, "h", T0, T0));
        var other = new RunMerger.Part("ci-2/other", new ImplementationInfo("ndis-spin-lock", "other", "1", List.of()),
                new RunInfo("1.0", 8, 2, "jvm", "os", 2, T0, T0, Map.of(), null, "h", List.of()), List.of());

        assertThat(RunMerger.mismatches(List.of(a, other))).containsExactly(
                "ci-1/acme and ci-2/other were taken against different pages: docs-source/ndis/a.md is sha256:aaaa in ci-1/acme and absent from ci-2/other");
    }

    @Test
    void runs_of_several_implementations_do_not_merge_into_one() {
        var other = new RunMerger.Part("b", new ImplementationInfo("ndis-spin-lock", "other", "1", List.of()), run(1, "h", T0, T0), List.of());
        assertThatThrownBy(() -> RunMerger.merge(List.of(part("a", run(1, "h", T0, T0)), other), w -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
