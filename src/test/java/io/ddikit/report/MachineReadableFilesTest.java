package io.ddikit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddikit.doc.Clause;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** conformance.json and junit.xml, read back as a script or a CI server would. */
class MachineReadableFilesTest {
    @TempDir
    Path dir;
    ReportInput input;

    @BeforeEach
    void write() throws Exception {
        input = ReportFixtures.input();
        new ReportWriter().write(dir, input);
    }

    @Test
    void conformance_json_gives_exactly_one_verdict_per_clause_per_implementation_and_counts_that_match() throws Exception {
        JsonNode root = new ObjectMapper().readTree(dir.resolve("conformance.json").toFile());
        assertThat(root.at("/kit/version").asText()).isEqualTo("0.1.0-test");
        assertThat(root.at("/pages/0/uid").asText()).isEqualTo("NF:ndis.NdisReleaseSpinLock");
        assertThat(root.at("/pages/0/fingerprint").asText()).isEqualTo("page-fp-1");
        List<String> pageClauses = input.pages().get(0).clauses().stream().map(c -> c.id().value()).toList();
        assertThat(root.get("implementations")).hasSize(3);
        for (JsonNode impl : root.get("implementations")) {
            List<String> ids = new ArrayList<>();
            Map<String, Integer> counted = new HashMap<>();
            for (JsonNode c : impl.get("clauses")) {
                ids.add(c.get("id").asText());
                assertThat(Verdict.fromLabel(c.get("verdict").asText())).isNotNull();
                counted.merge(c.get("verdict").asText(), 1, Integer::sum);
                assertThat(c.get("page").asText()).isEqualTo("NF:ndis.NdisReleaseSpinLock");
                assertThat(c.has("text") && c.has("kind") && c.has("reason") && c.has("scenarios")).isTrue();
            }
            assertThat(ids).containsExactlyElementsOf(pageClauses);
            for (Verdict v : Verdict.values()) {
                assertThat(impl.at("/counts").get(v.label()).asInt()).as("count of %s", v)
                        .isEqualTo(counted.getOrDefault(v.label(), 0));
            }
            JsonNode env = impl.get("environment");
            assertThat(env.get("processors").asInt()).isEqualTo(4);
            assertThat(env.get("seed").asLong()).isEqualTo(42L);
            assertThat(env.get("started").asText()).isEqualTo("2025-01-02T03:04:05Z");
            assertThat(env.get("complete").asBoolean()).isTrue();
        }
        JsonNode acme = root.get("implementations").get(1);
        assertThat(acme.get("name").asText()).isEqualTo("Acme NDIS 2.0");
        assertThat(acme.get("conformance").asText()).isEqualTo("does not conform");
        JsonNode failed = acme.get("clauses").get(1);
        assertThat(failed.get("verdict").asText()).isEqualTo("failed");
        JsonNode scenario = failed.get("scenarios").get(0);
        assertThat(scenario.get("feature").asText()).isEqualTo("features/ndis/release.feature");
        assertThat(scenario.get("line").asInt()).isEqualTo(18);
        assertThat(scenario.get("failingStep").asText()).isEqualTo("Then the lock is free");
        assertThat(scenario.get("trace").asText()).contains("cpu0");
        assertThat(acme.get("clauses").get(2).at("/scenarios/0/errorSource").asText()).isEqualTo("implementation");
    }

    @Test
    void junit_xml_has_a_suite_per_implementation_and_a_case_per_clause() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("junit.xml").toFile());
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(3);
        for (int i = 0; i < suites.getLength(); i++) {
            Element suite = (Element) suites.item(i);
            ImplementationVerdict iv = input.implementations().get(i);
            Map<Verdict, Integer> counts = iv.counts();
            assertThat(suite.getAttribute("name")).isEqualTo(iv.implementation().name());
            assertThat(suite.getAttribute("tests")).isEqualTo(Integer.toString(iv.clauses().size()));
            assertThat(suite.getAttribute("failures")).isEqualTo(counts.get(Verdict.FAILED).toString());
            assertThat(suite.getAttribute("errors")).isEqualTo(counts.get(Verdict.ERROR).toString());
            int skipped = counts.get(Verdict.NOT_APPLICABLE) + counts.get(Verdict.UNTESTED) + counts.get(Verdict.OUTDATED);
            assertThat(suite.getAttribute("skipped")).isEqualTo(Integer.toString(skipped));
            NodeList cases = suite.getElementsByTagName("testcase");
            assertThat(cases.getLength()).isEqualTo(iv.clauses().size());
            assertThat(suite.getElementsByTagName("failure").getLength()).isEqualTo(counts.get(Verdict.FAILED));
            assertThat(suite.getElementsByTagName("error").getLength()).isEqualTo(counts.get(Verdict.ERROR));
            assertThat(suite.getElementsByTagName("skipped").getLength()).isEqualTo(skipped);
        }
        Element acme = (Element) suites.item(1);
        List<String> skippedMessages = new ArrayList<>();
        NodeList skipped = acme.getElementsByTagName("skipped");
        for (int i = 0; i < skipped.getLength(); i++) {
            skippedMessages.add(((Element) skipped.item(i)).getAttribute("message"));
        }
        assertThat(skippedMessages).anyMatch(m -> m.startsWith("not applicable: "))
                .anyMatch(m -> m.startsWith("untested: ")).anyMatch(m -> m.startsWith("outdated: "));
        Element hostileFailure = (Element) ((Element) suites.item(2)).getElementsByTagName("failure").item(0);
        assertThat(hostileFailure.getAttribute("message")).isEqualTo(ReportFixtures.HOSTILE_MESSAGE);
    }

    @Test
    void junit_xml_replaces_characters_xml_cannot_hold() {
        assertThat(JUnitXmlWriter.clean("a\u0000b\u001b[31mc\uD800")).isEqualTo("a\uFFFDb\uFFFD[31mc\uFFFD");
    }

    @Test
    void every_clause_of_the_page_is_in_the_json_even_without_scenarios() throws Exception {
        JsonNode root = new ObjectMapper().readTree(dir.resolve("conformance.json").toFile());
        JsonNode reference = root.get("implementations").get(0);
        for (Clause c : input.pages().get(0).clauses()) {
            assertThat(reference.get("clauses").findValuesAsText("id")).contains(c.id().value());
        }
        assertThat(reference.at("/clauses/4/verdict").asText()).isEqualTo("untested");
        assertThat(reference.at("/clauses/4/scenarios")).isEmpty();
    }
}
