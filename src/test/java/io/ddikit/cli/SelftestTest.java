package io.ddikit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit proves it can fail: {@code ddikit selftest} runs the suite against every faulty implementation of the
 * catalogue (with schedule noise) and every correct one; each fault must be caught by the clause it breaks,
 * with a message in the page's words, and no correct implementation may fail. This class: the NDIS spin lock family
 * ({@code --family ndis-spin-lock}); {@link SelftestKeRwTest} the other two, in one run. Run once for all the checks, with
 * {@code --focused} (each fault on the scenarios of the clauses it breaks; the correct implementations on the whole
 * suite), which is what these checks need.
 */
class SelftestTest {
    private static final String DESCRIPTION = "NdisReleaseSpinLock.description.NdisReleaseSpinLock-function-releases-spin-lock-acquired";
    private static final String RESTORES = "NdisReleaseSpinLock.remarks.NdisReleaseSpinLock-restores-original-irql-which-caller";
    private static final String DPR_PAIR = "NdisReleaseSpinLock.remarks.spin-lock-acquired-NdisDprAcquireSpinLock-must-released";
    private static final String IRQL = "NdisReleaseSpinLock.requirements.irql";
    private static final String INITIALIZE = "NdisReleaseSpinLock.remarks.driver-must-initialize-spin-lock-NdisAllocateSpinLock";
    private static final String ACQUIRE_FIRST = "NdisReleaseSpinLock.remarks.driver-must-call-NdisAcquireSpinLock-acquire-spin";
    private static final String RECIPROCAL = "NdisReleaseSpinLock.remarks.each-call-NdisAcquireSpinLock-requires-reciprocal-call";

    private static final Path REPORT = Path.of("kit/target/selftest-test");
    private static Selftest run;

    /** What {@code ddikit selftest} printed and wrote. */
    record Selftest(int exitCode, String out, String err, Path report, JsonNode matrix) {
    }

    /** Runs {@code ddikit selftest} in this JVM with {@code args}, writing into {@code report}. */
    static Selftest selftest(Path report, String... args) throws IOException {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        picocli.CommandLine cl = DdikitCommand.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        List<String> all = new ArrayList<>(List.of("selftest", "--report", report.toString()));
        all.addAll(List.of(args));
        int code = cl.execute(all.toArray(String[]::new));
        Path json = report.resolve("selftest.json");
        return new Selftest(code, o.toString(), e.toString(), report, Files.exists(json) ? new ObjectMapper().readTree(json.toFile()) : null);
    }

    /** Every fault of the run killed, at least {@code faults} of them, every correct implementation conforming. */
    static void assertPassed(Selftest run, int faults) {
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("self-test passed");
        assertThat(run.matrix().get("passed").asBoolean()).isTrue();
        assertThat(run.matrix().get("faults")).hasSizeGreaterThanOrEqualTo(faults);
        List<String> outcomes = new ArrayList<>();
        run.matrix().get("faults").forEach(f -> outcomes.add(f.get("name").asText() + ": " + f.get("outcome").asText()));
        assertThat(outcomes).allMatch(s -> s.endsWith(": killed"), "killed");
        assertThat(run.matrix().get("correct")).isNotEmpty();
        run.matrix().get("correct").forEach(r -> assertThat(r.get("conformance").asText()).as(r.get("name").asText()).isEqualTo("conforms"));
        assertThat(run.report().resolve("selftest.html")).exists();
        assertThat(Files.exists(run.report().resolve("selftest.html.tmp"))).isFalse();
    }

    /** The row of {@code fault} of {@code family} in the kill matrix, asserted to be caught by {@code clause} as {@code verdict}. */
    static void assertCaught(JsonNode matrix, String family, String fault, String clause, String verdict, String messagePart) {
        JsonNode row = null;
        for (JsonNode f : matrix.get("faults")) {
            if (f.get("name").asText().equals(fault) && f.get("family").asText().equals(family)) {
                row = f;
            }
        }
        assertThat(row).as("fault %s in the kill matrix", fault).isNotNull();
        assertThat(row.get("breaks").toString()).as("clauses %s breaks", fault).contains(clause);
        assertThat(row.get("verdicts").get(clause).asText()).as(row.toPrettyString()).isEqualTo(verdict);
        assertThat(row.get("reasons").get(clause).asText()).as(row.toPrettyString()).contains(messagePart).contains("clause " + clause);
    }

    @BeforeAll
    static void runSelftest() throws IOException {
        run = selftest(REPORT, "--focused", "--family", "ndis-spin-lock", "--seed", "1234");
    }

    @Test
    void every_fault_is_killed_by_a_clause_it_breaks_and_every_correct_implementation_conforms() {
        assertPassed(run, 20);
        List<String> families = new ArrayList<>();
        run.matrix().get("families").forEach(f -> families.add(f.get("id").asText()));
        assertThat(families).as("--family ndis-spin-lock: that family's matrix alone").containsExactly("ndis-spin-lock");
        run.matrix().get("faults").forEach(f -> assertThat(f.get("family").asText()).isEqualTo("ndis-spin-lock"));
    }

    @Test
    void a_family_that_is_not_one_and_a_fault_of_another_family_are_input_errors() throws IOException {
        Selftest unknown = selftest(REPORT.resolveSibling("selftest-test-unknown"), "--family", "ndis-spin-lok");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(unknown.err().strip()).endsWith("\nddikit selftest: --family ndis-spin-lok: no such API family; "
                + "known: ndis-spin-lock, ke-spin-lock, ndis-rw-lock");
        Selftest other = selftest(REPORT.resolveSibling("selftest-test-other"), "--family", "ke-spin-lock", "--fault", "lower-to-passive");
        assertThat(other.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(other.err().strip()).endsWith("\nddikit selftest: no faulty implementation of --family ke-spin-lock among --fault lower-to-passive");
    }

    @ParameterizedTest(name = "{0} is caught by {1} as {2}")
    @CsvSource({
        "no-raise,            " + RESTORES + ",    failed, DISPATCH_LEVEL",
        "no-raise,            " + IRQL + ",        failed, DPC",
        "lower-to-passive,    " + RESTORES + ",    failed, left IRQL at PASSIVE_LEVEL",
        "plain-release,       " + DESCRIPTION + ", failed, none with release semantics",
        "late-oldirql-read,   " + RESTORES + ",    failed, left IRQL at",
        "early-oldirql-write, " + RESTORES + ",    failed, left IRQL at PASSIVE_LEVEL",
        "non-atomic-tas,      " + DESCRIPTION + ", failed, mutual exclusion of lock A broken",
        "dpr-raises,          " + DPR_PAIR + ",    failed, KeRaiseIrql",
        "hang-on-contention,  " + DESCRIPTION + ", failed, 'yet lock A is free: a probe from processor 3 took it at once'",
        "throws,              " + DESCRIPTION + ", error,  IllegalStateException",
        "dpr-release-lowers,  " + DPR_PAIR + ",    failed, NdisDprReleaseSpinLock on processor 1 left IRQL at PASSIVE_LEVEL",
        "lower-before-clear,  " + DESCRIPTION + ", failed, 'the lock is still held (by processor 0, paused inside KeLowerIrql)'",
        "free-retires-word,   " + INITIALIZE + ",  failed, could not take lock B with NdisDprAcquireSpinLock",
        "ticket-skips-waiter, " + DESCRIPTION + ", failed, 'yet lock A is free: a probe from processor 3 took it at once'",
        "dispatch-entry-stale-save, " + RESTORES + ", failed, left IRQL at PASSIVE_LEVEL; the caller entered NdisAcquireSpinLock at DISPATCH_LEVEL",
        "recursive-acquire,   " + RECIPROCAL + ",  failed, was not reported: expected a bug check naming the SpinLock rule",
        "wrong-rule,          " + ACQUIRE_FIRST + ", failed, expected the SpinlockRelease rule",
        "raise-to-high,       " + RESTORES + ",    failed, holds lock A at HIGH_LEVEL; it must be held at DISPATCH_LEVEL",
        "raise-to-apc,        " + IRQL + ",        failed, ran while processor 0 was between calls, holding lock A",
        "release-never-lowers, " + RESTORES + ",   failed, left IRQL at DISPATCH_LEVEL; the caller entered NdisAcquireSpinLock at PASSIVE_LEVEL",
        "dpr-skips-word,      " + DPR_PAIR + ",    failed, two processors own the lock at once",
        "per-processor-word,  " + DESCRIPTION + ", failed, two processors own the lock at once",
        "spin-without-yield,  " + DESCRIPTION + ", failed, makes no spin-wait turns (Hal.spinWait)",
        "shared-oldirql,      " + RESTORES + ",    failed, left IRQL at DISPATCH_LEVEL; the caller entered NdisAcquireSpinLock at APC_LEVEL",
        "free-throws-after-use, " + INITIALIZE + ", error, IllegalStateException",
        "release-keeps-word-at-apc, " + DESCRIPTION + ", failed, 'NdisReleaseSpinLock on processor 0 (entered at APC_LEVEL) returned, but lock A is still taken'",
        "raise-after-take,    " + IRQL + ",        failed, 'ran while processor 1 was in NdisAcquireSpinLock(lock A)'",
        "plain-read-spin,     " + DESCRIPTION + ", failed, 'read Faults$PlainLock.busy (a plain read)'",
        "late-oldirql-read-no-hal, " + RESTORES + ", failed, left IRQL at",
        "lower-before-clear,  " + IRQL + ",        failed, 'which interrupted NdisReleaseSpinLock on processor 0 at PASSIVE_LEVEL'",
        "allocate-leaves-taken, " + INITIALIZE + ", failed, 'no release had returned, so it was never free after NdisAllocateSpinLock'",
        "ticket-wraps,        " + DESCRIPTION + ", failed, 'returned but left lock A taken'",
        "allocate-free-at-most-dispatch, NdisFreeSpinLock.remarks.callers-NdisFreeSpinLock-can-run-irql, failed, 'NdisFreeSpinLock: called at DIRQL 5, must be at or below DISPATCH_LEVEL'",
    })
    void fault_is_caught_by_the_clause_it_breaks(String fault, String clause, String verdict, String messagePart) {
        assertCaught(run.matrix(), "ndis-spin-lock", fault, clause, verdict, messagePart);
    }
}
