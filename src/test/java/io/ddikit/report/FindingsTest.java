package io.ddikit.report;

import io.ddikit.campaign.Campaign;
import io.ddikit.campaign.Findings;
import io.ddikit.doc.DocPage;
import io.ddikit.grade.Conformance;
import io.ddikit.result.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Findings about the documentation, from the run's evidence, in the report and conformance.json. */
class FindingsTest {

    @Test
    void a_clause_every_implementation_fails_a_rule_nothing_checks_and_a_clause_nobody_can_run_are_findings(@TempDir Path dir)
            throws Exception {
        DocPage page = ReportFixtures.page();
        var a = ReportFixtures.implementation(page, "a", "1", List.of(), Map.of(ReportFixtures.RESTORES, Verdict.FAILED,
                ReportFixtures.IRQL, Verdict.NOT_APPLICABLE), Map.of(ReportFixtures.RESTORES, "left IRQL at PASSIVE_LEVEL"),
                Conformance.DOES_NOT_CONFORM, true);
        var b = ReportFixtures.implementation(page, "b", "1", List.of(), Map.of(ReportFixtures.RESTORES, Verdict.FAILED,
                ReportFixtures.IRQL, Verdict.NOT_APPLICABLE, ReportFixtures.MUST_ACQUIRE, Verdict.FAILED),
                Map.of(ReportFixtures.RESTORES, "left IRQL at PASSIVE_LEVEL"), Conformance.DOES_NOT_CONFORM, true);
        // the features check every rule of the page but SpinLockDpr; a's and b's messages cite none
        String features = "Then the implementation reports a SpinLockBalanced violation\nSpinlockRelease Irql_Synch_Function "
                + "SpinLockDprRelease SpinLock\n";
        Findings f = Findings.of(List.of(page), List.of(a, b), features);

        assertThat(f.findings()).extracting(Findings.Finding::kind, Findings.Finding::subject).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Findings.UNSATISFIED, ReportFixtures.RESTORES),
                org.assertj.core.groups.Tuple.tuple(Findings.CAPABILITY, ReportFixtures.IRQL),
                org.assertj.core.groups.Tuple.tuple(Findings.UNCOVERED_RULE, "SpinLockDpr"));
        assertThat(f.findings().stream().filter(x -> x.kind().equals(Findings.UNSATISFIED)).findFirst().orElseThrow().evidence())
                .isEqualTo("failed in every implementation of the run (a, b): left IRQL at PASSIVE_LEVEL");

        // one implementation failing a clause is that implementation's fault, not the page's
        assertThat(Findings.of(List.of(page), List.of(a), features).findings()).extracting(Findings.Finding::kind)
                .doesNotContain(Findings.UNSATISFIED);

        new ReportWriter().write(dir, ReportInput.of(List.of(page), List.of(a, b), "0.1.0-test").with(new Campaign(null, null, null, f)));
        assertThat(Files.readString(dir.resolve("index.html"))).contains("Findings about the documentation")
                .contains("data-kind=\"uncovered rule\"");
        assertThat(Files.readString(dir.resolve("conformance.json"))).contains("\"kind\" : \"unsatisfied\"")
                .contains("\"subject\" : \"SpinLockDpr\"");
    }
}
