package io.ddikit.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddikit.cli.ExitCodes;
import io.ddikit.cli.Main;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The catalogue of hostile input: pages and features handed to the kit by mistake or on purpose, each
 * through every command that reads it ({@code clauses}, {@code check}, {@code run}), with the exact outcome.
 *
 * <p>The rule: bad input gets a clear one-line error naming the file (and the line when known), exit 2
 * (usage or input error), never a stack trace, never a hang, and no half-written report (the report
 * folder is either not written at all or complete). Tests of {@code run} look only at the exit code,
 * stderr and the written files, so they hold however the runner is wired.
 */
class HostileInputsTest {
    private static final Path SEED = Path.of("docs-source/ndis/nf-ndis-ndisreleasespinlock.md");
    private static final Path FEATURE = Path.of("features/ndis-spin-lock/nf-ndis-ndisreleasespinlock.feature");
    private static final String RESTORES = "NdisReleaseSpinLock.remarks.NdisReleaseSpinLock-restores-original-irql-which-caller";
    private static final String RESTORES_TEXT = "NdisReleaseSpinLock restores the original IRQL at which its caller was running"
            + " before the call to NdisAcquireSpinLock.";
    /** Bound on any one command here: a hang fails the test instead of stopping the build. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Result ddikit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = assertTimeoutPreemptively(HANG_GUARD,
                () -> Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args), () -> "ddikit " + String.join(" ", args));
        return new Result(exit, out.toString(), err.toString());
    }

    // ---------------------------------------------------------------- pages

    @Test
    void empty_page() throws IOException {
        Path page = Files.write(tmp.resolve("empty.md"), new byte[0]);
        assertRefusedByEveryCommand(page, page + ": error: empty page");
    }

    @Test
    void page_of_random_bytes() throws IOException {
        byte[] bytes = new byte[64 * 1024];
        new Random(42).nextBytes(bytes);
        Path page = Files.write(tmp.resolve("random.md"), bytes);
        assertRefusedByEveryCommand(page, page + ": error: not a text page (binary content)");
    }

    @Test
    void png_given_as_a_page() throws IOException {
        Path page = tmp.resolve("diagram.png");
        assertThat(ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "png", page.toFile())).isTrue();
        assertRefusedByEveryCommand(page, page + ": error: not a text page (binary content)");
    }

    @Test
    void page_of_50_mb_is_refused_before_it_is_read() throws IOException {
        Path page = tmp.resolve("huge.md");
        byte[] paragraph = ("A driver must call NdisAcquireSpinLock before it calls <b>NdisReleaseSpinLock</b>, every time.\n"
                + "    The IRQL is restored.\n\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream o = Files.newOutputStream(page)) {
            o.write(Files.readAllBytes(SEED));
            for (long n = 0; n < 50L << 20; n += paragraph.length) {
                o.write(paragraph);
            }
        }
        long size = Files.size(page);
        assertThat(size).isGreaterThan(50L << 20);
        assertRefusedByEveryCommand(page, page + ": error: page too large: " + String.format(Locale.ROOT, "%,d", size)
                + " bytes, more than the limit of 4,194,304 (--max-page-bytes)");
    }

    @Test
    void max_page_bytes_is_an_option_of_every_command_that_reads_pages() {
        assertRefusedByEveryCommand(SEED, SEED + ": error: page too large: 4,947 bytes, more than the limit of 1,000 (--max-page-bytes)",
                "--max-page-bytes", "1000");
        Result r = ddikit("check", "--max-page-bytes", "0");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.errLines()).first().isEqualTo("ddikit: --max-page-bytes must be 1 to 2147483631");
    }

    @Test
    void front_matter_that_is_not_yaml_names_its_line() throws IOException {
        Path page = Files.writeString(tmp.resolve("badyaml.md"), "---\nUID: NF:ndis.NdisExample\ntitle: [unclosed, list\n"
                + "req.irql: PASSIVE_LEVEL\n---\n\n## -remarks\n\nA driver must do it.\n");
        assertRefusedByEveryCommand(page, line -> assertThat(line)
                .startsWith(page + ":").contains(": error: front matter is not readable: ")
                .matches(".*badyaml\\.md:[3-5]: error: .*"));
    }

    @Test
    void front_matter_without_its_closing_dashes() throws IOException {
        Path page = Files.writeString(tmp.resolve("open.md"), "---\nUID: NF:ndis.NdisExample\n\n## -remarks\n\nA driver must do it.\n");
        assertRefusedByEveryCommand(page, page + ":1: error: front matter is not closed (no second '---' line)");
    }

    @Test
    void front_matter_lists_nested_100_000_deep_are_refused_at_once_naming_the_line() throws IOException {
        // The YAML parser would take most of a minute over them (quadratic in the depth).
        Path page = Files.writeString(tmp.resolve("deepyaml.md"), "---\nUID: NF:ndis.NdisExample\ntitle: "
                + "[".repeat(100_000) + "a" + "]".repeat(100_000) + "\n---\n\n## -remarks\n\nA driver must do it.\n");
        assertRefusedByEveryCommand(page, page + ":3: error: front matter is not readable: lists or maps nested more than 64 levels deep");
    }

    @Test
    void blockquotes_nested_100_000_deep_are_refused_naming_the_line() throws IOException {
        Path page = Files.writeString(tmp.resolve("quotes.md"), seedWithRemarks(">".repeat(100_000) + " A driver must quote.\n"));
        int line = lineOf(page, ">>>>");
        assertRefusedByEveryCommand(page, page + ":" + line
                + ": error: markup nested more than 64 levels deep (quotes, lists, emphasis or links inside one another)");
    }

    @Test
    void emphasis_nested_100_000_deep_is_refused_naming_the_line() throws IOException {
        Path page = Files.writeString(tmp.resolve("emphasis.md"),
                seedWithRemarks("*a ".repeat(100_000) + "b" + " c*".repeat(100_000) + "\n"));
        assertRefusedByEveryCommand(page, page + ":" + lineOf(page, "*a *a")
                + ": error: markup nested more than 64 levels deep (quotes, lists, emphasis or links inside one another)");
    }

    @Test
    void a_line_of_2_000_000_dashes_is_refused_when_it_exhausts_the_readers_stack() throws IOException {
        // The Markdown parser matches such a line (a thematic break?) with a regular expression that recurses once per
        // character; the reader's 64 MB stack takes a few hundred thousand (fewer before the JIT has compiled the parser).
        Path page = Files.writeString(tmp.resolve("dashes.md"), seedWithRemarks("-".repeat(2_000_000) + "\n"));
        assertRefusedByEveryCommand(page,
                page + ": error: markup too deeply nested or too long on one line for the reader (stack exhausted)");
    }

    @Test
    void markup_too_costly_to_parse_stops_at_the_page_timeout() throws IOException {
        // One paragraph with 100,000 closing tags: the Markdown parser copies the rest of the paragraph for each (quadratic).
        Path page = Files.writeString(tmp.resolve("tags.md"), seedWithRemarks("A driver " + "</b>".repeat(100_000) + " must.\n"));
        long start = System.nanoTime();
        assertRefusedByEveryCommand(page,
                page + ": error: reading stopped after 1 s: the page's markup is too costly to parse (--page-timeout)",
                "--page-timeout", "1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("three commands, each stopping after 1 s").isLessThan(HANG_GUARD);
    }

    @Test
    void html_nested_100_000_deep_in_the_body_is_read_as_one_block() throws IOException {
        Path page = Files.writeString(tmp.resolve("nf-ndis-ndisreleasespinlock.md"),
                seedWithRemarks("<div>".repeat(100_000) + "This text is deep inside." + "</div>".repeat(100_000) + "\n"));

        Result clauses = ddikit("clauses", page.toString());
        assertThat(clauses.exit()).as(clauses.err()).isZero();
        assertThat(clauses.err()).isEmpty();
        assertThat(clauses.out()).contains("This text is deep inside.").contains(RESTORES);

        // the page's own feature: the family's other pages are not read, so their features are left out
        Result check = ddikit("check", "--docs", page.toString(), "--features", FEATURE.toString());
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("trace check passed");

        Path report = tmp.resolve("report");
        Result run = ddikit("run", "--docs", page.toString(), "--features", FEATURE.toString(), "--impl", "reference", "--clause",
                RESTORES, "--quiet", "--seed", "1", "--report", report.toString());
        assertNoStackTrace(run);
        assertThat(run.exit()).as("one clause run, the others untested: incomplete\n" + run.err()).isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(run.out()).contains("passed         " + RESTORES);
        assertReportComplete(report);
        assertThat(Files.readString(report.resolve("ndis-spin-lock.reference.html"))).contains("This text is deep inside.");
    }

    @Test
    void script_in_the_page_and_its_front_matter_never_reaches_a_report_as_markup() throws IOException {
        String seed = Files.readString(SEED);
        String hostile = seed
                .replace("title : NdisReleaseSpinLock macro", "title : NdisReleaseSpinLock <script>alert('title')</script>"
                        + "<img src=x onerror=alert('title')> macro")
                .replace("description : The NdisReleaseSpinLock function", "description : <script>alert('summary')</script>"
                        + "<a href=\"javascript:alert('summary')\" onclick=\"alert('summary')\">click</a>"
                        + "<img src=\"x\" onerror=\"alert('summary')\"> The NdisReleaseSpinLock function")
                // no heading and no description section: the title and the summary then come from the front matter
                .replaceFirst("(?s)# NdisReleaseSpinLock function\n.*?(?=## Syntax)", "")
                .replace("## Remarks\n", "## Remarks\n\n<script>alert('remarks')</script>\n\n"
                        + "<img src=x onerror=\"alert('remarks')\">\n\n"
                        + "See <a href=\"javascript:alert('remarks')\">this</a>, [that](javascript:alert('remarks')),"
                        + " <a href=\"JaVaScRiPt:alert('remarks')\" onclick=\"alert('remarks')\">more</a> and"
                        + " <a href=\" javascript&#58;alert('remarks')\">still more</a>.\n\n"
                        + "<svg onload=alert('remarks')></svg><iframe src=\"javascript:alert('remarks')\"></iframe>\n\n"
                        + "<p onmouseover=\"alert('remarks')\">A driver must never run <b onclick=\"alert('remarks')\">scripts</b>.</p>\n\n");
        assertThat(hostile).doesNotContain("# NdisReleaseSpinLock function").contains("<script>alert('remarks')");
        Path page = Files.writeString(tmp.resolve("nf-ndis-ndisreleasespinlock.md"), hostile);
        int scriptLine = lineOf(page, "<script>alert('remarks')");

        Result clauses = ddikit("clauses", page.toString(), "--format", "json");
        assertThat(clauses.exit()).as(clauses.err()).isZero();
        assertThat(clauses.errLines()).containsExactly(page + ":" + scriptLine + ": warning: script element removed",
                page + ":" + lineOf(page, "<iframe") + ": warning: iframe element removed");
        assertThat(clauses.out()).contains("A driver must never run scripts.").doesNotContain("alert('remarks')");

        Result check = ddikit("check", "--docs", page.toString());
        assertThat(check.exit()).isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(check.out()).contains("names clause 'NdisReleaseSpinLock.description.NdisReleaseSpinLock-function-releases-spin-lock-acquired'");

        Path report = tmp.resolve("report");
        Result run = ddikit("run", "--docs", page.toString(), "--impl", "reference", "--clause", RESTORES, "--quiet", "--seed", "1",
                "--report", report.toString());
        assertNoStackTrace(run);
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(run.errLines()).contains(page + ":" + scriptLine + ": warning: script element removed");
        assertReportComplete(report);
        List<Path> html;
        try (Stream<Path> s = Files.list(report)) {
            html = s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        assertThat(html).extracting(p -> p.getFileName().toString()).containsExactly("index.html", "ndis-spin-lock.reference.html");
        for (Path file : html) {
            assertNoActiveContent(file);
        }
        // What the page says is still shown, as text: the title's markup escaped, the summary's link without its target.
        Document implementationPage = Jsoup.parse(report.resolve("ndis-spin-lock.reference.html").toFile(), "UTF-8");
        assertThat(implementationPage.select("h2").eachText())
                .contains("NdisReleaseSpinLock <script>alert('title')</script><img src=x onerror=alert('title')> macro");
        assertThat(implementationPage.select("p.summary").text()).isEqualTo("click The NdisReleaseSpinLock function releases a spin lock"
                + " that was acquired in a preceding call to the NdisAcquireSpinLock function.");
        assertThat(implementationPage.text()).contains("A driver must never run scripts.", "See this, that, more and still more.");
    }

    @Test
    void page_that_is_a_directory() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("nf-ndis-ndisexample.md"));
        assertRefusedByEveryCommand(dir, dir + ": error: no pages (*.md) under this folder");
    }

    @Test
    void page_that_does_not_exist() {
        Path page = tmp.resolve("nowhere.md");
        assertRefusedByEveryCommand(page, page + ": error: no such file or folder");
    }

    @Test
    void page_without_read_permission() throws IOException {
        Path page = Files.copy(SEED, tmp.resolve("secret.md"));
        Files.setPosixFilePermissions(page, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(page), "running as root: every file is readable");
        assertRefusedByEveryCommand(page, page + ": error: cannot read: permission denied");
    }

    @Test
    void named_pipe_is_not_read_so_nothing_waits_for_a_writer() throws Exception {
        Path pipe = tmp.resolve("pipe.md");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).redirectErrorStream(true).start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");
        assertRefusedByEveryCommand(pipe, pipe + ": error: not a regular file");
    }

    // ---------------------------------------------------------------- features

    @Test
    void gherkin_syntax_error_names_the_file_and_line() throws IOException {
        Path features = Files.createDirectories(tmp.resolve("features"));
        Path feature = Files.writeString(features.resolve("bad.feature"),
                "Feature: f\n  Scenario: s\n    Given a simulated machine with at least 2 processors\nFeature: a second feature\n");
        String expected = feature + ":4: error: Gherkin syntax error: expected: ";

        Result check = ddikit("check", "--features", features.toString());
        assertThat(check.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(check.out()).isEmpty();
        assertThat(check.errLines()).singleElement().asString().startsWith("ddikit check: " + expected)
                .endsWith("got 'Feature: a second feature'");
        assertNoStackTrace(check);

        Path report = tmp.resolve("report");
        Result run = ddikit("run", "--features", features.toString(), "--impl", "reference", "--report", report.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.errLines()).singleElement().asString().startsWith("ddikit run: " + expected);
        assertNoStackTrace(run);
        assertThat(report).doesNotExist();
    }

    @Test
    void undefined_step_is_an_error_of_the_kit_naming_the_step() throws IOException {
        Path features = Files.createDirectories(tmp.resolve("features"));
        Path feature = Files.writeString(features.resolve("undefined.feature"), String.join("\n",
                "@family:ndis-spin-lock",
                "Feature: a step nobody wrote",
                "  @clause:" + RESTORES,
                "  Rule: " + RESTORES_TEXT,
                "",
                "    Scenario: juggling",
                "      Given a simulated machine with at least 2 processors",
                "      When processor 0 juggles three flaming spin locks",
                "      Then nothing else happens",
                ""));

        // The trace check looks at tags and titles, not at steps: the file is in order for it.
        Path withProject = Files.createDirectories(tmp.resolve("all"));
        Files.copy(FEATURE, withProject.resolve("project.feature"));
        Files.copy(feature, withProject.resolve("undefined.feature"));
        // the release page's feature only: the family's other pages are left out, or they would be uncovered
        Result check = ddikit("check", "--docs", SEED.toString(), "--features", withProject.toString());
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("trace check passed");

        Path report = tmp.resolve("report");
        Result run = ddikit("run", "--features", features.toString(), "--impl", "reference", "--quiet", "--seed", "1",
                "--report", report.toString());
        assertNoStackTrace(run);
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.KIT_ERROR);
        assertThat(run.out()).contains("error          " + RESTORES)
                .contains("kit error: no step definition matches 'processor 0 juggles three flaming spin locks'");
        assertReportComplete(report);
        JsonNode scenario = clause(report, RESTORES).get("scenarios").get(0);
        assertThat(scenario.get("verdict").asText()).isEqualTo("error");
        assertThat(scenario.get("errorSource").asText()).isEqualTo("kit");
        assertThat(scenario.get("message").asText()).contains("no step definition matches 'processor 0 juggles three flaming spin locks'");
        assertThat(scenario.get("failingLine").asInt()).isEqualTo(8);
        assertThat(scenario.get("feature").asText()).endsWith("undefined.feature");
    }

    @Test
    void unknown_clause_tag_is_a_check_problem_and_a_run_warning() throws IOException {
        Path features = Files.createDirectories(tmp.resolve("features"));
        Path feature = Files.writeString(features.resolve("unknown.feature"), String.join("\n",
                "@family:ndis-spin-lock",
                "Feature: a tag naming no clause",
                "  @clause:" + RESTORES,
                "  Rule: " + RESTORES_TEXT,
                "",
                "    Scenario: a lock taken and given back",
                "      Given a simulated machine with at least 2 processors",
                "      And spin lock \"A\" allocated by processor 0 at PASSIVE_LEVEL",
                "      When processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock \"A\"",
                "      And processor 0 calls NdisReleaseSpinLock on lock \"A\"",
                "",
                "  @clause:NdisReleaseSpinLock.remarks.no-such-sentence",
                "  Rule: Something the page never said.",
                "",
                "    Scenario: tied to nothing the page says",
                "      Given a simulated machine with at least 2 processors",
                ""));
        String problem = feature + ":13: unknown clause: Rule 'Something the page never said.' names clause"
                + " 'NdisReleaseSpinLock.remarks.no-such-sentence', which no page has";

        Result check = ddikit("check", "--features", features.toString());
        assertThat(check.exit()).isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(check.out().lines()).contains(problem);
        assertThat(check.err()).isEmpty();

        Path report = tmp.resolve("report");
        Result run = ddikit("run", "--features", features.toString(), "--impl", "reference", "--clause", RESTORES, "--quiet",
                "--seed", "1", "--report", report.toString());
        assertNoStackTrace(run);
        assertThat(run.errLines()).contains("warning: " + problem);
        assertThat(run.exit()).as("one clause passed, the others untested: incomplete").isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(run.out()).contains("passed         " + RESTORES);
        assertReportComplete(report);
    }

    // ---------------------------------------------------------------- helpers

    /** The seed page with {@code block} as the first block of its Remarks. */
    private static String seedWithRemarks(String block) throws IOException {
        return Files.readString(SEED).replace("## Remarks\n", "## Remarks\n\n" + block + "\n");
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in " + file);
    }

    private void assertRefusedByEveryCommand(Path page, String expectedLine, String... options) {
        assertRefusedByEveryCommand(page, line -> assertThat(line).isEqualTo(expectedLine), options);
    }

    /**
     * {@code clauses} prints one error line and still prints the pages it could read; {@code check} and {@code run}
     * print the same line and stop, exit 2; {@code run} writes no report.
     */
    private void assertRefusedByEveryCommand(Path page, java.util.function.Consumer<String> errorLine, String... options) {
        // With no options, a good page is given as well: it is still read and printed.
        List<String> args = new ArrayList<>(List.of("clauses", page.toString()));
        if (options.length == 0) {
            args.add("docs-source");
        }
        args.addAll(List.of(options));
        Result clauses = ddikit(args.toArray(String[]::new));
        assertThat(clauses.exit()).as("clauses: " + clauses.err()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertNoStackTrace(clauses);
        assertThat(clauses.errLines()).singleElement().satisfies(errorLine::accept);
        if (options.length == 0) {
            assertThat(clauses.out()).as("the good page is still read").contains(RESTORES);
        }

        args = new ArrayList<>(List.of("check", "--docs", page.toString()));
        args.addAll(List.of(options));
        Result check = ddikit(args.toArray(String[]::new));
        assertThat(check.exit()).as("check: " + check.err()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(check.out()).isEmpty();
        assertThat(check.errLines()).hasSize(2);
        assertThat(check.errLines().get(0)).satisfies(errorLine::accept);
        assertThat(check.errLines().get(1)).isEqualTo("ddikit check: some pages could not be read (see above)");
        assertNoStackTrace(check);

        Path report = tmp.resolve("report-" + page.getFileName());
        args = new ArrayList<>(List.of("run", "--docs", page.toString(), "--impl", "reference", "--clause", RESTORES,
                "--report", report.toString()));
        args.addAll(List.of(options));
        Result run = ddikit(args.toArray(String[]::new));
        assertThat(run.exit()).as("run: " + run.err()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(2);
        assertThat(run.errLines().get(0)).satisfies(errorLine::accept);
        assertThat(run.errLines().get(1)).isEqualTo("ddikit run: some pages could not be read (see above)");
        assertNoStackTrace(run);
        assertThat(report).as("no report for a run that never started").doesNotExist();
    }

    private static void assertNoStackTrace(Result r) {
        assertThat(r.err()).doesNotContain("Exception", "\tat ", "StackOverflowError", "OutOfMemoryError", "internal error");
        assertThat(r.errLines()).noneMatch(l -> l.matches("\\s+at [\\w.$]+\\(.*"));
        assertThat(r.out()).doesNotContain("Exception", "\tat ");
    }

    /** A report written whole: the index last, every implementation's run ended, no temporary file left. */
    private static void assertReportComplete(Path report) throws IOException {
        assertThat(report.resolve("index.html")).isRegularFile();
        assertThat(report.resolve("conformance.json")).isRegularFile();
        assertThat(report.resolve("junit.xml")).isRegularFile();
        JsonNode json = new ObjectMapper().readTree(report.resolve("conformance.json").toFile());
        assertThat(json.get("implementations")).isNotEmpty();
        for (JsonNode impl : json.get("implementations")) {
            assertThat(impl.get("environment").get("complete").asBoolean()).as(impl.get("name").asText()).isTrue();
        }
        assertThat(Files.readString(report.resolve("index.html"))).doesNotContain("Incomplete run");
        try (Stream<Path> all = Files.walk(report)) {
            assertThat(all.map(Path::toString)).noneMatch(p -> p.endsWith(".tmp"));
        }
    }

    private static JsonNode clause(Path report, String id) throws IOException {
        JsonNode json = new ObjectMapper().readTree(report.resolve("conformance.json").toFile());
        for (JsonNode c : json.get("implementations").get(0).get("clauses")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError(id + " is not in the report");
    }

    /** No script element, no event handler attribute, no script URL in any attribute. */
    private static void assertNoActiveContent(Path file) throws IOException {
        Document doc = Jsoup.parse(file.toFile(), "UTF-8");
        assertThat(doc.select("script, iframe, object, embed, frame, applet")).as(file + ": active elements").isEmpty();
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey().toLowerCase(Locale.ROOT)).as(file + ": attribute of <" + e.tagName() + ">").doesNotStartWith("on");
                String value = a.getValue().toLowerCase(Locale.ROOT).replaceAll("[\\s\\x00-\\x1f]", "");
                assertThat(value).as(file + ": " + a.getKey() + " of <" + e.tagName() + ">")
                        .doesNotStartWith("javascript:").doesNotStartWith("vbscript:").doesNotStartWith("data:");
            }
        }
    }
}
