package io.ddikit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ddikit.doc.Clause;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.read.PageReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ddikit report} on what runs stored: the suite run whole once and in two shards, then reports rebuilt and
 * merged from their folders, including the folder of a run that was killed part way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportCommandTest {
    private static final String PAGE_FILE = "docs-source/ndis/nf-ndis-ndisreleasespinlock.md";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path full;
    private Path shardA;
    private Path shardB;
    private String pageFingerprint;

    private record Ran(int code, String out, String err) {
    }

    private static Ran ddikit(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = DdikitCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(Stream.of(args).map(String::valueOf).toArray(String[]::new));
        return new Ran(code, out.toString(), err.toString());
    }

    @BeforeAll
    void run_the_suite_whole_and_in_two_shards_that_partition_the_clauses(@TempDir Path runs) {
        List<DocPage> pages = PageReader.read(List.of(Path.of("docs-source/ndis"))).pages();
        DocPage page = pages.stream().filter(p -> p.file().endsWith("nf-ndis-ndisreleasespinlock.md")).findFirst().orElseThrow();
        pageFingerprint = page.fingerprint();
        List<Object> a = new ArrayList<>(List.of("run", "--family", "ndis-spin-lock", "--impl", "reference", "--quiet", "--seed", 7, "--report", runs.resolve("a")));
        List<Object> b = new ArrayList<>(List.of("run", "--family", "ndis-spin-lock", "--impl", "reference", "--quiet", "--seed", 8, "--report", runs.resolve("b")));
        // the shards partition every clause of the family's pages
        List<Clause> clauses = pages.stream().flatMap(p -> p.clauses().stream()).toList();
        for (int i = 0; i < clauses.size(); i++) {
            (i % 2 == 0 ? a : b).addAll(List.of("--clause", clauses.get(i).id().value()));
        }
        full = runs.resolve("full");
        Ran whole = ddikit("run", "--family", "ndis-spin-lock", "--impl", "reference", "--quiet", "--seed", 7, "--report", full);
        assertThat(whole.code()).as(whole.err()).isZero();
        Ran first = ddikit(a.toArray());
        Ran second = ddikit(b.toArray());
        assertThat(first.code()).as("a shard alone leaves clauses untested: " + first.err()).isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(second.code()).as(second.err()).isEqualTo(ExitCodes.NOT_CONFORMING);
        shardA = runs.resolve("a");
        shardB = runs.resolve("b");
    }

    // ------------------------------------------------------------------ merging shards

    @Test
    void shards_that_partition_the_clauses_merge_into_the_verdicts_of_one_whole_run(@TempDir Path tmp) throws IOException {
        Path merged = tmp.resolve("merged");
        Ran r = ddikit("report", "--merge", shardA, shardB, "--report", merged);

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("reference 1.0 (ndis-spin-lock): CONFORMS").contains("report: " + merged.resolve("index.html"));
        JsonNode mergedImpl = implementation(merged);
        JsonNode fullImpl = implementation(full);
        assertThat(mergedImpl.get("conformance").asText()).isEqualTo(fullImpl.get("conformance").asText()).isEqualTo("conforms");
        assertThat(clauseVerdicts(mergedImpl)).isEqualTo(clauseVerdicts(fullImpl));
        assertThat(mergedImpl.get("counts")).isEqualTo(fullImpl.get("counts"));
        assertThat(scenarioLocations(mergedImpl)).isEqualTo(scenarioLocations(fullImpl));

        JsonNode env = mergedImpl.get("environment");
        assertThat(env.get("complete").asBoolean()).isTrue();
        assertThat(env.get("shards")).hasSize(2);
        assertThat(env.at("/shards/0/source").asText()).isEqualTo(shardA.resolve("ndis-spin-lock/reference").toString());
        assertThat(env.at("/shards/0/seed").asLong()).isEqualTo(7);
        assertThat(env.at("/shards/1/source").asText()).isEqualTo(shardB.resolve("ndis-spin-lock/reference").toString());
        assertThat(env.at("/shards/1/seed").asLong()).isEqualTo(8);
        assertThat(env.at("/shards/0/host").isTextual()).isTrue();
        String page = Files.readString(merged.resolve("ndis-spin-lock.reference.html"), StandardCharsets.UTF_8);
        assertThat(page).contains("Merged from 2 runs", shardA.resolve("ndis-spin-lock/reference").toString(), shardB.resolve("ndis-spin-lock/reference").toString())
                .contains("Cucumber HTML report (shard-1)", "Cucumber HTML report (shard-2)");
        assertThat(merged.resolve("ndis-spin-lock/reference/shard-1/cucumber/index.html")).isRegularFile();
        assertThat(merged.resolve("ndis-spin-lock/reference/shard-2/cucumber/index.html")).isRegularFile();

        // the merged results are kept beside the report: it can be rebuilt, and merged again
        Ran rebuilt = ddikit("report", "--from", merged);
        assertThat(rebuilt.code()).as(rebuilt.err()).isEqualTo(ExitCodes.OK);
        assertThat(clauseVerdicts(implementation(merged))).isEqualTo(clauseVerdicts(fullImpl));
        assertThat(implementation(merged).at("/environment/shards")).hasSize(2);
    }

    @Test
    void a_scenario_found_in_two_runs_keeps_its_worse_verdict_and_says_so(@TempDir Path tmp) throws IOException {
        Path other = copyRun(full, tmp.resolve("other"));
        Path scenarios = other.resolve("ndis-spin-lock/reference/scenarios.ndjson");
        List<String> lines = new ArrayList<>(Files.readAllLines(scenarios, StandardCharsets.UTF_8));
        ObjectNode first = (ObjectNode) JSON.readTree(lines.get(0));
        first.put("verdict", "FAILED").put("message", "the lock was still held after NdisReleaseSpinLock returned");
        lines.set(0, JSON.writeValueAsString(first));
        Files.write(scenarios, lines, StandardCharsets.UTF_8);

        Ran r = ddikit("report", "--merge", full, other, "--report", tmp.resolve("merged"));

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(r.err()).contains("warning: reference: scenario " + first.get("feature").asText() + ":" + first.get("line").asInt()
                + " '" + first.get("name").asText() + "' ran in both " + full.resolve("ndis-spin-lock/reference") + " (passed) and "
                + other.resolve("ndis-spin-lock/reference") + " (failed): keeping failed");
        assertThat(r.out()).contains("reference 1.0 (ndis-spin-lock): DOES NOT CONFORM")
                .contains("failed         " + first.get("clauses").get(0).asText());
    }

    // ------------------------------------------------------------------ a killed run

    @Test
    void the_results_of_a_killed_run_give_a_report_marked_incomplete_with_what_finished(@TempDir Path tmp) throws IOException {
        Path killed = copyRun(full, tmp.resolve("killed"));
        editRun(killed, run -> run.putNull("ended"));
        Path scenarios = killed.resolve("ndis-spin-lock/reference/scenarios.ndjson");
        List<String> lines = Files.readAllLines(scenarios, StandardCharsets.UTF_8);
        assertThat(lines).hasSizeGreaterThan(6);
        // SIGKILL while the sixth result was being written: five whole lines, then half a line
        Files.writeString(scenarios, String.join("\n", lines.subList(0, 5)) + "\n" + lines.get(5).substring(0, lines.get(5).length() / 2),
                StandardCharsets.UTF_8);
        Files.delete(killed.resolve("index.html"));

        Ran r = ddikit("report", "--from", killed);

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(r.err()).contains("warning: " + killed.resolve("ndis-spin-lock/reference")
                + ": the run had not ended (still running, or killed); 5 scenarios had finished").doesNotContain("\tat ");
        assertThat(r.out()).contains("reference 1.0 (ndis-spin-lock): INCOMPLETE");
        JsonNode impl = implementation(killed);
        assertThat(impl.get("conformance").asText()).isEqualTo("incomplete");
        assertThat(impl.at("/environment/complete").asBoolean()).isFalse();
        assertThat(impl.at("/environment/ended").isNull()).isTrue();
        List<String> finished = new ArrayList<>();
        for (String line : lines.subList(0, 5)) {
            JsonNode s = JSON.readTree(line);
            finished.add(s.get("feature").asText() + ":" + s.get("line").asInt());
        }
        assertThat(scenarioLocations(impl)).containsExactlyInAnyOrderElementsOf(finished);
        String index = Files.readString(killed.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(index).contains("(INCOMPLETE RUN)").contains("Incomplete run: it had not ended");
        String page = Files.readString(killed.resolve("ndis-spin-lock.reference.html"), StandardCharsets.UTF_8);
        assertThat(page).contains("INCOMPLETE: the run had not ended");
        for (String line : lines.subList(0, 5)) {
            assertThat(page).contains(JSON.readTree(line).get("name").asText());
        }
        assertThat(page).doesNotContain(JSON.readTree(lines.get(5)).get("name").asText());
    }

    @Test
    void a_run_killed_after_its_last_scenario_is_still_incomplete_though_every_scenario_passed(@TempDir Path tmp) throws IOException {
        Path killed = copyRun(full, tmp.resolve("killed"));
        editRun(killed, run -> run.putNull("ended"));

        Ran r = ddikit("report", "--from", killed, "--report", tmp.resolve("out"));

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.NOT_CONFORMING);
        assertThat(implementation(tmp.resolve("out")).get("conformance").asText()).isEqualTo("incomplete");
        assertThat(clauseVerdicts(implementation(tmp.resolve("out")))).isEqualTo(clauseVerdicts(implementation(full)));
        assertThat(tmp.resolve("out/ndis-spin-lock/reference/run.json")).as("the results go with the report").isRegularFile();
        assertThat(tmp.resolve("out/ndis-spin-lock/reference/cucumber/index.html")).isRegularFile();
    }

    // ------------------------------------------------------------------ results that do not match

    @Test
    void results_taken_against_another_page_are_refused_naming_the_page_and_both_fingerprints(@TempDir Path tmp) throws IOException {
        Path old = copyRun(full, tmp.resolve("old"));
        editRun(old, run -> ((ObjectNode) run.get("pages")).put(PAGE_FILE, "sha256:0123456789abcdef"));
        Files.delete(old.resolve("index.html"));

        Ran refused = ddikit("report", "--from", old);

        assertThat(refused.code()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(refused.err()).isEqualTo("ddikit report: " + old.resolve("ndis-spin-lock/reference") + " was taken against other pages than the"
                + " current ones: " + PAGE_FILE + " is sha256:0123456789abcdef in " + old.resolve("ndis-spin-lock/reference") + " and "
                + pageFingerprint + " now (--allow-mismatch goes ahead anyway)" + System.lineSeparator());
        assertThat(old.resolve("index.html")).doesNotExist();

        Ran allowed = ddikit("report", "--from", old, "--allow-mismatch");
        assertThat(allowed.code()).as(allowed.err()).isEqualTo(ExitCodes.OK);
        assertThat(allowed.err()).contains("warning: " + old.resolve("ndis-spin-lock/reference") + " was taken against other pages");
        assertThat(old.resolve("index.html")).isRegularFile();
    }

    @Test
    void shards_taken_with_other_kit_versions_are_refused_unless_allowed(@TempDir Path tmp) throws IOException {
        Path other = copyRun(shardB, tmp.resolve("b"));
        editRun(other, run -> run.put("kitVersion", "0.0.1-other"));
        String kit = io.ddikit.result.KitVersion.current();

        Ran refused = ddikit("report", "--merge", shardA, other, "--report", tmp.resolve("merged"));

        assertThat(refused.code()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(refused.err()).isEqualTo("ddikit report: " + shardA.resolve("ndis-spin-lock/reference") + " and " + other.resolve("ndis-spin-lock/reference")
                + " were taken with different kit versions: " + kit + " in " + shardA.resolve("ndis-spin-lock/reference") + " and 0.0.1-other in "
                + other.resolve("ndis-spin-lock/reference") + " (--allow-mismatch goes ahead anyway)" + System.lineSeparator());
        assertThat(tmp.resolve("merged")).doesNotExist();

        Ran allowed = ddikit("report", "--merge", shardA, other, "--report", tmp.resolve("merged"), "--allow-mismatch");
        assertThat(allowed.code()).as(allowed.err()).isEqualTo(ExitCodes.OK);
        assertThat(allowed.err()).contains("warning: " + shardA.resolve("ndis-spin-lock/reference") + " and " + other.resolve("ndis-spin-lock/reference")
                + " were taken with different kit versions");
        assertThat(clauseVerdicts(implementation(tmp.resolve("merged")))).isEqualTo(clauseVerdicts(implementation(full)));
    }

    @Test
    void shards_taken_against_other_pages_or_processor_counts_are_refused(@TempDir Path tmp) throws IOException {
        Path otherPage = copyRun(shardB, tmp.resolve("page"));
        editRun(otherPage, run -> ((ObjectNode) run.get("pages")).put(PAGE_FILE, "sha256:0123456789abcdef"));
        Ran pages = ddikit("report", "--merge", shardA, otherPage, "--report", tmp.resolve("merged"));
        assertThat(pages.code()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(pages.err()).isEqualTo("ddikit report: " + shardA.resolve("ndis-spin-lock/reference") + " and " + otherPage.resolve("ndis-spin-lock/reference")
                + " were taken against different pages: " + PAGE_FILE + " is " + pageFingerprint + " in " + shardA.resolve("ndis-spin-lock/reference")
                + " and sha256:0123456789abcdef in " + otherPage.resolve("ndis-spin-lock/reference") + " (--allow-mismatch goes ahead anyway)"
                + System.lineSeparator());

        Path otherCpus = copyRun(shardB, tmp.resolve("cpus"));
        editRun(otherCpus, run -> run.put("processors", 8));
        Ran cpus = ddikit("report", "--merge", shardA, otherCpus, "--report", tmp.resolve("merged"));
        assertThat(cpus.code()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(cpus.err()).isEqualTo("ddikit report: " + shardA.resolve("ndis-spin-lock/reference") + " and " + otherCpus.resolve("ndis-spin-lock/reference")
                + " ran reference on different simulated processor counts: 4 in " + shardA.resolve("ndis-spin-lock/reference") + " and 8 in "
                + otherCpus.resolve("ndis-spin-lock/reference") + " (--allow-mismatch goes ahead anyway)" + System.lineSeparator());
        assertThat(tmp.resolve("merged")).doesNotExist();
    }

    // ------------------------------------------------------------------ one command at a time

    @Test
    void a_finished_run_leaves_its_folder_free_with_an_empty_lock_file_that_no_report_takes_for_results(@TempDir Path tmp)
            throws Exception {
        assertThat(full.resolve(ReportFolderLock.FILE)).isEmptyFile();
        try (ReportFolderLock lock = ReportFolderLock.take(full, "ddikit run", ReportFolderLock.WRITING)) {
            assertThat(lock.isOf(full)).isTrue();
        }
        Ran rebuilt = ddikit("report", "--from", full, "--report", tmp.resolve("out"));
        assertThat(rebuilt.code()).as(rebuilt.err()).isEqualTo(ExitCodes.OK);
        assertThat(tmp.resolve("out").resolve(ReportFolderLock.FILE)).isEmptyFile();
        try (Stream<Path> written = Files.list(tmp.resolve("out"))) {
            assertThat(written.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(ReportFolderLock.FILE, "ndis-spin-lock", "ndis-spin-lock.reference.html", "index.html", "conformance.json", "junit.xml");
        }
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void bad_input_is_one_line_naming_the_file_and_exit_2(@TempDir Path tmp) throws IOException {
        assertOneLine(ddikit("report", "--from", tmp.resolve("nope")), "ddikit report: " + tmp.resolve("nope") + ": no such folder");

        Files.createDirectories(tmp.resolve("empty/selftest"));
        Files.writeString(tmp.resolve("empty/selftest/run.json"), "{}");
        assertOneLine(ddikit("report", "--from", tmp.resolve("empty")),
                "ddikit report: " + tmp.resolve("empty") + ": no results (no <family>/<implementation>/run.json in it)");

        Path broken = copyRun(full, tmp.resolve("broken"));
        Files.writeString(broken.resolve("ndis-spin-lock/reference/run.json"), "{\"implementation\": {\"name\": ");
        Ran r = ddikit("report", "--merge", shardA, broken, "--report", tmp.resolve("m"));
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err()).startsWith("ddikit report: " + broken.resolve("ndis-spin-lock/reference/run.json") + ": not a run record: ")
                .hasLineCount(1);

        Path torn = copyRun(full, tmp.resolve("torn"));
        Path scenarios = torn.resolve("ndis-spin-lock/reference/scenarios.ndjson");
        List<String> lines = new ArrayList<>(Files.readAllLines(scenarios, StandardCharsets.UTF_8));
        lines.set(1, "{\"implementation\":");
        Files.write(scenarios, lines, StandardCharsets.UTF_8);
        r = ddikit("report", "--from", torn);
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err()).startsWith("ddikit report: " + scenarios + ":2: not a scenario result: ").hasLineCount(1);

        assertOneLine(ddikit("report", "--merge", shardA, shardB, "--report", shardA),
                "ddikit report: --report " + shardA + " is one of the folders merged; choose another folder");
        assertThat(ddikit("report").code()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(ddikit("report", "--from", full, "--merge", shardA).code()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
    }

    // ------------------------------------------------------------------ helpers

    private static void assertOneLine(Ran r, String line) {
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err()).isEqualTo(line + System.lineSeparator());
    }

    /** A copy of a run's folder: its report files and each implementation's results. */
    private static Path copyRun(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }

    private static void editRun(Path dir, Consumer<ObjectNode> edit) throws IOException {
        Path file = dir.resolve("ndis-spin-lock/reference/run.json");
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept((ObjectNode) root.get("run"));
        JSON.writeValue(file.toFile(), root);
    }

    private static JsonNode implementation(Path report) throws IOException {
        JsonNode root = JSON.readTree(report.resolve("conformance.json").toFile());
        assertThat(root.get("implementations")).hasSize(1);
        return root.get("implementations").get(0);
    }

    private static Map<String, String> clauseVerdicts(JsonNode impl) {
        Map<String, String> out = new LinkedHashMap<>();
        impl.get("clauses").forEach(c -> out.put(c.get("id").asText(), c.get("verdict").asText()));
        return out;
    }

    private static TreeSet<String> scenarioLocations(JsonNode impl) {
        TreeSet<String> out = new TreeSet<>();
        impl.get("clauses").forEach(c -> c.get("scenarios").forEach(s -> out.add(s.get("feature").asText() + ":" + s.get("line").asInt())));
        return out;
    }
}
