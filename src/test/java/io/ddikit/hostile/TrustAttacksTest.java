package io.ddikit.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddikit.cli.Main;
import io.ddikit.spi.ndis.NdisSpinLockProvider;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trust model, attacked: vendor jars ({@link Attacks}) that try to forge their verdict, write behind the kit's
 * back, leave processes behind or harm another implementation's results. Each attack's lock is faulty; whatever the
 * attack does, the verdict stays DOES NOT CONFORM (or an error of the implementation), the bundled implementation
 * beside it keeps its verdict, no process of the run outlives it, nothing outside the report folder changes, and the
 * kit's pages hold no script. Each runs only the clause the faulty lock breaks.
 */
class TrustAttacksTest {
    private static final String RESTORES = "NdisReleaseSpinLock.remarks.NdisReleaseSpinLock-restores-original-irql-which-caller";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path jars;
    @TempDir
    Path reports;
    @TempDir
    Path outside;

    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final String token = "ddikit-attack-" + UUID.randomUUID();

    @AfterEach
    void noProcessOfTheRunIsLeft() {
        // the run's processes: its workers (bubblewrap, the bounds' shell, the worker's JVM); other tests of this JVM
        // may leave processes of their own (a browser), which are not this test's business
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .filter(c -> c.contains("bwrap") || c.contains("ddikit-bounds") || c.contains("io.ddikit.isolate")).toList())
                .as("processes of the run still alive").isEmpty();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(token))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList())
                .as("processes the implementation started").isEmpty();
        System.clearProperty(Attacks.TARGETS);
        System.clearProperty(Attacks.TOKEN);
    }

    @Test
    void the_faulty_lock_alone_does_not_conform() throws Exception {
        assertThat(run(jar(Attacks.Plain.class))).as(said()).isEqualTo(1);
        assertThat(reported("plain-faulty")).isEqualTo("does not conform");
        assertThat(reportHasNoScript()).isTrue();
    }

    @Test
    void without_the_sandbox_every_page_the_json_and_the_console_say_not_sandboxed() throws Exception {
        assertThat(run(jar(Attacks.Plain.class), "--no-sandbox")).as(said()).isEqualTo(1);
        assertThat(out).contains("plain-faulty 6.6.6 (ndis-spin-lock): DOES NOT CONFORM (not sandboxed)");
        JsonNode env = implementation("plain-faulty").path("environment");
        assertThat(env.path("sandboxed").asBoolean(true)).isFalse();
        assertThat(env.path("sandbox").asText()).isEqualTo("not sandboxed (--no-sandbox)");
        for (String page : List.of("index.html", "ndis-spin-lock.plain-faulty.html")) {
            assertThat(Jsoup.parse(reports.resolve(page).toFile(), "UTF-8").select(".not-sandboxed").text())
                    .as(page).startsWith("Not sandboxed:");
        }
    }

    @Test
    void a_sandboxed_run_says_so_with_its_bounds() throws Exception {
        assertThat(run(jar(Attacks.Plain.class))).as(said()).isEqualTo(1);
        JsonNode env = implementation("plain-faulty").path("environment");
        assertThat(env.path("sandboxed").asBoolean(false)).isTrue();
        assertThat(env.path("sandbox").asText()).startsWith("sandboxed (bubblewrap");
        assertThat(env.path("bounds").asText()).containsPattern("memory 2048 MB in all|address space|heap only");
        assertThat(Jsoup.parse(reports.resolve("ndis-spin-lock.plain-faulty.html").toFile(), "UTF-8").select(".not-sandboxed")).isEmpty();
    }

    @Test
    void where_bubblewrap_is_missing_the_run_is_refused_in_one_line_unless_told_to_go_without_it() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--classpath", jar(Attacks.Plain.class).toString(), "--report", reports.toString(), "-q", "--clause", RESTORES);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", outside.toString());
        Process p = pb.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(said).isEqualTo(2);
        assertThat(said).contains("ddikit run: the sandbox needs bubblewrap, which is not installed (Debian and Ubuntu: "
                + "apt-get install bubblewrap); --no-sandbox runs the implementations without it").doesNotContain("\tat ");
        assertThat(reports.resolve("index.html")).doesNotExist();
    }

    @Test
    void reflection_on_the_kits_static_fields_is_refused_and_the_verdict_stands() throws Exception {
        assertThat(run(jar(Attacks.ReflectsOnKit.class))).as(said()).isEqualTo(1);
        assertThat(reported("reflects-on-kit")).isEqualTo("does not conform");
        String log = Files.readString(reports.resolve("ndis-spin-lock/reflects-on-kit/output.log"));
        assertThat(log).containsPattern(Attacks.SAID + "reflection: classes=[1-9][0-9]{2,} static-fields=[1-9][0-9]* opened=0 refused=[1-9]");
    }

    @Test
    void files_written_by_the_implementation_land_nowhere_outside_its_sandbox() throws Exception {
        Path home = Path.of(System.getProperty("user.home"), token);
        Path project = Path.of("").toAbsolutePath().resolve(token);
        List<Path> targets = List.of(reports.resolve("conformance.json"), reports.resolve("ndis-spin-lock/writes-files/scenarios.ndjson"),
                reports.resolve("ndis-spin-lock/writes-files/cucumber/index.html"), outside.resolve("marker"), home, project,
                Path.of("/tmp", token));
        System.setProperty(Attacks.TARGETS, String.join(",", targets.stream().map(Path::toString).toList()));
        assertThat(run(jar(Attacks.WritesFiles.class))).as(said()).isEqualTo(1);
        assertThat(reported("writes-files")).isEqualTo("does not conform");
        for (Path p : List.of(outside.resolve("marker"), home, project, Path.of("/tmp", token))) {
            assertThat(p).as("written by the implementation").doesNotExist();
        }
        for (Path p : targets.subList(0, 3)) {
            assertThat(Files.readString(p)).as(p.toString()).doesNotContain("forged");
        }
        // the sandbox's root is read-only; only its private scratch (/tmp) takes writes, and it is discarded
        // (a project or home folder under /tmp is hidden by that scratch: the write lands there, not in the folder)
        for (Path p : List.of(home, project)) {
            if (!p.startsWith("/tmp")) {
                assertThat(Files.readString(reports.resolve("ndis-spin-lock/writes-files/output.log"))).contains("could not write " + p);
            }
        }
    }

    @Test
    void a_grandchild_that_leaves_its_session_ends_with_the_worker_and_cannot_touch_the_next_implementations_results()
            throws Exception {
        System.setProperty(Attacks.TOKEN, token);
        System.setProperty(Attacks.TARGETS, reports.resolve("ndis-spin-lock/reference/scenarios.ndjson") + "," + reports.resolve("conformance.json"));
        assertThat(run(jar(Attacks.ChildOutlives.class), "--impl", "child-outlives", "--impl", "reference")).as(said()).isEqualTo(1);
        assertThat(reported("child-outlives")).isEqualTo("does not conform");
        // only one clause runs, so the bundled implementation is incomplete, but that clause passed for it
        assertThat(clauseVerdict("reference", RESTORES)).isEqualTo("passed");
        Thread.sleep(5_000);
        assertThat(Files.readString(reports.resolve("ndis-spin-lock/reference/scenarios.ndjson"))).doesNotContain("forged");
        assertThat(Files.readString(reports.resolve("conformance.json"))).doesNotContain("forged");
        assertThat(Files.readString(reports.resolve("ndis-spin-lock/child-outlives/output.log"))).contains("started a grandchild");
    }

    @Test
    void forged_protocol_lines_on_standard_output_and_error_are_only_the_implementations_output() throws Exception {
        assertThat(run(jar(Attacks.ForgesOutput.class))).as(said()).isEqualTo(1);
        assertThat(reported("forges-output")).isEqualTo("does not conform");
        assertThat(err.toString()).doesNotContain("the page is broken").doesNotContain("the kit broke (forged)");
        assertThat(Files.readString(reports.resolve("ndis-spin-lock/forges-output/output.log"))).contains("\"e\":\"done\"");
    }

    @Test
    void cucumbers_reports_are_written_by_the_kit_from_messages_so_a_forged_page_never_reaches_the_report() throws Exception {
        assertThat(run(jar(Attacks.ForgesCucumberReport.class))).as(said()).isEqualTo(1);
        assertThat(reported("forges-cucumber-report")).isEqualTo("does not conform");
        assertThat(Files.readString(reports.resolve("ndis-spin-lock/forges-cucumber-report/output.log"))).contains("forged Cucumber's report in");
        try (Stream<Path> files = Files.walk(reports)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("output.log")).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("pwned");
            }
        }
    }

    @Test
    void the_kits_channel_takes_one_connection_so_the_implementation_cannot_reach_it() throws Exception {
        assertThat(run(jar(Attacks.ConnectsToChannel.class))).as(said()).isEqualTo(1);
        assertThat(reported("connects-to-channel")).isEqualTo("does not conform");
        assertThat(Files.readString(reports.resolve("ndis-spin-lock/connects-to-channel/output.log"))).doesNotContain(Attacks.SAID + "connected");
    }

    @Test
    void no_tool_it_starts_can_attach_to_the_worker_to_rewrite_the_kit() throws Exception {
        assertThat(run(jar(Attacks.AttachesToWorker.class))).as(said()).isEqualTo(1);
        assertThat(reported("attaches-to-worker")).isEqualTo("does not conform");
        String log = Files.readString(reports.resolve("ndis-spin-lock/attaches-to-worker/output.log"));
        assertThat(log).contains(Attacks.SAID + "attach exit ").doesNotContain(Attacks.SAID + "attach exit 0");
    }

    @Test
    void messages_of_five_megabytes_are_cut_and_the_run_goes_on() throws Exception {
        assertThat(run(jar(Attacks.HugeMessages.class), "--call-timeout", "1")).as(said()).isEqualTo(3);
        assertThat(reported("huge-messages")).isEqualTo("error");
        assertThat(Files.size(reports.resolve("ndis-spin-lock/huge-messages/scenarios.ndjson"))).isLessThan(256 * 1024);
        assertThat(Files.size(reports.resolve("conformance.json"))).isLessThan(512 * 1024);
        assertThat(Files.size(reports.resolve("ndis-spin-lock/huge-messages/cucumber/messages.ndjson"))).isLessThan(1 << 20);
        assertThat(Files.readString(reports.resolve("ndis-spin-lock/huge-messages/scenarios.ndjson"))).contains("characters in all]");
    }

    @Test
    void interrupting_every_thread_is_the_implementations_error_not_the_kits() throws Exception {
        int exit = run(jar(Attacks.InterruptsEverything.class), "--call-timeout", "1");
        assertThat(exit).as(said()).isIn(1, 3);
        assertThat(err.toString()).doesNotContain("kit error");
        JsonNode impl = implementation("interrupts-everything");
        for (JsonNode c : impl.path("clauses")) {
            for (JsonNode s : c.path("scenarios")) {
                assertThat(s.path("errorSource").asText()).as(s.toString()).isNotEqualTo("kit");
            }
        }
    }

    @Test
    void native_memory_beyond_the_bound_ends_the_worker_as_the_implementations_error() throws Exception {
        assertThat(run(jar(Attacks.OffHeap.class), "--max-heap", "256", "--max-memory", "1024")).as(said()).isEqualTo(3);
        assertThat(reported("off-heap")).isEqualTo("error");
        assertThat(out).contains("the run stopped: the implementation used more than the worker's 1024 MB of memory in all");
    }

    @Test
    void a_name_with_control_characters_is_refused_in_one_printable_line() throws Exception {
        assertThat(run(jar(Attacks.ControlName.class, Attacks.Plain.class))).as(said()).isEqualTo(1);
        assertThat(err.toString()).contains("implementation io.ddikit.hostile.Attacks$ControlName: its name \"acme\\u001b[2J\"")
                .doesNotContain("\u001b");
        assertThat(reported("plain-faulty")).isEqualTo("does not conform");
    }

    @Test
    void a_version_that_would_draw_a_fake_verdict_is_refused_and_never_printed_raw() throws Exception {
        assertThat(run(jar(Attacks.ControlVersion.class))).as(said()).isEqualTo(3);
        assertThat(out + "\n" + err).doesNotContain("\u001b").doesNotContain("\nfake 1.0: CONFORMS");
        assertThat(err.toString()).contains("implementation io.ddikit.hostile.Attacks$ControlVersion: its version");
    }

    @Test
    void a_provider_that_cannot_be_loaded_is_its_jars_error() throws Exception {
        assertThat(run(jar(Attacks.HidesFromListing.class))).as(said()).isEqualTo(3);
        assertThat(err.toString()).contains("io.ddikit.hostile.Attacks$HidesFromListing").doesNotContain("\tat ");
    }

    // ---- helpers ----

    private Path jar(Class<?>... providers) throws IOException, URISyntaxException {
        Path jar = jars.resolve(providers[0].getSimpleName() + ".jar");
        Path root = Path.of(Attacks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> classes;
        try (Stream<Path> s = Files.list(root.resolve("io/ddikit/hostile"))) {
            classes = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("Attacks") || n.startsWith("Hostile$Family");
            }).sorted().toList();
        }
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path c : classes) {
                j.putNextEntry(new JarEntry(root.relativize(c).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(c));
                j.closeEntry();
            }
            j.putNextEntry(new JarEntry("META-INF/services/" + NdisSpinLockProvider.class.getName()));
            for (Class<?> p : providers) {
                j.write((p.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            j.closeEntry();
        }
        return jar;
    }

    private int run(Path jar, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--classpath", jar.toString(), "--report", reports.toString(),
                "--seed", "11", "--quiet", "--clause", RESTORES, "--explore", "10")); // the attacks, not the schedules, are under test
        args.addAll(List.of(more));
        return KitCommand.run(args, out, err);
    }

    private JsonNode implementation(String name) throws IOException {
        assertThat(reports.resolve("index.html")).as("the report's index").isRegularFile();
        JsonNode root = JSON.readTree(reports.resolve("conformance.json").toFile());
        for (JsonNode i : root.path("implementations")) {
            if (name.equals(i.path("name").asText())) {
                return i;
            }
        }
        throw new AssertionError("conformance.json has no implementation " + name + ": " + root);
    }

    private String clauseVerdict(String name, String clause) throws IOException {
        for (JsonNode c : implementation(name).path("clauses")) {
            if (clause.equals(c.path("id").asText())) {
                return c.path("verdict").asText();
            }
        }
        throw new AssertionError(name + " has no clause " + clause);
    }

    private String reported(String name) throws IOException {
        return implementation(name).path("conformance").asText();
    }

    /** The kit's own pages (not Cucumber's, which are Cucumber's and hold its scripts) run nothing. */
    private boolean reportHasNoScript() throws IOException {
        try (Stream<Path> s = Files.list(reports)) {
            for (Path page : s.filter(p -> p.toString().endsWith(".html")).toList()) {
                Document d = Jsoup.parse(page.toFile(), "UTF-8");
                assertThat(d.select("script")).as(page + " scripts").isEmpty();
                assertThat(d.getAllElements().stream().flatMap(el -> el.attributes().asList().stream())
                        .filter(a -> a.getKey().toLowerCase().startsWith("on") || a.getValue().toLowerCase().contains("javascript:"))
                        .toList()).as(page + " script attributes").isEmpty();
            }
        }
        return true;
    }

    private String said() {
        return "stdout:\n" + out + "\nstderr:\n" + err;
    }
}
