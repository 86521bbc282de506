package io.ddikit.grade;

import io.ddikit.doc.Clause;
import io.ddikit.doc.ClauseId;
import io.ddikit.doc.ClauseKind;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.LineRange;
import io.ddikit.result.ImplementationInfo;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;
import io.ddikit.trace.TraceReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each clause's verdict from the results of the scenarios tagged with it. */
class ClauseGraderTest {
    private static final ImplementationInfo IMPL = new ImplementationInfo("ndis-spin-lock", "acme", "1.0", List.of());
    private static final TraceReport CLEAN = new TraceReport(List.of(), Map.of(), Set.of());

    private static Clause clause(String id) {
        return new Clause(new ClauseId(id), "remarks", ClauseKind.CALLER_OBLIGATION, id + " must hold.", "fp", LineRange.of(1), List.of());
    }

    private static DocPage page(List<Clause> clauses) {
        return new DocPage("p.md", "NF:p", "P", "P function", "fp", Map.of(), List.of(), Optional.empty(), List.of(), Map.of(),
                List.of(), clauses, List.of());
    }

    private static ScenarioResult result(String name, Verdict v, String message, String... clauses) {
        return new ScenarioResult("acme", "f.feature", name.hashCode() & 0xfff, name, List.of(clauses), v, "", 1, "", 0, message, "");
    }

    private static Map<String, ClauseVerdict> byId(ImplementationVerdict iv) {
        Map<String, ClauseVerdict> m = new java.util.HashMap<>();
        iv.clauses().forEach(cv -> m.put(cv.clause().id().value(), cv));
        return m;
    }

    @Test
    void a_clause_gets_the_results_of_the_scenarios_tagged_with_it_in_run_order_each_once() {
        ScenarioResult both = result("both", Verdict.PASSED, "", "P.a", "P.b");
        ScenarioResult twice = result("twice", Verdict.PASSED, "", "P.a", "P.c", "P.a");
        ScenarioResult onlyB = result("only b", Verdict.PASSED, "", "P.b");
        ImplementationVerdict iv = new ClauseGrader().grade(List.of(page(List.of(clause("P.a"), clause("P.b"), clause("P.c")))),
                CLEAN, IMPL, null, List.of(both, twice, onlyB));

        Map<String, ClauseVerdict> v = byId(iv);
        assertThat(v.get("P.a").scenarios()).containsExactly(both, twice);
        assertThat(v.get("P.b").scenarios()).containsExactly(both, onlyB);
        assertThat(v.get("P.c").scenarios()).containsExactly(twice);
        assertThat(v.get("P.a").reason()).isEqualTo("2 of 2 scenarios passed");
        assertThat(iv.clauses()).extracting(cv -> cv.clause().id().value()).containsExactly("P.a", "P.b", "P.c");
        assertThat(iv.conformance()).isEqualTo(Conformance.CONFORMS);
    }

    @Test
    void failed_comes_before_error_and_passed_and_gives_the_first_failure_as_reason() {
        ImplementationVerdict iv = new ClauseGrader().grade(List.of(page(List.of(clause("P.a")))), CLEAN, IMPL, null, List.of(
                result("ok", Verdict.PASSED, "", "P.a"), result("crash", Verdict.ERROR, "threw", "P.a"),
                result("bad", Verdict.FAILED, "the lock stayed held", "P.a"), result("worse", Verdict.FAILED, "later", "P.a")));
        ClauseVerdict cv = iv.clauses().get(0);
        assertThat(cv.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(cv.reason()).isEqualTo("the lock stayed held");
        assertThat(iv.conformance()).isEqualTo(Conformance.DOES_NOT_CONFORM);
    }

    @Test
    void untested_outdated_and_not_applicable_say_why() {
        Set<ClauseId> drifted = Set.of(new ClauseId("P.d"));
        ImplementationVerdict iv = new ClauseGrader().grade(
                List.of(page(List.of(clause("P.none"), clause("P.placeholder"), clause("P.d"), clause("P.na")))),
                new TraceReport(List.of(), Map.of(), drifted), IMPL, null, List.of(
                        result("todo", Verdict.UNTESTED, "", "P.placeholder"), result("changed", Verdict.PASSED, "", "P.d"),
                        result("needs dpr", Verdict.NOT_APPLICABLE, "needs capability dpr-variants", "P.na")));
        Map<String, ClauseVerdict> v = byId(iv);
        assertThat(v.get("P.none").verdict()).isEqualTo(Verdict.UNTESTED);
        assertThat(v.get("P.none").reason()).isEqualTo("no scenario checks this sentence");
        assertThat(v.get("P.placeholder").reason()).isEqualTo("only placeholder scenarios: still to be written");
        assertThat(v.get("P.d").verdict()).isEqualTo(Verdict.OUTDATED);
        assertThat(v.get("P.d").scenarios()).hasSize(1);
        assertThat(v.get("P.na").verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(v.get("P.na").reason()).isEqualTo("needs capability dpr-variants");
        assertThat(iv.conformance()).isEqualTo(Conformance.INCOMPLETE);
    }

    @Test
    void two_hundred_thousand_clauses_each_get_their_own_scenario() {
        List<Clause> clauses = new ArrayList<>();
        List<ScenarioResult> results = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            clauses.add(clause("P.c" + i));
            results.add(result("s" + i, i % 2 == 0 ? Verdict.PASSED : Verdict.NOT_APPLICABLE, "n/a", "P.c" + i));
        }
        ImplementationVerdict iv = new ClauseGrader().grade(List.of(page(clauses)), CLEAN, IMPL, null, results);
        assertThat(iv.counts().get(Verdict.PASSED)).isEqualTo(100_000);
        assertThat(iv.counts().get(Verdict.NOT_APPLICABLE)).isEqualTo(100_000);
        assertThat(iv.clauses().get(199_999).scenarios()).containsExactly(results.get(199_999));
    }
}
