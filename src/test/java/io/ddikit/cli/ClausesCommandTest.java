package io.ddikit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ddikit clauses} end to end: output, stderr lines and exit codes, good and bad input. Hostile pages
 * through every command (empty, binary, unreadable front matter, missing, …) are in {@code io.ddikit.hostile.HostileInputsTest}.
 */
class ClausesCommandTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = DdikitCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @TempDir
    Path tmp;

    static final String GOOD = "---\nUID: NF:ndis.NdisExampleGood\n---\n\n## -remarks\n\nA driver must be good.\n";

    @Test
    void json_for_the_seed_folder() throws Exception {
        Run r = run("clauses", "docs-source/ndis/nf-ndis-ndisreleasespinlock.md", "--format", "json");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode page = root.get("pages").get(0);
        assertThat(page.get("file").asText()).isEqualTo("docs-source/ndis/nf-ndis-ndisreleasespinlock.md");
        assertThat(page.get("uid").asText()).isEqualTo("NF:ndis.NdisReleaseSpinLock");
        assertThat(page.get("api").asText()).isEqualTo("NdisReleaseSpinLock");
        assertThat(page.get("metadata").get("req.irql").asText()).isEqualTo("DISPATCH_LEVEL");
        assertThat(page.get("metadata").get("req.ddi-compliance")).hasSize(6);
        JsonNode first = page.get("clauses").get(1);
        assertThat(first.get("section").asText()).isEqualTo("remarks");
        assertThat(first.get("kind").asText()).isEqualTo("caller-obligation");
        assertThat(first.get("lines").toString()).isEqualTo("[68,71]");
        assertThat(first.get("references").toString()).isEqualTo("[\"NdisAllocateSpinLock\"]");
        assertThat(first.get("fingerprint").asText()).startsWith("sha256:");
        assertThat(root.get("errors")).isEmpty();
        assertThat(page.get("sections")).isNotEmpty();
        assertThat(page.get("syntax").get("name").asText()).isEqualTo("NdisReleaseSpinLock");
    }

    @Test
    void text_is_one_line_per_clause() {
        Run r = run("clauses", "docs-source/ndis/nf-ndis-ndisreleasespinlock.md");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("  NdisReleaseSpinLock.")).count()).isEqualTo(9);
        assertThat(r.out()).contains("caller-obligation", "68-71", "A driver must initialize its spin lock");
    }

    private Run badFile(String name, byte[] content) throws Exception {
        Path f = tmp.resolve(name);
        Files.write(f, content);
        return run("clauses", f.toString(), "docs-source");
    }

    private static void assertOneErrorLine(Run r, String fileEnd, String message) {
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err().lines().toList()).singleElement().satisfies(l -> {
            assertThat(l).contains(fileEnd).contains("error: " + message);
        });
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        assertThat(r.out()).contains("NdisReleaseSpinLock");
    }

    @Test
    void invalid_utf8_is_binary() throws Exception {
        assertOneErrorLine(badFile("latin1.md", "---\ntitle: caf\u00e9\n---\n".getBytes(StandardCharsets.ISO_8859_1)), "latin1.md", "not a text page (binary content)");
    }

    @Test
    void tables_of_contents_and_overview_pages_are_skipped_with_one_summary_line() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tree/sub"));
        Files.writeString(dir.resolve("TOC.md"), "# [Sub technology](../_sub/index.md)\n## [sub.h](index.md)\n"
                + "### [NdisExampleGood function](nf-sub-ndisexamplegood.md)\n\n  - plain entry\n");
        Files.writeString(dir.resolve("index.md"), "---\nUID: NA:sub\ntitle: sub.h header\n---\n\n# sub.h header\n\n"
                + "This header is used by the sub technology.\n");
        Files.writeString(dir.resolve("landing.md"), "---\nUID: TOPIC:landing\nms.topic: portal\n---\n\nThe landing page.\n");
        Files.writeString(dir.resolve("nf-sub-ndisexamplegood.md"), GOOD);
        Run r = run("clauses", tmp.resolve("tree").toString(), "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err().lines().toList()).singleElement().satisfies(l -> assertThat(l)
                .isEqualTo("ddikit clauses: skipped 3 files that are not reference pages: 1 table of contents, 2 overview pages"
                        + " (first: " + dir.resolve("TOC.md").toString().replace('\\', '/') + ")"));
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("pages")).hasSize(1);
        assertThat(root.get("skipped")).hasSize(3);
        assertThat(root.get("skipped").get(0).get("what").asText()).isEqualTo("table of contents");
    }

    @Test
    void ndjson_is_one_page_per_line_in_input_order_however_many_threads_read_them() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("many"));
        for (int i = 0; i < 60; i++) {
            // pages of very different sizes, so that threads finish out of order
            String extra = "The driver must wait.\n\n".repeat(i % 7 == 0 ? 400 : 1);
            Files.writeString(dir.resolve(String.format("p%02d.md", i)), "---\nUID: NF:ndis.NdisExample" + i
                    + "\n---\n\n## -remarks\n\n" + extra);
        }
        Run r = run("clauses", dir.toString(), "--format", "ndjson");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(60);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 60; i++) {
            JsonNode page = json.readTree(lines.get(i));
            assertThat(page.get("uid").asText()).isEqualTo("NF:ndis.NdisExample" + i);
            assertThat(page.get("clauses").size()).isEqualTo(i % 7 == 0 ? 400 : 1);
        }
    }

    @Test
    void no_front_matter() throws Exception {
        Run r = badFile("plain.md", "# NdisExample function\nThe function does things.\n".getBytes(StandardCharsets.UTF_8));
        assertOneErrorLine(r, "plain.md:1", "no front matter (a page starts with a '---' block)");
    }

    @Test
    void page_without_remarks_is_a_warning_and_exit_zero() throws Exception {
        Path f = tmp.resolve("noremarks.md");
        Files.writeString(f, "---\nUID: NF:ndis.NdisExampleQuiet\n---\n\n## -description\n\nThe NdisExampleQuiet function does nothing.\n");
        Run r = run("clauses", f.toString(), "--format", "json");
        assertThat(r.exit()).isZero();
        assertThat(r.err().strip()).endsWith("noremarks.md: warning: no Remarks section");
        assertThat(r.out()).contains("The NdisExampleQuiet function does nothing.");
    }

    @Test
    void a_warning_many_pages_share_is_listed_for_the_first_few_then_counted() throws Exception {
        Path folder = tmp.resolve("quiet");
        Files.createDirectories(folder);
        int pages = WarningPrinter.SHOWN + 3;
        for (int i = 0; i < pages; i++) {
            Files.writeString(folder.resolve("p" + i + ".md"), "---\nUID: NF:ndis.NdisExampleQuiet" + i
                    + "\n---\n\n## -description\n\nThe NdisExampleQuiet" + i + " function does nothing.\n");
        }
        Run r = run("clauses", folder.toString(), "--format", "ndjson");
        assertThat(r.exit()).isZero();
        List<String> lines = r.err().strip().lines().toList();
        assertThat(lines).hasSize(WarningPrinter.SHOWN + 1);
        assertThat(lines.subList(0, WarningPrinter.SHOWN)).allMatch(l -> l.endsWith(".md: warning: no Remarks section"));
        assertThat(lines.get(0)).contains("p0.md");
        assertThat(lines.get(WarningPrinter.SHOWN)).isEqualTo("ddikit clauses: warning: 3 more pages: no Remarks section"
                + " (ddikit clauses --format json lists every page's warnings)");
        // every page still carries its own warning in the output
        assertThat(r.out().lines()).hasSize(pages).allMatch(l -> l.contains("\"message\":\"no Remarks section\""));
    }

    @Test
    void scripts_and_handlers_are_never_echoed_as_markup() throws Exception {
        Path f = tmp.resolve("hostile.md");
        Files.writeString(f, "---\nUID: NF:ndis.NdisExampleSafe\n---\n\n## -remarks\n\n"
                + "A driver must call <b onmouseover=\"alert(1)\">NdisExampleSafe</b> once.<script>alert(2)</script>\n\n"
                + "<script>\nalert(3)\n</script>\n\n"
                + "The page shows &lt;script&gt;alert(4)&lt;/script&gt; as text.\n");
        for (String format : new String[] {"json", "text"}) {
            Run r = run("clauses", f.toString(), "--format", format);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("A driver must call NdisExampleSafe once.")
                    .doesNotContain("<script", "<b", "onmouseover", "alert(1)", "alert(2)", "alert(3)");
            assertThat(r.err()).contains("warning: script element removed");
        }
    }

    @Test
    void good_files_are_printed_even_when_others_fail() throws Exception {
        Path good = tmp.resolve("good.md");
        Files.writeString(good, GOOD);
        Path bad = tmp.resolve("bad.md");
        Files.writeString(bad, "");
        Run r = run("clauses", good.toString(), bad.toString(), "--format", "json");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("pages")).hasSize(1);
        assertThat(root.get("errors")).hasSize(1);
        assertThat(root.get("errors").get(0).get("message").asText()).isEqualTo("empty page");
    }

    @Test
    void no_path_is_a_usage_error() {
        Run r = run("clauses");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
    }
}
