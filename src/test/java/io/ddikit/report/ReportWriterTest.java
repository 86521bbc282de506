package io.ddikit.report;

import io.ddikit.doc.Clause;
import io.ddikit.grade.ClauseVerdict;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.Verdict;
import io.ddikit.doc.DocPage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML report's structure, read back with jsoup. */
class ReportWriterTest {
    @TempDir
    Path dir;
    ReportInput input;

    @BeforeEach
    void write() throws IOException {
        input = ReportFixtures.input();
        // the runner's Cucumber output exists for one implementation only
        Path cucumber = dir.resolve("ndis-spin-lock/reference/cucumber");
        Files.createDirectories(cucumber);
        Files.writeString(cucumber.resolve("index.html"), "<!DOCTYPE html><title>cucumber</title>");
        new ReportWriter().write(dir, input);
    }

    private Document parse(String file) throws IOException {
        return Jsoup.parse(dir.resolve(file).toFile(), "UTF-8");
    }

    private List<String> htmlFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".html")).sorted().toList();
        }
    }

    @Test
    void writes_an_index_a_page_per_implementation_and_the_machine_readable_files() throws IOException {
        assertThat(dir.resolve("index.html")).isRegularFile();
        assertThat(dir.resolve("conformance.json")).isRegularFile();
        assertThat(dir.resolve("junit.xml")).isRegularFile();
        for (ImplementationVerdict iv : input.implementations()) {
            assertThat(dir.resolve(ReportWriter.page(iv.implementation().family(), iv.implementation().name()))).isRegularFile();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.map(Path::toString)).noneMatch(n -> n.endsWith(AtomicFiles.TMP_SUFFIX));
        }
    }

    @Test
    void every_clause_is_one_sentence_marked_with_its_verdict_on_each_implementation_page() throws IOException {
        for (ImplementationVerdict iv : input.implementations()) {
            Document doc = parse(ReportModelBuilder.implementationFile("ndis-spin-lock", iv.implementation().name()));
            for (ClauseVerdict cv : iv.clauses()) {
                String id = cv.clause().id().value();
                List<Element> spans = doc.select("span.clause").stream()
                        .filter(e -> e.attr("data-clause").equals(id)).toList();
                assertThat(spans).as("sentences of %s for %s", id, iv.implementation().name()).hasSize(1);
                Element span = spans.get(0);
                assertThat(span.id()).isEqualTo("clause-" + id);
                assertThat(span.classNames()).contains("verdict-" + cv.verdict().slug());
                assertThat(span.select(".badge").text()).isEqualTo(cv.verdict().label());
                assertThat(span.selectFirst("a").attr("href")).isEqualTo("#results-" + id);
                Element results = doc.getElementById("results-" + id);
                assertThat(results).as("results of %s", id).isNotNull();
                assertThat(results.classNames()).contains("verdict-" + cv.verdict().slug());
                assertThat(results.selectFirst("a.back").attr("href")).isEqualTo("#clause-" + id);
            }
        }
    }

    @Test
    void a_paragraph_with_two_clauses_keeps_its_text_and_marks_both() throws IOException {
        Document doc = parse("ndis-spin-lock.reference.html");
        Element p = doc.getElementById("clause-" + ReportFixtures.MUST_ACQUIRE).parent();
        assertThat(p.tagName()).isEqualTo("p");
        assertThat(p.select("span.clause")).hasSize(2);
        assertThat(p.text()).contains("A driver must call NdisAcquireSpinLock to acquire the spin lock before it can call NdisReleaseSpinLock.")
                .contains("requires a reciprocal call");
    }

    @Test
    void a_clause_in_no_block_is_shown_among_the_requirement_clauses() throws IOException {
        Element irql = parse("ndis-spin-lock.reference.html").getElementById("clause-" + ReportFixtures.IRQL);
        assertThat(irql.text()).startsWith("IRQL: DISPATCH_LEVEL");
        assertThat(irql.closest(".extra-clauses").selectFirst("h4").text()).isEqualTo("Requirement clauses");
    }

    @Test
    void the_page_is_rendered_with_syntax_parameters_code_notes_lists_requirements_rules_and_see_also() throws IOException {
        Document doc = parse("ndis-spin-lock.reference.html");
        assertThat(doc.select("pre.syntax").text()).contains("VOID NdisReleaseSpinLock(");
        assertThat(doc.select("pre.syntax")).hasSize(1);
        assertThat(doc.select("table.parameters td").eachText()).contains("SpinLock", "PNDIS_SPIN_LOCK", "in");
        assertThat(doc.select("pre.code").text()).contains("NdisAcquireSpinLock(&lock);");
        assertThat(doc.select(".note").text()).contains("PASSIVE_LEVEL");
        assertThat(doc.select("[data-section=remarks] ul li")).hasSize(2);
        assertThat(doc.select("table.requirements th").eachText()).contains("IRQL", "DDI compliance rules");
        assertThat(doc.select(".rules code").eachText()).contains("SpinLock", "SpinlockRelease", "Irql_Synch_Function");
        List<String> seeAlsoLinks = doc.select(".see-also a").eachAttr("href");
        assertThat(seeAlsoLinks).containsExactly(
                "https://docs.microsoft.com/en-us/windows-hardware/drivers/network/synchronization-and-notification-in-network-drivers");
        assertThat(doc.select(".see-also").text()).contains("NdisAcquireSpinLock", "../ndis/nf-ndis-ndisacquirespinlock.md", "Click me");
        // the page has a description section whose sentence is marked; the front matter's summary is not repeated
        assertThat(doc.select(".summary")).isEmpty();
        assertThat(doc.select("[data-section=description] .clause")).isNotEmpty();
        // the prototype is shown once, not again as the section's code block
        assertThat(doc.select("[data-section=syntax] pre")).hasSize(1);
    }

    @Test
    void a_misuse_scenario_names_the_ddi_rule_its_message_cites() throws IOException {
        Document doc = parse(ReportModelBuilder.implementationFile("ndis-spin-lock", "Acme NDIS 2.0"));
        Element results = doc.getElementById("results-" + ReportFixtures.MUST_ACQUIRE);
        assertThat(results.select(".scenario .rules code").eachText()).containsExactly("SpinlockRelease");
    }

    @Test
    void an_error_says_whether_the_implementation_or_the_kit_broke() throws IOException {
        Document doc = parse(ReportModelBuilder.implementationFile("ndis-spin-lock", "Acme NDIS 2.0"));
        Element results = doc.getElementById("results-" + ReportFixtures.RECIPROCAL);
        assertThat(results.select(".scenario").text()).contains("caused by the implementation");
        assertThat(results.select("pre.message").text()).contains("IllegalStateException");
        assertThat(results.select("details pre.trace").text()).contains("cpu1: probe <busy>");
        assertThat(results.select(".scenario code").eachText()).contains("features/ndis/release.feature:26");
    }

    @Test
    void the_banner_counts_equal_the_clause_verdicts() throws IOException {
        for (ImplementationVerdict iv : input.implementations()) {
            Document doc = parse(ReportModelBuilder.implementationFile("ndis-spin-lock", iv.implementation().name()));
            Element banner = doc.getElementById("banner");
            assertThat(banner.selectFirst(".conformance").text()).isEqualTo(iv.conformance().label());
            for (Verdict v : Verdict.values()) {
                long expected = iv.clauses().stream().filter(c -> c.verdict() == v).count();
                Element li = banner.selectFirst(".counts li[data-verdict=" + v.label() + "]");
                assertThat(li).as("count of %s", v).isNotNull();
                assertThat(li.selectFirst(".n").text()).as("count of %s for %s", v, iv.implementation().name())
                        .isEqualTo(Long.toString(expected));
            }
        }
    }

    @Test
    void not_applicable_and_untested_are_shown_as_such() throws IOException {
        Document doc = parse(ReportModelBuilder.implementationFile("ndis-spin-lock", "Acme NDIS 2.0"));
        assertThat(doc.getElementById("clause-" + ReportFixtures.RESTORES).select(".badge").text()).isEqualTo("not applicable");
        assertThat(doc.getElementById("clause-" + ReportFixtures.IRQL).select(".badge").text()).isEqualTo("untested");
        assertThat(doc.getElementById("banner").selectFirst(".counts li[data-verdict=passed] .n").text()).isEqualTo("1");
    }

    @Test
    void the_index_has_a_matrix_cell_per_clause_and_implementation_linking_to_its_evidence() throws IOException {
        Document index = parse("index.html");
        List<Clause> clauses = input.pages().get(0).clauses();
        assertThat(index.select("table.matrix tbody tr")).hasSize(clauses.size());
        for (Clause c : clauses) {
            Element row = index.selectFirst("table.matrix tr[data-clause=" + c.id().value() + "]");
            assertThat(row.select("td.cell")).hasSize(input.implementations().size());
            for (int i = 0; i < input.implementations().size(); i++) {
                ImplementationVerdict iv = input.implementations().get(i);
                Element a = row.select("td.cell a").get(i);
                Verdict expected = iv.clauses().stream().filter(cv -> cv.clause().id().equals(c.id())).findFirst().orElseThrow().verdict();
                assertThat(a.text()).isEqualTo(expected.label());
                assertThat(a.attr("href")).isEqualTo(ReportWriter.page(iv.implementation().family(), iv.implementation().name()) + "#results-" + c.id().value());
            }
        }
        assertThat(index.select("svg rect.sq")).hasSize(clauses.size() * input.implementations().size());
        assertThat(index.select("svg a rect title")).hasSize(clauses.size() * input.implementations().size());
    }

    @Test
    void every_internal_link_resolves() throws IOException {
        for (String file : htmlFiles()) {
            Document doc = parse(file);
            for (Element a : doc.select("a[href]")) {
                String href = a.attr("href");
                if (href.startsWith("http://") || href.startsWith("https://")) {
                    continue;
                }
                URI uri = URI.create(href);
                String target = uri.getPath() == null || uri.getPath().isEmpty() ? file : uri.getPath();
                assertThat(dir.resolve(target)).as("target of %s in %s", href, file).exists();
                if (uri.getFragment() != null) {
                    Document t = target.equals(file) ? doc : parse(target);
                    assertThat(t.getElementById(uri.getFragment())).as("anchor of %s in %s", href, file).isNotNull();
                }
            }
        }
    }

    @Test
    void links_to_cucumber_outputs_are_given_only_where_the_runner_wrote_them() throws IOException {
        Document index = parse("index.html");
        assertThat(index.select("a[href=ndis-spin-lock/reference/cucumber/index.html]")).hasSize(1);
        assertThat(index.select("a[href$=cucumber/messages.ndjson]")).isEmpty();
        assertThat(index.select("td.artifacts div[title]").eachAttr("title")).contains("Cucumber messages (ndjson): not written");
    }

    @Test
    void the_footer_says_the_kits_pages_are_script_free_and_cucumbers_report_is_not_evidence() throws IOException {
        for (String file : htmlFiles()) {
            Element footer = parse(file).selectFirst("footer");
            assertThat(footer).as(file).isNotNull();
            assertThat(footer.selectFirst(".script-free").text()).as(file).isEqualTo("The kit's own pages, index.html and one"
                    + " <family>.<impl>.html per implementation of a family, hold no script and fetch nothing: they work offline, from file://."
                    + " They and conformance.json, written by the kit's own process from what each implementation's worker"
                    + " sent it, are the evidence.");
            assertThat(footer.selectFirst(".not-the-kits").text()).as(file).isEqualTo("Cucumber's own report under"
                    + " <family>/<impl>/cucumber/ is not the kit's: it is Cucumber's, its HTML page contains JavaScript, and"
                    + " the kit writes it from the Cucumber messages of the implementation's worker, which ran beside the code under"
                    + " test: it shows the run as the worker told it, so it is not evidence.");
            assertThat(footer.text()).as(file).doesNotContain("no scripts,");
        }
    }

    @Test
    void the_link_to_cucumbers_report_is_marked_as_cucumbers_with_javascript_and_not_evidence() throws IOException {
        Document page = parse("ndis-spin-lock.reference.html");
        Element cucumber = page.selectFirst("p.not-evidence");
        assertThat(cucumber.text()).startsWith("Cucumber's own outputs, made from the messages of the implementation's worker and so not evidence:")
                .contains("Cucumber HTML report (Cucumber's page, contains JavaScript)")
                .contains("Cucumber messages (ndjson) (not written)");
        assertThat(cucumber.select("a").eachAttr("href")).containsExactly("ndis-spin-lock/reference/cucumber/index.html");
        assertThat(page.select("a[href=conformance.json]").first().parent().text()).isEqualTo("The kit's files: conformance.json · junit.xml");
        Element row = parse("index.html").selectFirst("table.implementations tr[data-implementation=reference]");
        assertThat(row.selectFirst("td.artifacts").text()).startsWith("Cucumber HTML report (Cucumber's page, contains JavaScript)");
        assertThat(parse("index.html").select("table.implementations th").last().text())
                .isEqualTo("Cucumber's own outputs made from the worker's messages: not evidence");
    }

    @Test
    void nothing_active_reaches_the_html() throws IOException {
        for (String file : htmlFiles()) {
            Document doc = parse(file);
            assertThat(doc.select("script, iframe, object, embed, img")).as(file).isEmpty();
            List<String> offences = new ArrayList<>();
            for (Element e : doc.getAllElements()) {
                for (Attribute a : e.attributes()) {
                    if (a.getKey().toLowerCase(Locale.ROOT).startsWith("on")
                            || a.getValue().toLowerCase(Locale.ROOT).contains("javascript:")) {
                        offences.add(e.tagName() + " " + a);
                    }
                }
            }
            assertThat(offences).as(file).isEmpty();
        }
    }

    @Test
    void vendor_and_page_strings_appear_as_text() throws IOException {
        String hostileFile = ReportModelBuilder.implementationFile("ndis-spin-lock", ReportFixtures.HOSTILE_NAME);
        Document doc = parse(hostileFile);
        assertThat(doc.title()).contains(ReportFixtures.HOSTILE_NAME);
        assertThat(doc.selectFirst("h1").text()).isEqualTo("Conformance of " + ReportFixtures.HOSTILE_NAME);
        assertThat(doc.getElementById("banner").text()).contains(ReportFixtures.HOSTILE_VERSION, "\"onload=alert(6)");
        assertThat(doc.getElementById("results-" + ReportFixtures.MUST_ACQUIRE).select("pre.message").text())
                .isEqualTo(ReportFixtures.HOSTILE_MESSAGE);
        assertThat(doc.getElementById("clause-" + ReportFixtures.MORE_INFO).text()).contains(ReportFixtures.HOSTILE_PAGE_TEXT);
        String raw = Files.readString(dir.resolve(hostileFile), StandardCharsets.UTF_8);
        assertThat(raw).doesNotContain("<script").doesNotContain("<img").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(parse("index.html").select("table.implementations a").eachText()).contains(ReportFixtures.HOSTILE_NAME);
        assertThat(hostileFile).matches("[a-z0-9-]+\\.[a-z0-9-]+\\.html");
    }

    @Test
    void a_complete_run_does_not_say_incomplete() throws IOException {
        assertThat(parse("index.html").select(".incomplete-run")).isEmpty();
        assertThat(parse("ndis-spin-lock.reference.html").select(".incomplete-run")).isEmpty();
    }

    @Test
    void the_index_counts_the_pages_of_the_families_it_shows_only(@TempDir Path other) throws IOException {
        DocPage p = ReportFixtures.page();
        // a page of a family no implementation of the run implements: read, but not shown, and not counted
        DocPage unshown = new DocPage("docs-source/wdm/nf-wdm-keinitializespinlock.md", "NF:wdm.KeInitializeSpinLock",
                "KeInitializeSpinLock", "KeInitializeSpinLock function", "fp", java.util.Map.of(), List.of(),
                java.util.Optional.empty(), List.of(), java.util.Map.of(), List.of(),
                List.of(ReportFixtures.clause("KeInitializeSpinLock.description.x", "description",
                        io.ddikit.doc.ClauseKind.INFORMATIVE, "The KeInitializeSpinLock routine initializes a spin lock.", 20)),
                List.of());
        new ReportWriter().write(other, ReportInput.of(List.of(p, unshown), List.of(ReportFixtures.conforming(p)), "0.1.0-test"));
        Document index = Jsoup.parse(other.resolve("index.html").toFile(), "UTF-8");
        assertThat(index.select(".page-count").text()).isEqualTo("1");
        assertThat(parse("index.html").select(".page-count").text()).isEqualTo(String.valueOf(input.pages().size()));
    }
}
