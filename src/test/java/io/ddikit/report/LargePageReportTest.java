package io.ddikit.report;

import io.ddikit.doc.Clause;
import io.ddikit.doc.DocPage;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.Verdict;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages a hostile user could hand the kit: read, graded and reported as {@code ddikit run} does, on a thread with
 * the JVM's ordinary stack. The report is written whole, with every sentence marked. (How long it takes is
 * {@code io.ddikit.bench.ReportBenchmark}'s business, not a test's.)
 */
class LargePageReportTest {
    @TempDir
    Path dir;

    @Test
    void a_sentence_of_5_000_words_is_marked_on_the_page() throws Exception {
        String text = LargePages.oneLongSentence(5_000);
        assertThat(text.length()).isBetween(30_000, 40_000);
        DocPage page = LargePages.read(dir, "nf-ndis-ndisreleasespinlock.md", text);
        Clause longest = page.clauses().stream().filter(c -> c.text().startsWith("A driver must hold w0 w1 ")).findFirst().orElseThrow();
        assertThat(longest.text()).endsWith(" w4999 before it calls NdisReleaseSpinLock.");

        Path index = LargePages.report(dir.resolve("report"), page, LargePages.graded(page));

        assertThat(index).isRegularFile();
        Document doc = Jsoup.parse(dir.resolve("report/ndis-spin-lock.reference.html").toFile(), "UTF-8");
        Element sentence = doc.getElementById("clause-" + longest.id().value());
        assertThat(sentence).as("the long sentence, marked").isNotNull();
        assertThat(sentence.closest("[data-section=remarks] p")).as("marked where the page has it, in the Remarks").isNotNull();
        assertThat(sentence.selectFirst("a").text()).isEqualTo(longest.text());
        assertThat(doc.getElementById("results-" + longest.id().value())).isNotNull();
        assertThat(doc.select(".extra-clauses [data-clause=" + longest.id().value() + "]")).as("not shown apart").isEmpty();
    }

    @Test
    void a_page_of_150_000_sentences_is_reported_with_every_sentence_marked() throws Exception {
        String text = LargePages.manySentences(150_000);
        assertThat(text.length()).isBetween(3_000_000, 4_000_000);
        DocPage page = LargePages.read(dir, "nf-ndis-ndisreleasespinlock.md", text);
        assertThat(page.clauses()).hasSizeGreaterThan(150_000);
        ImplementationVerdict verdict = LargePages.graded(page);
        assertThat(verdict.counts().get(Verdict.FAILED)).isEqualTo((page.clauses().size() + LargePages.TESTED_EVERY - 1)
                / LargePages.TESTED_EVERY / 2);

        Path index = LargePages.report(dir.resolve("report"), page, verdict);

        assertThat(index).isRegularFile();
        String html = Files.readString(dir.resolve("report/ndis-spin-lock.reference.html"), StandardCharsets.UTF_8);
        assertThat(occurrences(html, "<span class=\"clause ")).as("sentences marked").isEqualTo(page.clauses().size());
        assertThat(occurrences(html, "class=\"extra-clauses\"")).as("clauses shown apart: only the IRQL requirement").isEqualTo(1);
        List<Clause> clauses = page.clauses();
        for (Clause c : List.of(clauses.get(0), clauses.get(clauses.size() / 2), clauses.get(clauses.size() - 2))) {
            assertThat(html).contains("id=\"clause-" + c.id().value() + "\"", "id=\"results-" + c.id().value() + "\"");
        }
        assertThat(html).contains("Lock 149999 is held.").contains("DDI rule: <code>SpinLockBalanced</code>");
        String matrix = Files.readString(index, StandardCharsets.UTF_8);
        assertThat(occurrences(matrix, "<tr data-clause=")).isEqualTo(page.clauses().size());
    }

    private static int occurrences(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
