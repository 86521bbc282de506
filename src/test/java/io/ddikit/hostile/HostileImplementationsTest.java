package io.ddikit.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddikit.cli.Main;
import io.ddikit.spi.ndis.NdisSpinLockProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vendor jars that try to take the harness down: each runs in its own process, and the kit ends within its
 * bounds with the documented verdict, message and exit code, and a report. Runs are restricted to one clause
 * where the whole suite would only repeat the same act.
 */
class HostileImplementationsTest {
    private static final String RESTORES = "NdisReleaseSpinLock.remarks.NdisReleaseSpinLock-restores-original-irql-which-caller";
    private static final String MUST_INITIALIZE = "NdisReleaseSpinLock.remarks.driver-must-initialize-spin-lock-NdisAllocateSpinLock";
    private static final String DPR_PAIR = "NdisReleaseSpinLock.remarks.spin-lock-acquired-NdisDprAcquireSpinLock-must-released";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path jars;
    @TempDir
    Path reports;

    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    @BeforeAll
    static void classesFound() throws Exception {
        assertThat(classes()).isNotEmpty();
    }

    /** The hostile classes, packed with a services file naming {@code providers}. */
    static Path jar(String name, Class<?>... providers) throws IOException, URISyntaxException {
        return jar(jars, name, providers);
    }

    /** {@link #jar(String, Class[])} written into {@code dir}. */
    static Path jar(Path dir, String name, Class<?>... providers) throws IOException, URISyntaxException {
        return jar(dir, name, NdisSpinLockProvider.class.getName(), providers);
    }

    /** The hostile classes in {@code dir}, with the services file of {@code service} naming {@code providers}. */
    static Path jar(Path dir, String name, String service, Class<?>... providers) throws IOException, URISyntaxException {
        Path jar = dir.resolve(name + ".jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            Path root = Path.of(Hostile.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path c : classes()) {
                j.putNextEntry(new JarEntry(root.relativize(c).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(c));
                j.closeEntry();
            }
            if (providers.length > 0) {
                j.putNextEntry(new JarEntry("META-INF/services/" + service));
                for (Class<?> p : providers) {
                    j.write((p.getName() + "\n").getBytes(StandardCharsets.UTF_8));
                }
                j.closeEntry();
            }
        }
        return jar;
    }

    private static List<Path> classes() throws IOException, URISyntaxException {
        Path root = Path.of(Hostile.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = root.resolve("io/ddikit/hostile");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("Hostile$") || p.getFileName().toString().equals("Hostile.class"))
                    .sorted().toList();
        }
    }

    private int run(Path jar, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--classpath", jar.toString(), "--report", reports.toString(),
                "--seed", "11", "--quiet"));
        args.addAll(List.of(more));
        return KitCommand.run(args, out, err);
    }

    @Test
    void a_fault_found_under_a_schedule_prints_its_counterexample_and_its_replay_reproduces_it() throws Exception {
        Path jar = jar("late-raiser", Hostile.RaisesAfterTaking.class);
        assertThat(run(jar)).as(said()).isEqualTo(1);
        String printed = out.toString();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("schedule (\\S+) \\(decisions (\\w+), \\d+ steps\\); replay: \\./ddikit run --impl late-raiser --clause (\\S+) --replay (\\S+)")
                .matcher(printed);
        assertThat(m.find()).as(said()).isTrue();
        assertThat(m.group(4)).isEqualTo(m.group(1));
        assertThat(printed).contains("found under a schedule, in scenario ").contains("processor  IRQL")
                .contains("in a DPC (over NdisAcquireSpinLock at ");
        String id = m.group(1);
        String hash = m.group(2);
        String clause = m.group(3);
        assertThat(JSON.readTree(reports.resolve("conformance.json").toFile()).toString()).contains("schedule " + id + " (decisions " + hash);

        out.setLength(0);
        err.setLength(0);
        assertThat(run(jar, "--impl", "late-raiser", "--clause", clause, "--replay", id)).as(said()).isEqualTo(1);
        assertThat(err.toString()).contains("controlled tier: schedule " + id + " only, no stress tier (--replay)");
        assertThat(out.toString()).as("the replay makes the same interleaving").contains("schedule " + id + " (decisions " + hash + ",");
    }

    @Test
    void a_schedule_id_that_is_not_one_is_an_input_error() throws Exception {
        assertThat(run(jar("bad-replay", Hostile.Correct.class), "--replay", "fifo-12")).as(said()).isEqualTo(2);
        assertThat(err.toString()).contains("--replay: not a schedule id: 'fifo-12'");
        assertThat(reports.resolve("index.html")).doesNotExist();
    }

    /** The verdict conformance.json gives the implementation, and the report's index exists. */
    private String reported(String impl) throws IOException {
        assertThat(reports.resolve("index.html")).as("the report's index").isRegularFile();
        JsonNode root = JSON.readTree(reports.resolve("conformance.json").toFile());
        for (JsonNode i : root.path("implementations")) {
            if (impl.equals(i.path("name").asText())) {
                return i.path("conformance").asText();
            }
        }
        throw new AssertionError("conformance.json has no implementation " + impl + ": " + root);
    }

    private String said() {
        return "stdout:\n" + out + "\nstderr:\n" + err;
    }

    @Test
    void a_correct_vendor_jar_conforms_and_only_its_implementation_runs() throws Exception {
        assertThat(run(jar("correct", Hostile.Correct.class))).as(said()).isZero();
        assertThat(out).contains("acme-correct 6.6.6 (ndis-spin-lock): CONFORMS").doesNotContain("reference 1.0");
        assertThat(reported("acme-correct")).isEqualTo("conforms");
        // a jar of one family is graded on that family's pages alone: no Ke clause, no Ke report
        assertThat(out).doesNotContain("(ke-spin-lock)").doesNotContain("KeAcquireSpinLock.");
        assertThat(reports.resolve("ke-spin-lock.acme-correct.html")).doesNotExist();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "throwing from {0}")
    @org.junit.jupiter.params.provider.CsvSource({
        "newLock, newLock(), " + RESTORES, "allocate, NdisAllocateSpinLock, " + RESTORES, "free, NdisFreeSpinLock, " + MUST_INITIALIZE,
        "acquire, NdisAcquireSpinLock, " + RESTORES, "release, NdisReleaseSpinLock, " + RESTORES,
        "dprAcquire, NdisDprAcquireSpinLock, " + DPR_PAIR, "dprRelease, NdisDprReleaseSpinLock, " + DPR_PAIR})
    void throwing_from_any_method_is_an_implementation_error_naming_the_call_and_the_exception(String method, String call, String clause)
            throws Exception {
        System.setProperty(Hostile.THROW_FROM, method);
        try {
            // a release that throws leaves the lock held: the next acquire waits out its call bound, so keep it short;
            // the scenarios of a clause that calls the method are enough to show it
            assertThat(run(jar("throws-from", Hostile.ThrowsFrom.class), "--call-timeout", "1", "--clause", clause, "--explore", "10"))
                    .as(said()).isEqualTo(3);
        } finally {
            System.clearProperty(Hostile.THROW_FROM);
        }
        assertThat(out).contains("throws-from 6.6.6 (ndis-spin-lock): ERROR").contains("acme: thrown from " + method).contains(call);
        assertThat(reported("throws-from")).isEqualTo("error");
    }

    @Test
    void throwing_from_create_is_an_implementation_error() throws Exception {
        assertThat(run(jar("create", Hostile.ThrowsFromCreate.class), "--clause", RESTORES)).as(said()).isEqualTo(3);
        assertThat(out).contains("throws-from-create 6.6.6 (ndis-spin-lock): ERROR")
                .contains("implementation 'throws-from-create' could not create its family: "
                        + "java.lang.UnsupportedOperationException: acme: no HAL support");
        assertThat(reported("throws-from-create")).isEqualTo("error");
    }

    @Test
    void returning_null_is_an_implementation_error() throws Exception {
        assertThat(run(jar("null", Hostile.ReturnsNull.class), "--clause", RESTORES)).as(said()).isEqualTo(3);
        assertThat(out).contains("returns-null 6.6.6 (ndis-spin-lock): ERROR").contains("newLock() of implementation 'returns-null' returned null");
        assertThat(reported("returns-null")).isEqualTo("error");
    }

    @Test
    void a_call_that_never_returns_is_bounded_by_the_call_timeout() throws Exception {
        assertThat(run(jar("never", Hostile.NeverReturns.class), "--clause", RESTORES, "--call-timeout", "0.5")).as(said()).isEqualTo(3);
        assertThat(out).contains("never-returns 6.6.6 (ndis-spin-lock): ERROR")
                .contains("NdisAcquireSpinLock on processor 1 did not return within 500 ms");
        assertThat(reported("never-returns")).isEqualTo("error");
    }

    @Test
    void a_scenario_past_its_time_limit_stops_the_process_and_names_the_scenario() throws Exception {
        assertThat(run(jar("never", Hostile.NeverReturns.class), "--clause", RESTORES, "--call-timeout", "600",
                "--scenario-timeout", "2")).as(said()).isEqualTo(3);
        assertThat(out).contains("never-returns 6.6.6 (ndis-spin-lock): ERROR")
                .containsPattern("the run stopped: scenario '[^']+' \\(features/ndis-spin-lock/nf-ndis-ndisreleasespinlock.feature:\\d+\\) "
                        + "did not end within 2 s; the implementation's process was stopped");
        assertThat(reported("never-returns")).isEqualTo("error");
    }

    @Test
    void a_run_past_its_time_limit_is_stopped() throws Exception {
        // the bound holds wherever the run is when it passes: in the hanging scenario, or (on a loaded host, where the
        // worker's JVM and Cucumber take a while to start) before it; either way the process is stopped, exit 3
        assertThat(run(jar("never", Hostile.NeverReturns.class), "--call-timeout", "600", "--scenario-timeout", "600",
                "--run-timeout", "8")).as(said()).isEqualTo(3);
        assertThat(out).containsPattern("the run stopped: the run did not end within 8 s (during scenario '|\\(outside any scenario\\))");
        assertThat(reported("never-returns")).isEqualTo("error");
    }

    @Test
    void a_stack_overflow_is_an_implementation_error_naming_the_call() throws Exception {
        assertThat(run(jar("recurse", Hostile.OverflowsStack.class), "--clause", RESTORES)).as(said()).isEqualTo(3);
        assertThat(out).contains("overflows-stack 6.6.6 (ndis-spin-lock): ERROR").contains("threw java.lang.StackOverflowError");
        assertThat(reported("overflows-stack")).isEqualTo("error");
    }

    @Test
    void system_exit_mid_run_is_an_error_naming_the_scenario_and_the_caller_and_keeps_what_finished() throws Exception {
        assertThat(run(jar("exit", Hostile.ExitsMidRun.class), "--clause", RESTORES)).as(said()).isEqualTo(3);
        assertThat(out).contains("exits-mid-run 6.6.6 (ndis-spin-lock): ERROR")
                .containsPattern("the run stopped: the implementation ended the JVM with exit status 0 \\(System.exit\\) "
                        + "during scenario '[^']+' \\(features/ndis-spin-lock/nf-ndis-ndisreleasespinlock.feature:\\d+\\), "
                        + "called at io.ddikit.hostile.Hostile\\$ExitsMidRun\\$1.releaseSpinLock\\(Hostile.java:\\d+\\)");
        assertThat(reported("exits-mid-run")).isEqualTo("error");
        JsonNode env = JSON.readTree(reports.resolve("conformance.json").toFile()).path("implementations").get(0).path("environment");
        assertThat(env.path("problem").asText()).startsWith("the implementation ended the JVM with exit status 0 (System.exit)");
        assertThat(Files.readString(reports.resolve("index.html"))).contains("stopped: the implementation ended the JVM");
        assertThat(Files.readString(reports.resolve("ndis-spin-lock.exits-mid-run.html"))).contains("The run stopped:")
                .contains("called at io.ddikit.hostile.Hostile$ExitsMidRun$1.releaseSpinLock(Hostile.java:");
        assertThat(Files.readAllLines(reports.resolve("ndis-spin-lock/exits-mid-run/scenarios.ndjson"))).as("finished scenarios kept")
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void running_out_of_memory_is_an_error_and_the_kit_survives() throws Exception {
        assertThat(run(jar("oom", Hostile.AllocatesUntilOutOfMemory.class), "--clause", RESTORES, "--max-heap", "96"))
                .as(said()).isEqualTo(3);
        assertThat(out).contains("the run stopped: the implementation ran out of memory (the worker's heap is 96 MB) during scenario '");
        assertThat(reported("allocates-until-out-of-memory")).isEqualTo("error");
    }

    @Test
    void non_daemon_threads_left_running_are_an_error_and_do_not_hold_the_run() throws Exception {
        assertThat(run(jar("threads", Hostile.LeaksThread.class), "--clause", RESTORES)).as(said()).isEqualTo(3);
        assertThat(out).containsPattern("the run stopped: the implementation left \\d+ threads? running after the run "
                + "\\(non-daemon: (\\d+ × )?'acme-housekeeper'\\)");
        assertThat(reported("leaks-thread")).isEqualTo("error");
    }

    @Test
    void a_flood_of_output_stops_the_process_and_keeps_the_first_megabyte() throws Exception {
        assertThat(run(jar("flood", Hostile.Prints100Megabytes.class), "--clause", RESTORES, "--max-output", "4"))
                .as(said()).isEqualTo(3);
        assertThat(out).contains("the run stopped: the implementation printed more than 4 MB (standard output and error together) "
                + "during scenario '");
        assertThat(reported("prints-100-mb")).isEqualTo("error");
        assertThat(Files.size(reports.resolve("ndis-spin-lock/prints-100-mb/output.log"))).isBetween(1L << 20, (1L << 20) + 200);
    }

    @Test
    void a_jar_that_is_not_a_jar_is_an_input_error() throws Exception {
        Path bogus = jars.resolve("bogus.jar");
        Files.write(bogus, new byte[] {0x50, 0x4b, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThat(run(bogus)).as(said()).isEqualTo(2);
        assertThat(err.toString()).startsWith("ddikit run: " + bogus + ": not a jar (zip END header not found)").doesNotContain("\tat ");
    }

    @Test
    void two_implementations_with_one_name_are_an_input_error() throws Exception {
        assertThat(run(jar("twins", Hostile.TwinA.class, Hostile.TwinB.class))).as(said()).isEqualTo(2);
        assertThat(err.toString()).contains("ddikit run: two implementations of ndis-spin-lock are named 'twin': "
                + "io.ddikit.hostile.Hostile$TwinA and io.ddikit.hostile.Hostile$TwinB");
    }

    @Test
    void a_jar_with_no_implementation_is_an_input_error_that_says_what_is_missing() throws Exception {
        Path empty = jar("empty");
        assertThat(run(empty)).as(said()).isEqualTo(2);
        assertThat(err.toString()).contains("ddikit run: no implementation found in " + empty
                + " (a provider must be named in META-INF/services/io.ddikit.spi.ndis.NdisSpinLockProvider or "
                + "META-INF/services/io.ddikit.spi.ke.KeSpinLockProvider or META-INF/services/io.ddikit.spi.ndisrw.NdisRwLockProvider)");
    }

    @Test
    void one_hostile_implementation_does_not_affect_another_in_the_same_run() throws Exception {
        Path both = jar("both", Hostile.ExitsMidRun.class, Hostile.Correct.class);
        assertThat(run(both)).as(said()).isEqualTo(3);
        assertThat(out).contains("exits-mid-run 6.6.6 (ndis-spin-lock): ERROR").contains("acme-correct 6.6.6 (ndis-spin-lock): CONFORMS");
        assertThat(reported("exits-mid-run")).isEqualTo("error");
        assertThat(reported("acme-correct")).isEqualTo("conforms");
    }

    @Test
    void a_run_killed_with_sigkill_leaves_a_report_marked_incomplete_and_no_worker_behind() throws Exception {
        Path jar = jar("slow", Hostile.Slow.class);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                // the scenarios of one clause (six, the first three single-processor ones), few schedules: results
                // come within seconds and the run is still going when it is killed
                "run", "--classpath", jar.toString(), "--report", reports.toString(), "--seed", "5", "-q", "--clause", RESTORES,
                "--explore", "5");
        Process kit = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(jars.resolve("killed-run.log").toFile()).start();
        Path results = reports.resolve("ndis-spin-lock/slow/scenarios.ndjson");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(reports.resolve("index.html")) && Files.exists(results) && Files.readAllLines(results).size() >= 3)) {
            assertThat(kit.isAlive()).as("the run ended before it could be killed: "
                    + Files.readString(jars.resolve("killed-run.log"))).isTrue();
            assertThat(System.nanoTime()).as("results within 120 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        List<ProcessHandle> workers = kit.descendants().toList();
        assertThat(workers).as("a worker runs the implementation").isNotEmpty();
        kit.destroyForcibly();
        kit.waitFor();
        for (ProcessHandle w : workers) {
            w.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(w.isAlive()).as("worker " + w.pid() + " ended itself").isFalse();
        }

        String index = Files.readString(reports.resolve("index.html"));
        assertThat(index).contains("Incomplete run");
        JsonNode impl = JSON.readTree(reports.resolve("conformance.json").toFile()).path("implementations").get(0);
        assertThat(impl.path("name").asText()).isEqualTo("slow");
        assertThat(impl.path("environment").path("complete").asBoolean(true)).isFalse();
        assertThat(Files.readAllLines(results).size()).isGreaterThanOrEqualTo(3);
    }
}
