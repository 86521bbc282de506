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
        String index = Files.readString(dir.resolve("index.html"));
        assertThat(index).contains("Findings about the documentation").contains("data-kind=\"uncovered rule\"");
        // the verdicts come first; the header counts the findings and links to them
        org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(index);
        assertThat(doc.select("a.findings-link").text()).isEqualTo("3 findings about the documentation");
        assertThat(doc.select("a.findings-link").attr("href")).isEqualTo("#findings");
        assertThat(index.indexOf("id=\"findings\"")).isGreaterThan(index.lastIndexOf("class=\"family\""));
        assertThat(Files.readString(dir.resolve("conformance.json"))).contains("\"kind\" : \"unsatisfied\"")
                .contains("\"subject\" : \"SpinLockDpr\"");
    }

    @Test
    void a_revision_that_changes_what_a_sentence_obliges_or_adds_one_is_a_finding_and_a_rewording_is_not() {
        DocPage page = ReportFixtures.page();
        java.util.List<io.ddikit.doc.Clause> revised = new java.util.ArrayList<>();
        for (io.ddikit.doc.Clause c : page.clauses()) {
            String text = switch (c.id().value()) {
                // the same obligation in other words: not a finding
                case ReportFixtures.MUST_ACQUIRE -> "A driver must call NdisAcquireSpinLock to acquire the spin lock before it calls NdisReleaseSpinLock.";
                // must becomes should: a finding
                case ReportFixtures.RECIPROCAL -> c.text().replace("requires", "should have");
                default -> c.text();
            };
            String id = text.equals(c.text()) ? c.id().value() : c.id().value() + "-2024";
            revised.add(ReportFixtures.clause(id, c.section(), c.kind(), text, 1));
        }
        revised.add(ReportFixtures.clause(ReportFixtures.API + ".remarks.new-rule", "remarks", io.ddikit.doc.ClauseKind.CALLER_OBLIGATION,
                "Callers must never hold the lock across a page fault.", 90));
        DocPage other = new DocPage("2024/ndis/nf-ndis-ndisreleasespinlock.md", page.uid(), page.api(), page.title(), "fp-2024",
                page.metadata(), page.sections(), page.syntax(), page.parameters(), page.requirements(), page.seeAlso(), revised, List.of());

        List<Findings.Finding> f = Findings.revisions(List.of(page), List.of(other), "2024");
        assertThat(f).extracting(Findings.Finding::subject).containsExactlyInAnyOrder(ReportFixtures.RECIPROCAL,
                ReportFixtures.API + ".remarks.new-rule");
        assertThat(f.get(0).evidence()).contains("should have a reciprocal call").contains("now should");
        assertThat(f.get(1).evidence()).isEqualTo("2024 (2024/ndis/nf-ndis-ndisreleasespinlock.md) adds \"Callers must never hold the lock across a page fault.\"");
        assertThat(Findings.revisions(List.of(page), List.of(page), "same")).isEmpty();
    }
}
