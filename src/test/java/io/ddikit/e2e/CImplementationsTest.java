package io.ddikit.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddikit.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * C implementations, end to end, as a vendor runs them: {@code examples/c-spinlock} is built with the machine's C
 * compiler through its Makefile (the correct library and its faulty variants), and {@code ddikit run --native} tests
 * them in sandboxed workers. The correct one conforms in the three families it exports; each faulty one fails the clause it breaks, with
 * the page's words; a crash in C is the implementation's error, naming the call, the processor, its IRQL and the
 * signal; a loop that never ends is a hang of its call; and what runs after a crash is unaffected.
 */
class CImplementationsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path BUILD = ROOT.resolve("kit/target/c-spinlock");

    // clauses of the NDIS spin lock pages the faults break (the same as the Java faults of io.ddikit.faults.ndis)
    private static final String DESCRIPTION = "NdisReleaseSpinLock.description.NdisReleaseSpinLock-function-releases-spin-lock-acquired";
    private static final String IRQL = "NdisReleaseSpinLock.requirements.irql";
    private static final String ACQUIRE_IRQL = "NdisAcquireSpinLock.requirements.irql";
    private static final String ACQUIRE_EXCLUSIVE = "NdisAcquireSpinLock.description.NdisAcquireSpinLock-function-acquires-spin-lock-so";
    private static final String DPR_PAIR = "NdisReleaseSpinLock.remarks.spin-lock-acquired-NdisDprAcquireSpinLock-must-released";
    private static final String FREE_RELEASES = "NdisFreeSpinLock.description.NdisFreeSpinLock-function-releases-spin-lock-initialized";

    @BeforeAll
    static void build() throws Exception {
        assumeTrue(onPath("gcc") || onPath("cc"), "no C compiler (gcc or cc) on the PATH: the C examples cannot be built here");
        assumeTrue(onPath("make"), "no make on the PATH: the C examples cannot be built here");
        Process p = new ProcessBuilder("make", "-s", "-C", "examples/c-spinlock", "BUILD=" + BUILD).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("make in examples/c-spinlock:\n%s", out).isZero();
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static Path lib(String variant) {
        return BUILD.resolve(variant.isEmpty() ? "libcspin.so" : "libcspin-" + variant + ".so");
    }

    /** What one {@code ddikit run} printed and wrote. */
    private record Run(int exit, String out, String err, JsonNode conformance) {
        JsonNode implementation(String family, String name) {
            for (JsonNode i : conformance.get("implementations")) {
                if (i.get("family").asText().equals(family) && i.get("name").asText().equals(name)) {
                    return i;
                }
            }
            throw new AssertionError("no " + family + " implementation " + name + " in the report; printed:\n" + out + err);
        }

        /** The verdict of each clause of the implementation (only those with scenarios that ran). */
        Map<String, JsonNode> clauses(String family, String name) {
            Map<String, JsonNode> m = new LinkedHashMap<>();
            implementation(family, name).get("clauses").forEach(c -> m.put(c.get("id").asText(), c));
            return m;
        }

        /** The messages of the failed or erring scenarios of clause {@code id}. */
        List<String> messages(String family, String name, String id) {
            List<String> all = new ArrayList<>();
            clauses(family, name).get(id).get("scenarios").forEach(s -> all.add(s.get("message").asText()));
            return all;
        }
    }

    private static Run ddikit(String report, List<String> args) throws IOException {
        Path dir = ROOT.resolve("kit/target/c-reports/" + report);
        List<String> all = new ArrayList<>(List.of("run", "-q", "--report", dir.toString()));
        all.addAll(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        Path json = dir.resolve("conformance.json");
        JsonNode conformance = Files.exists(json) ? new ObjectMapper().readTree(json.toFile()) : null;
        return new Run(exit, out.toString(), err.toString(), conformance);
    }

    @Test
    void the_correct_c_library_conforms_in_every_family_it_exports() throws Exception {
        // two processors and 10 schedules per contention scenario keep CI quick; CBridgeBenchmark and `make run` run it
        // with the defaults (4 processors, 200 schedules), and it conforms there too
        Run r = ddikit("correct", List.of("--native", lib("").toString(), "--name", "cspin", "--version", "1.0",
                "--explore", "10", "--processors", "2"));
        assertThat(r.exit()).as("%s%s", r.out(), r.err()).isZero();
        assertThat(r.implementation("ndis-spin-lock", "cspin").get("conformance").asText()).isEqualTo("conforms");
        assertThat(r.implementation("ke-spin-lock", "cspin").get("conformance").asText()).isEqualTo("conforms");
        assertThat(r.implementation("ndis-rw-lock", "cspin").get("conformance").asText()).isEqualTo("conforms");
        assertThat(r.implementation("ke-spin-lock", "cspin").get("version").asText()).isEqualTo("1.0");
    }

    @Test
    void each_faulty_c_library_fails_the_clause_it_breaks_and_a_crash_or_a_hang_ends_only_its_own_run() throws Exception {
        // the crash first: the libraries after it run as if it had not happened
        List<String> faults = List.of("crash-on-contention", "lower-before-clear", "raise-after-take", "plain-release",
                "keeps-word-at-apc", "bugcheck-in-dpr-release", "non-atomic-tas");
        List<String> args = new ArrayList<>();
        faults.forEach(f -> args.addAll(List.of("--native", lib(f).toString())));
        for (String c : List.of(DESCRIPTION, ACQUIRE_IRQL, ACQUIRE_EXCLUSIVE, DPR_PAIR)) {
            args.addAll(List.of("--clause", c));
        }
        args.addAll(List.of("--family", "ndis-spin-lock", "--explore", "10", "--processors", "2"));
        Run r = ddikit("faults", args);
        String printed = r.out() + r.err();
        assertThat(r.exit()).as(printed).isEqualTo(1);
        String f = "ndis-spin-lock";

        // the crash: the implementation's error, naming the signal, the C function, the call, the processor and IRQL
        JsonNode crash = r.implementation(f, "cspin-crash-on-contention");
        assertThat(crash.get("conformance").asText()).isEqualTo("error");
        assertThat(crash.get("environment").get("problem").asText())
                .contains("process died: it received SIGSEGV in C code (libcspin-crash-on-contention.so take")
                .contains("in the call NdisAcquireSpinLock on processor ")
                .contains(", at DISPATCH_LEVEL during scenario");
        JsonNode crashed = r.clauses(f, "cspin-crash-on-contention").get(ACQUIRE_EXCLUSIVE).get("scenarios");
        assertThat(crashed.findValuesAsText("errorSource")).contains("implementation");
        assertThat(printed).contains("cspin-crash-on-contention sha256:").contains("received SIGSEGV");

        // the libraries run after the crash are graded as if it had not happened
        assertFails(r, "cspin-lower-before-clear", DESCRIPTION, "lock");
        assertFails(r, "cspin-raise-after-take", ACQUIRE_IRQL, "paused inside KeRaiseIrql");
        assertFails(r, "cspin-plain-release", DESCRIPTION, "none with release semantics");
        assertFails(r, "cspin-keeps-word-at-apc", DESCRIPTION, "APC_LEVEL");
        assertFails(r, "cspin-bugcheck-in-dpr-release", DPR_PAIR, "KeBugCheckEx(0x10");

        // a contention fault of C, caught under the controlled scheduler, which switched at the header's helpers
        assertFails(r, "cspin-non-atomic-tas", ACQUIRE_EXCLUSIVE, "mutual exclusion of lock A broken");
        assertThat(r.messages(f, "cspin-non-atomic-tas", ACQUIRE_EXCLUSIVE)).anyMatch(m -> m.contains("found under schedule")
                && m.contains("ReadNoFence") && m.contains("WriteRelease") && m.contains("--native " + lib("non-atomic-tas")));
    }

    @Test
    void a_c_loop_that_never_ends_is_a_hang_of_its_call_and_the_run_goes_on() throws Exception {
        Run r = ddikit("loop", List.of("--native", lib("loop-in-free").toString(), "--family", "ndis-spin-lock",
                "--clause", FREE_RELEASES, "--clause", ACQUIRE_IRQL, "--call-timeout", "1", "--explore", "5"));
        assertThat(r.exit()).as("%s%s", r.out(), r.err()).isEqualTo(3);
        String name = "cspin-loop-in-free";
        assertThat(r.clauses("ndis-spin-lock", name).get(FREE_RELEASES).get("verdict").asText()).isEqualTo("error");
        assertThat(r.messages("ndis-spin-lock", name, FREE_RELEASES)).anyMatch(m -> m.contains("NdisFreeSpinLock on processor")
                && m.contains("did not return within 1000 ms"));
        assertThat(r.clauses("ndis-spin-lock", name).get(ACQUIRE_IRQL).get("verdict").asText()).isEqualTo("passed");
    }

    @Test
    void a_c_writer_that_gives_the_read_write_lock_up_with_a_plain_store_fails_the_clause_it_breaks() throws Exception {
        String clause = "NdisAcquireReadWriteLock.description.NdisAcquireReadWriteLock-function-acquires-lock-caller-uses";
        Run r = ddikit("rw", List.of("--native", lib("rw-plain-release").toString(), "--family", "ndis-rw-lock",
                "--clause", clause, "--explore", "10"));
        assertThat(r.exit()).as("%s%s", r.out(), r.err()).isEqualTo(1);
        JsonNode c = r.clauses("ndis-rw-lock", "cspin-rw-plain-release").get(clause);
        assertThat(c.get("verdict").asText()).isEqualTo("failed");
        assertThat(r.messages("ndis-rw-lock", "cspin-rw-plain-release", clause)).anyMatch(m -> m.contains(
                "gave write access up with 1 plain memory operation(s) and none with release semantics"));
    }

    @Test
    void a_third_party_library_that_declares_the_services_itself_runs_with_the_shim_compiled_in() throws Exception {
        Path third = BUILD.resolve("libthird.so");
        Process cc = new ProcessBuilder(onPath("gcc") ? "gcc" : "cc", "-shared", "-fPIC", "-O2", "-I", "include",
                "src/test/resources/c/third_party_locks.c", "include/ddikit/ddikit_shim.c", "-o", third.toString())
                .redirectErrorStream(true).start();
        String out = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cc.waitFor()).as(out).isZero();
        // its acquire is KeAcquireSpinLockRaiseToDpc, returning the KIRQL
        Run r = ddikit("third", List.of("--native", third.toString(), "--explore", "5",
                "--clause", "KeAcquireSpinLock.description.KeAcquireSpinLock-routine-acquires-spin-lock-so",
                "--clause", "KeReleaseSpinLock.requirements.irql"));
        // two clauses run, so the rest are untested: incomplete, exit 1, with nothing failed
        assertThat(r.exit()).as("%s%s", r.out(), r.err()).isEqualTo(1);
        assertThat(r.implementation("ke-spin-lock", "third").get("conformance").asText()).isEqualTo("incomplete");
        for (String c : List.of("KeAcquireSpinLock.description.KeAcquireSpinLock-routine-acquires-spin-lock-so",
                "KeReleaseSpinLock.requirements.irql")) {
            assertThat(r.clauses("ke-spin-lock", "third").get(c).get("verdict").asText()).as(c).isEqualTo("passed");
        }
    }

    private static void assertFails(Run r, String name, String clause, String words) {
        JsonNode c = r.clauses("ndis-spin-lock", name).get(clause);
        assertThat(c.get("verdict").asText()).as("%s: %s; %s", name, clause, c).isEqualTo("failed");
        assertThat(r.messages("ndis-spin-lock", name, clause)).as("%s: %s", name, clause).anyMatch(m -> m.contains(words));
    }

    @Test
    void what_is_not_a_c_library_is_one_line_and_exit_2() throws Exception {
        Run missing = ddikit("bad", List.of("--native", "no/such/libx.so"));
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("ddikit run: no/such/libx.so: no such file").doesNotContain("Exception");
        Run text = ddikit("bad", List.of("--native", "README.md"));
        assertThat(text.exit()).isEqualTo(2);
        assertThat(text.err()).contains("ddikit run: README.md: not a shared library (no ELF header)").doesNotContain("\tat ");
    }
}
