package io.ddikit.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vendor's campaign through the command line, with a vendor jar in the sandbox: expectations marked beside the
 * verdicts and honoured by the exit code, a diff between a run and the same product with a fault injected, repeats.
 */
class CampaignTest {
    /** The clause the injected fault breaks: KeTestSpinLock must say FALSE for a lock another processor holds. */
    private static final String RESTORES = "KeTestSpinLock.description.KeTestSpinLock-routine-tests-availability-spin-lock";
    private static final String RECIPROCAL = "KeTestSpinLock.remarks.routine-neither-raises-nor-lowers-irql";
    private static final String MUST_CALL = "KeTestSpinLock.remarks.if-KeTestSpinLock-returns-true-caller-can";
    private static final String KE = "io.ddikit.spi.ke.KeSpinLockProvider";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path correct;
    static Path faulty;
    static Path correctRun;
    static Path faultyRun;

    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    @BeforeAll
    static void runBoth() throws Exception {
        correct = HostileImplementationsTest.jar(tmp, "acme-1", KE, Hostile.KeAcme.class);
        faulty = HostileImplementationsTest.jar(tmp, "acme-2", KE, Hostile.KeAcmeTestsFree.class);
        correctRun = tmp.resolve("run-correct");
        faultyRun = tmp.resolve("run-faulty");
        CampaignTest t = new CampaignTest();
        // whole runs of the family, so that the correct one conforms; the faulty one is diffed against it as it runs
        assertThat(t.run(correct, correctRun)).as(t.said()).isZero();
        assertThat(t.run(faulty, faultyRun, "--baseline", correctRun.toString())).as(t.said()).isEqualTo(1);
        faultyRunPrinted = t.out.toString();
    }

    static String faultyRunPrinted;

    private int run(Path jar, Path report, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--classpath", jar.toString(), "--report", report.toString(), "--seed", "5",
                "--quiet", "--family", "ke-spin-lock"));
        args.addAll(List.of(more));
        return KitCommand.run(args, out, err);
    }

    private int kit(String... args) {
        return KitCommand.run(List.of(args), out, err);
    }

    private String said() {
        return "stdout:\n" + out + "\nstderr:\n" + err;
    }

    private static Path file(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static String entry(String clause, String expect, String expires) {
        return "  - clause: " + clause + "\n    expect: " + expect + "\n    reason: tracked in ACME-12\n    bug: https://tracker.example/ACME-12\n"
                + "    expires: " + expires + "\n";
    }

    private static JsonNode clause(JsonNode conformance, String id) {
        for (JsonNode c : conformance.get("implementations").get(0).get("clauses")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no clause " + id + " in conformance.json");
    }

    @Test
    void an_expectations_file_gives_each_entry_its_mark_and_the_exit_code_counts_only_unexpected_ones() throws Exception {
        Path marks = file("marks.yaml", "ddikit-expectations: 1\nexpectations:\n"
                + entry(RESTORES, "failed", "2099-12-31")                       // line 3: expected failure, honoured
                + entry(RECIPROCAL, "failed", "2099-12-31")                     // line 8: it passes: unexpected pass
                + entry(MUST_CALL, "passed", "2020-01-31")                      // line 13: expired
                + entry("KeTestSpinLock.remarks.no-such-sentence", "failed", "2099-12-31")); // line 18: stale
        Path report = tmp.resolve("marked");
        assertThat(kit("report", "--from", faultyRun.toString(), "--report", report.toString(), "--expectations", marks.toString()))
                .as(said()).isEqualTo(1);
        assertThat(out).contains("[expected failure (failed, until 2099-12-31) — tracked in ACME-12 [https://tracker.example/ACME-12]]")
                .contains("expectations (" + marks + "): 1 expected failure, 1 unexpected pass, 1 expired expectation, 1 stale expectation")
                .contains(marks + ":8: ke-spin-lock/acme-ke " + RECIPROCAL + ": unexpected pass: expected failed, was passed")
                .contains(marks + ":13: ke-spin-lock/acme-ke " + MUST_CALL + ": expired expectation (expired 2020-01-31, expected passed)")
                .contains(marks + ":18: KeTestSpinLock.remarks.no-such-sentence: stale expectation: no such clause in this run");
        JsonNode json = JSON.readTree(report.resolve("conformance.json").toFile());
        assertThat(clause(json, RESTORES).get("verdict").asText()).as("the verdict itself stands").isEqualTo("failed");
        assertThat(clause(json, RESTORES).get("expectation").get("mark").asText()).isEqualTo("expected failure");
        assertThat(clause(json, RECIPROCAL).get("expectation").get("mark").asText()).isEqualTo("unexpected pass");
        assertThat(clause(json, MUST_CALL).get("expectation").get("mark").asText()).isEqualTo("expired expectation");
        assertThat(json.get("expectations").get("problems")).hasSize(3);
        String page = Files.readString(report.resolve("ke-spin-lock.acme-ke.html"));
        assertThat(page).contains("mark-expected-failure").contains("mark-unexpected-pass").contains("mark-expired-expectation");
        assertThat(Files.readString(report.resolve("index.html"))).contains("stale expectation: no such clause in this run");

        // only the honoured entry: the failure is expected, and the exit code passes over it
        Path honoured = file("honoured.yaml", "ddikit-expectations: 1\nexpectations:\n" + entry(RESTORES, "failed", "2099-12-31"));
        out.setLength(0);
        assertThat(kit("report", "--from", faultyRun.toString(), "--report", tmp.resolve("honoured").toString(), "--expectations",
                honoured.toString())).as(said()).isZero();
        // the same entry against the correct run: the clause passes, so the entry is an unexpected pass
        assertThat(kit("report", "--from", correctRun.toString(), "--report", tmp.resolve("unexpected").toString(), "--expectations",
                honoured.toString())).as(said()).isEqualTo(1);
    }

    @Test
    void check_validates_an_expectations_file_and_names_the_line_of_a_bad_entry() throws Exception {
        Path bad = file("bad.yaml", "ddikit-expectations: 1\nexpectations:\n  - clause: " + RESTORES + "\n    expect: broken\n"
                + "    reason: r\n    expires: 2099-01-01\n");
        assertThat(kit("check", "--expectations", bad.toString())).as(said()).isEqualTo(2);
        assertThat(err).contains(bad + ":4: expect 'broken' is not a verdict");
        assertThat(err.toString().lines().filter(l -> !l.isBlank())).hasSize(1);

        Path typo = file("typo.yaml", "ddikit-expectations: 1\nexpectations:\n  - clause: " + RESTORES + "\n    expect: failed\n"
                + "    reason: r\n    expire: 2099-01-01\n");
        err.setLength(0);
        assertThat(kit("run", "--expectations", typo.toString(), "--report", tmp.resolve("never").toString())).as(said()).isEqualTo(2);
        assertThat(err).contains(typo + ":6: unknown key 'expire'");
        assertThat(tmp.resolve("never").resolve("index.html")).doesNotExist();

        Path stale = file("stale.yaml", "ddikit-expectations: 1\nexpectations:\n" + entry(RESTORES, "failed", "2099-12-31")
                + entry("KeTestSpinLock.remarks.gone", "failed", "2099-12-31") + entry(MUST_CALL, "failed", "2021-06-01"));
        out.setLength(0);
        assertThat(kit("check", "--expectations", stale.toString())).as(said()).isEqualTo(1);
        assertThat(out).contains(stale + ":8: stale expectation: no clause KeTestSpinLock.remarks.gone on the pages")
                .contains(stale + ":13: expired expectation: clause " + MUST_CALL + " expired 2021-06-01")
                .doesNotContain(stale + ":3:");
    }

    @Test
    void two_runs_one_with_a_fault_injected_diff_to_exactly_the_clause_it_breaks() throws Exception {
        assertThat(kit("diff", correctRun.toString(), faultyRun.toString(), "--format", "json", "--html", tmp.resolve("diff.html").toString()))
                .as(said()).isEqualTo(1);
        JsonNode diff = JSON.readTree(out.toString());
        assertThat(diff.get("implementations")).hasSize(1);
        JsonNode acme = diff.get("implementations").get(0);
        assertThat(acme.get("implementation").asText()).isEqualTo("ke-spin-lock/acme-ke");
        assertThat(acme.get("changes")).hasSize(1);
        assertThat(acme.get("changes").get(0).get("clause").asText()).isEqualTo(RESTORES);
        assertThat(acme.get("changes").get(0).get("change").asText()).isEqualTo("new failure");
        assertThat(Files.readString(tmp.resolve("diff.html"))).contains("data-clause=\"" + RESTORES + "\"");

        out.setLength(0);
        assertThat(kit("diff", faultyRun.toString(), faultyRun.toString())).as(said()).isZero();
        assertThat(out).contains("ke-spin-lock/acme-ke: no change");

        err.setLength(0);
        assertThat(kit("diff", correctRun.toString(), tmp.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err).contains(tmp.resolve("nowhere") + ": no such report folder or bundle");

        // the same diff in the faulty run's own report (it ran with --baseline)
        Path report = faultyRun;
        assertThat(faultyRunPrinted).contains("ke-spin-lock/acme-ke: 1 new failure").contains("new failure     " + RESTORES + ": passed -> failed");
        assertThat(JSON.readTree(report.resolve("conformance.json").toFile()).get("baseline").get("counts").get("new failure").asInt()).isEqualTo(1);
        assertThat(Files.readString(report.resolve("index.html"))).contains("href=\"diff.html\"");
        assertThat(report.resolve("diff.html")).exists();
    }

    @Test
    void repeats_count_each_scenario_over_seeds_and_a_failure_seen_once_is_the_verdict() throws Exception {
        Path report = tmp.resolve("repeated");
        assertThat(run(faulty, report, "--repeat", "3", "--clause", RESTORES)).as(said()).isEqualTo(1);
        JsonNode json = JSON.readTree(report.resolve("conformance.json").toFile());
        assertThat(json.get("repeats").get("runs").asInt()).isEqualTo(3);
        assertThat(json.get("repeats").get("seeds")).hasSize(3);
        JsonNode restores = clause(json, RESTORES);
        assertThat(restores.get("verdict").asText()).isEqualTo("failed");
        int failed = 0;
        for (JsonNode sc : restores.get("scenarios")) {
            JsonNode counts = sc.get("repeats").get("counts");
            int total = 0;
            for (JsonNode n : counts) {
                total += n.asInt();
            }
            assertThat(total).as(sc.get("name").asText()).isEqualTo(3);
            failed += counts.path("failed").asInt();
            assertThat(sc.get("repeats").get("flaky").asBoolean()).isEqualTo(counts.size() > 1);
        }
        assertThat(failed).as("the fault shows in some repeat").isPositive();
        assertThat(report.resolve("ke-spin-lock").resolve("acme-ke").resolve("repeats").resolve("2").resolve("scenarios.ndjson")).exists();
        assertThat(out).contains("repeats: 3 runs with seeds");
    }

    @Test
    void a_bundle_verifies_by_running_again_and_a_hand_edited_results_file_fails_verification_naming_it() throws Exception {
        Path zip = tmp.resolve("submission.zip");
        assertThat(kit("bundle", "--report", faultyRun.toString(), "-o", zip.toString())).as(said()).isZero();
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            JsonNode manifest = JSON.readTree(z.getInputStream(z.getEntry("manifest.json")));
            assertThat(manifest.get("kit").get("version").asText()).isNotEmpty();
            assertThat(manifest.get("pages").size()).isGreaterThanOrEqualTo(7);
            assertThat(manifest.get("features").size()).isGreaterThanOrEqualTo(7);
            assertThat(manifest.get("implementationFiles").get(0).get("sha256").asText()).startsWith("sha256:");
            assertThat(z.getEntry(manifest.get("implementationFiles").get(0).get("bundled").asText())).isNotNull();
            assertThat(manifest.get("args").toString()).contains("\"--seed\",\"5\"");
            assertThat(manifest.get("files").has("report/conformance.json")).isTrue();
        }
        out.setLength(0);
        assertThat(kit("verify", zip.toString())).as(said()).isZero();
        assertThat(out).contains("verified: every hash matches and every verdict reproduces");

        // the vendor edits a verdict by hand after bundling
        Path edited = tmp.resolve("edited.zip");
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(zip.toFile());
             java.util.zip.ZipOutputStream o = new java.util.zip.ZipOutputStream(Files.newOutputStream(edited))) {
            var entries = in.entries();
            while (entries.hasMoreElements()) {
                var e = entries.nextElement();
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("report/conformance.json")) {
                    bytes = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replace("\"failed\"", "\"passed\"")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                o.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                o.write(bytes);
                o.closeEntry();
            }
        }
        out.setLength(0);
        assertThat(kit("verify", edited.toString())).as(said()).isEqualTo(1);
        assertThat(out).contains("differs: report/conformance.json: its sha-256 is").contains("(changed after bundling)")
                .contains("not run again");

        err.setLength(0);
        assertThat(kit("verify", tmp.resolve("none.zip").toString())).isEqualTo(2);
        assertThat(err).contains(tmp.resolve("none.zip") + ": no such bundle");
    }
}
