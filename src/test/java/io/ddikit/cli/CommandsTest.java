package io.ddikit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** check, scaffold and run as a user meets them: exit codes and one-line messages. */
class CommandsTest {
    private static final Path FEATURE = Path.of("features/ndis-spin-lock/nf-ndis-ndisreleasespinlock.feature");
    private static final String RESTORES = "NdisReleaseSpinLock restores the original IRQL at which its caller was running before the call to NdisAcquireSpinLock.";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = DdikitCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void check_passes_on_the_project() {
        assertThat(run("check")).as(out + "" + err).isZero();
        assertThat(out.toString()).contains("trace check passed");
    }

    @Test
    void check_fails_on_an_edited_rule_title_and_names_the_clause_with_old_and_new_text(@TempDir Path dir) throws IOException {
        String feature = Files.readString(FEATURE, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("x.feature"), feature.replace("Rule: " + RESTORES,
                "Rule: NdisReleaseSpinLock restores the IRQL."), StandardCharsets.UTF_8);

        assertThat(run("check", "--features", dir.toString())).isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(out.toString())
                .contains("drifted: clause NdisReleaseSpinLock.remarks.NdisReleaseSpinLock-restores-original-irql-which-caller")
                .contains("the Rule says \"NdisReleaseSpinLock restores the IRQL.\"")
                .contains("the page now says \"" + RESTORES + "\"");
    }

    @Test
    void a_page_edit_that_changes_a_clause_id_is_drift_and_the_run_marks_the_clause_outdated(@TempDir Path dir) throws IOException {
        String page = Files.readString(Path.of("docs-source/ndis/nf-ndis-ndisreleasespinlock.md"), StandardCharsets.UTF_8);
        Path edited = dir.resolve("nf-ndis-ndisreleasespinlock.md");
        Files.writeString(edited, page.replace("restores the original IRQL at which its caller",
                "restores the IRQL at which its caller"), StandardCharsets.UTF_8);
        String newId = "NdisReleaseSpinLock.remarks.NdisReleaseSpinLock-restores-irql-which-caller-running";

        // the page's own feature: the family's other pages are not read, so their features are left out
        assertThat(run("check", "--docs", edited.toString(), "--features", FEATURE.toString())).isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(out.toString())
                .contains("drifted: clause NdisReleaseSpinLock.remarks.NdisReleaseSpinLock-restores-original-irql-which-caller"
                        + " changed on the page")
                .contains("so much that it is now clause " + newId)
                .contains("the page now says \"NdisReleaseSpinLock restores the IRQL at which its caller was running")
                .doesNotContain("unknown clause", "uncovered");

        out.getBuffer().setLength(0);
        assertThat(run("run", "--docs", edited.toString(), "--features", FEATURE.toString(), "--impl", "reference", "--quiet", "--report",
                dir.resolve("r").toString())).isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(out.toString()).contains("outdated       " + newId).contains("reference 1.0 (ndis-spin-lock): INCOMPLETE");
    }

    @Test
    void check_fails_on_an_unknown_clause_tag_an_untied_scenario_and_an_uncovered_clause(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.feature"), String.join("\n",
                "Feature: f",
                "  Scenario: loose",
                "    Given a simulated machine with at least 2 processors",
                "  @clause:NdisReleaseSpinLock.remarks.no-such-sentence",
                "  Rule: Something the page never said.",
                "    Scenario: s",
                "      Given a simulated machine with at least 2 processors",
                ""), StandardCharsets.UTF_8);

        assertThat(run("check", "--features", dir.toString())).isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(out.toString())
                .contains("x.feature:5: unknown clause: Rule 'Something the page never said.' names clause 'NdisReleaseSpinLock.remarks.no-such-sentence'")
                .contains("x.feature:2: untied scenario: scenario 'loose' checks no clause")
                .contains("uncovered: caller-obligation clause NdisReleaseSpinLock.requirements.irql has no scenario");
    }

    @Test
    void scaffold_writes_a_skeleton_the_trace_check_accepts_but_reports_as_uncovered(@TempDir Path dir) {
        Path feature = dir.resolve("new.feature");
        assertThat(run("scaffold", "docs-source/ndis/nf-ndis-ndisreleasespinlock.md", "--output", feature.toString())).isZero();
        assertThat(err.toString()).contains("9 Rules, 8 placeholder scenarios");

        out.getBuffer().setLength(0);
        assertThat(run("check", "--features", feature.toString())).isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(out.toString()).doesNotContain("drifted", "unknown clause", "untied", "unreadable")
                .contains("uncovered: implementation-behaviour clause NdisReleaseSpinLock.remarks.NdisReleaseSpinLock-restores-original-irql-which-caller");
        assertThat(run("scaffold", "docs-source/ndis/nf-ndis-ndisreleasespinlock.md", "--output", feature.toString()))
                .isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(err.toString()).contains("exists already");
    }

    @Test
    void run_rejects_an_unknown_implementation_by_name() {
        assertThat(run("run", "--impl", "nope", "--report", "target/cli-test-report")).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(err.toString()).contains("no implementation named 'nope'; known: reference, ticket, verifier");
    }

    @Test
    void run_rejects_a_jar_that_is_not_a_jar(@TempDir Path dir) throws IOException {
        Path jar = Files.writeString(dir.resolve("impl.jar"), "not a zip");
        assertThat(run("run", "--classpath", jar.toString(), "--report", dir.resolve("r").toString())).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(err.toString()).contains("impl.jar: not a jar");
    }

    @Test
    void run_rejects_bad_processor_counts() {
        assertThat(run("run", "--processors", "65")).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(err.toString()).contains("--processors must be 1 to 64");
    }

    @Test
    void run_on_one_clause_prints_its_verdict_and_is_incomplete(@TempDir Path dir) {
        int code = run("run", "--impl", "ticket", "--clause",
                "NdisReleaseSpinLock.remarks.NdisReleaseSpinLock-restores-original-irql-which-caller",
                "--report", dir.toString(), "--quiet", "--seed", "5");
        String text = out.toString();
        assertThat(text).contains("passed         NdisReleaseSpinLock.remarks.NdisReleaseSpinLock-restores-original-irql-which-caller");
        // only one clause ran: the others are untested, so the verdict is incomplete, exit 1
        assertThat(text).contains("ticket 1.0 (ndis-spin-lock): INCOMPLETE");
        assertThat(code).isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(dir.resolve("index.html")).exists();
        assertThat(err.toString()).contains("seed 5 (replay with --seed 5)");
    }

    @Test
    void version_and_help_answer_with_exit_0_and_the_help_of_run_lists_its_limits_and_exit_codes() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString().strip()).startsWith("ddikit ");

        out.getBuffer().setLength(0);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: ddikit").contains("run").contains("selftest").contains("clauses");

        out.getBuffer().setLength(0);
        assertThat(run("run", "--help")).isZero();
        assertThat(out.toString()).contains("--scenario-timeout", "--run-timeout", "--max-heap", "--max-output", "--classpath")
                .contains("Exit 0 when every selected implementation conforms").contains("3 when an implementation crashed or hung");
    }

    @Test
    void a_bad_option_is_a_usage_error_with_one_line_and_a_hint() {
        assertThat(run("run", "--scenario-timeout", "0")).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(err.toString()).contains("ddikit run: --scenario-timeout and --run-timeout must be more than 0 seconds");

        err.getBuffer().setLength(0);
        assertThat(run("run", "--no-such-option")).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(err.toString()).contains("Unknown option: '--no-such-option'").contains("Try 'ddikit run --help'.");
    }

    @Test
    void a_run_shows_progress_scenarios_done_of_total_with_the_clause_and_verdict(@TempDir Path dir) throws IOException {
        String clause = "NdisReleaseSpinLock.remarks.spin-lock-acquired-NdisDprAcquireSpinLock-must-released";
        assertThat(run("run", "--impl", "reference", "--clause", clause, "--seed", "3", "--report", dir.toString()))
                .as(out + "" + err).isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(err.toString()).contains("[reference] 3 scenarios, in its own process")
                .contains("[reference 1/3] passed         " + clause + ": ")
                .contains("[reference 3/3] ");
        // --impl reference is one implementation of each family: Cucumber's reports of the first are written while the
        // second runs, and both are there, linked from the index, when the run has returned
        org.jsoup.nodes.Document index = org.jsoup.Jsoup.parse(dir.resolve("index.html").toFile(), "UTF-8");
        for (String family : java.util.List.of("ndis-spin-lock", "ke-spin-lock")) {
            Path cucumber = dir.resolve(family + "/reference/cucumber");
            assertThat(cucumber.resolve("index.html")).isNotEmptyFile();
            assertThat(cucumber.resolve("junit.xml")).isNotEmptyFile();
            assertThat(cucumber.resolve("messages.ndjson")).isNotEmptyFile();
            assertThat(index.select("a[href=" + family + "/reference/cucumber/index.html]")).hasSize(1);
        }
        // and the workers' private folders are gone
        try (java.util.stream.Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(tmp.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("ddikit-worker-" + ProcessHandle.current().pid() + "-"));
        }
    }

    @Test
    void the_kits_own_implementations_are_listed_in_the_kits_process() throws Exception {
        try (io.ddikit.isolate.IsolatedRunner runner = new io.ddikit.isolate.IsolatedRunner(io.ddikit.isolate.Sandbox.none(),
                io.ddikit.isolate.ResourceBounds.none())) {
            Path logs = Files.createTempDirectory("ddikit-list-");
            io.ddikit.isolate.IsolatedRunner.Outcome o = runner.list(java.util.List.of(), io.ddikit.isolate.IsolatedRunner.Limits.DEFAULT, logs);
            assertThat(o.problem()).isNull();
            assertThat(o.kitError()).isNull();
            assertThat(o.listed()).extracting(l -> l.family() + "/" + l.name())
                    .contains("ndis-spin-lock/reference", "ndis-spin-lock/ticket", "ndis-spin-lock/verifier",
                            "ke-spin-lock/reference", "ke-spin-lock/queued", "ke-spin-lock/verifier");
            assertThat(o.listed()).noneMatch(io.ddikit.isolate.Event.Listed::given);
        }
    }
}
