package io.ddikit.e2e;

import io.ddikit.grade.ClauseVerdict;
import io.ddikit.grade.Conformance;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static org.assertj.core.api.Assertions.assertThat;

/** The suite on every bundled correct implementation: each conforms, clause by clause. */
class BundledImplementationsConformTest {
    /** One run of each implementation, shared by the tests that look at it from different sides. */
    private static final java.util.Map<String, ImplementationVerdict> RUNS = new java.util.concurrent.ConcurrentHashMap<>();

    private static ImplementationVerdict run(String name) {
        return RUNS.computeIfAbsent(name, n -> Suite.run(n, 42L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "ticket", "verifier"})
    void every_normative_clause_passes(String name) {
        ImplementationVerdict v = run(name);

        assertThat(v.conformance()).as(Suite.describe(v)).isEqualTo(Conformance.CONFORMS);
        for (ClauseVerdict c : v.clauses()) {
            if (c.clause().normative()) {
                Verdict expected = Suite.trace().untestable().containsKey(c.clause().id()) ? Verdict.UNTESTABLE : Verdict.PASSED;
                assertThat(c.verdict()).as("%s%n%s", c.clause().id(), Suite.describe(v)).isEqualTo(expected);
            } else {
                // an informative sentence is graded only when a feature author chose to check it
                Verdict expected = !Suite.trace().coverage().getOrDefault(c.clause().id(), java.util.List.of()).isEmpty() ? Verdict.PASSED : Verdict.UNTESTED;
                assertThat(c.verdict()).as("informative %s", c.clause().id()).isEqualTo(expected);
            }
        }
        assertThat(v.scenarios()).extracting(ScenarioResult::verdict).doesNotContain(Verdict.FAILED, Verdict.ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "ticket"})
    void misuse_scenarios_are_not_applicable_without_misuse_detection_and_never_passed(String name) {
        ImplementationVerdict v = run(name);
        assertThat(v.scenarios()).filteredOn(r -> r.name().contains("is reported"))
                .isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
                    assertThat(r.message()).contains("misuse-detection");
                });
    }

    @org.junit.jupiter.api.Test
    void the_verifier_runs_and_passes_every_misuse_scenario() {
        ImplementationVerdict v = run("verifier");
        assertThat(v.scenarios()).filteredOn(r -> r.name().contains("is reported"))
                .hasSizeGreaterThanOrEqualTo(9)
                .allSatisfy(r -> assertThat(r.verdict()).as(r.name() + ": " + r.message()).isEqualTo(Verdict.PASSED));
    }
}
