package io.ddikit.report;

import io.ddikit.doc.DocPage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files are written whole, index.html last; an incomplete run says so. */
class ReportWritingTest {
    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void a_renderer_that_fails_leaves_no_index_and_no_temporary_file() throws IOException {
        new ReportWriter().write(dir, ReportFixtures.input());
        assertThat(dir.resolve("index.html")).exists();

        HtmlRenderer broken = new HtmlRenderer() {
            @Override
            void implementation(ReportModel.Implementation impl, ReportModel.Index run, Path file) throws IOException {
                if (impl.name().startsWith("Acme")) {
                    throw new IllegalStateException("renderer broke");
                }
                super.implementation(impl, run, file);
            }
        };
        assertThatThrownBy(() -> new ReportWriter(broken).write(dir, ReportFixtures.input()))
                .hasMessage("renderer broke");
        assertThat(dir.resolve("index.html")).doesNotExist();
        assertThat(files()).noneMatch(f -> f.endsWith(AtomicFiles.TMP_SUFFIX));
    }

    @Test
    void a_failure_while_writing_the_index_leaves_none() throws IOException {
        HtmlRenderer broken = new HtmlRenderer() {
            @Override
            void index(ReportModel.Index index, Path file) {
                throw new IllegalStateException("index broke");
            }
        };
        assertThatThrownBy(() -> new ReportWriter(broken).write(dir, ReportFixtures.input())).hasMessage("index broke");
        assertThat(dir.resolve("index.html")).doesNotExist();
        assertThat(dir.resolve("ndis-spin-lock.reference.html")).exists();
    }

    @Test
    void an_atomic_write_replaces_the_whole_file_and_leaves_no_temporary_file() throws IOException {
        Path f = dir.resolve("a/b.txt");
        AtomicFiles.write(f, "first, and longer");
        AtomicFiles.write(f, "second");
        assertThat(f).hasContent("second");
        assertThat(files()).containsExactly("a/b.txt");
    }

    @Test
    void an_incomplete_run_says_so_on_every_page() throws IOException {
        DocPage page = ReportFixtures.page();
        ReportInput input = ReportInput.of(List.of(page),
                List.of(ReportFixtures.conforming(page), ReportFixtures.hostile(page, false)), "0.1.0-test");
        new ReportWriter().write(dir, input);
        Document index = Jsoup.parse(dir.resolve("index.html").toFile(), "UTF-8");
        assertThat(index.title()).contains("INCOMPLETE RUN");
        assertThat(index.select(".incomplete-run").text()).startsWith("Incomplete run");
        Document hostile = Jsoup.parse(dir.resolve(ReportModelBuilder.implementationFile("ndis-spin-lock", ReportFixtures.HOSTILE_NAME)).toFile(), "UTF-8");
        assertThat(hostile.select("main > .incomplete-run")).hasSize(1);
        assertThat(Jsoup.parse(dir.resolve("ndis-spin-lock.reference.html").toFile(), "UTF-8").select(".incomplete-run")).isEmpty();
        assertThat(Files.readString(dir.resolve("conformance.json"))).contains("\"complete\" : false");
    }

    @Test
    void text_utf_8_cannot_hold_is_written_as_a_question_mark() throws IOException {
        DocPage page = ReportFixtures.page();
        ReportInput input = ReportInput.of(List.of(page), List.of(ReportFixtures.implementation(page, "lone", "1\uD800",
                List.of(), java.util.Map.of(ReportFixtures.MUST_ACQUIRE, io.ddikit.result.Verdict.FAILED),
                java.util.Map.of(ReportFixtures.MUST_ACQUIRE, "half a pair: \uDC00."), io.ddikit.grade.Conformance.DOES_NOT_CONFORM,
                true)), "0.1.0-test");
        new ReportWriter().write(dir, input);
        String html = Files.readString(dir.resolve("ndis-spin-lock.lone.html"));
        assertThat(html).contains("version 1?").contains("half a pair: ?.");
    }

    @Test
    void a_report_of_no_implementation_is_still_a_report() throws IOException {
        new ReportWriter().write(dir, ReportInput.of(List.of(ReportFixtures.page()), List.of(), "0.1.0-test"));
        Document index = Jsoup.parse(dir.resolve("index.html").toFile(), "UTF-8");
        assertThat(index.text()).contains("No implementation was run.");
    }

    @Test
    void an_artifact_path_must_stay_inside_the_report() {
        assertThatThrownBy(() -> new ReportInput.Artifact("x", "../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportInput.Artifact("x", "javascript:alert(1)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportInput.Artifact("x", "/abs/file")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ReportInput.Artifact("x", "acme/cucumber/index.html").path()).isEqualTo("acme/cucumber/index.html");
    }
}
