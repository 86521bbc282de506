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
 * with a message in the page's words, and no correct implementation may fail; in each of the three families. Run once for all the checks, with
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

    private static final String RW_READ_RAISES = "NdisAcquireReadWriteLock.remarks.read-operation-NdisAcquireReadWriteLock-explicitly-raises-irql";
    private static final String RW_NOT_DURING_WRITE = "NdisInitializeReadWriteLock.remarks.such-read-access-not-permitted-during";
    private static final String RW_WRITE_EXCLUDES = "NdisInitializeReadWriteLock.remarks.when-one-non-isr-thread-has";
    private static final String RW_RELEASE = "NdisReleaseReadWriteLock.description.NdisReleaseReadWriteLock-function-releases-lock-acquired-preceding";
    private static final String RW_RESTORES = "NdisReleaseReadWriteLock.remarks.NdisReleaseReadWriteLock-restores-original-irql-used-caller";
    private static final String RW_REFCOUNT = "NdisAcquireReadWriteLock.remarks.decrement-reference-count-lock-driver-must";
    private static final String RW_RECIPROCAL = "NdisReleaseReadWriteLock.remarks.each-call-NdisAcquireReadWriteLock-requires-reciprocal-call";
    private static final String RW_DPR_IRQL = "NdisDprAcquireReadWriteLock.requirements.irql";

    private static final Path REPORT = Path.of("kit/target/selftest-test");
    private static int exitCode;
    private static String out;
    private static JsonNode matrix;

    @BeforeAll
    static void runSelftest() throws IOException {
        StringWriter o = new StringWriter();
        picocli.CommandLine cl = DdikitCommand.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        exitCode = cl.execute("selftest", "--focused", "--seed", "1234", "--report", REPORT.toString());
        out = o.toString();
        matrix = new ObjectMapper().readTree(REPORT.resolve("selftest.json").toFile());
    }

    @Test
    void every_fault_is_killed_by_a_clause_it_breaks_and_every_correct_implementation_conforms() {
        assertThat(exitCode).as(out).isZero();
        assertThat(out).contains("self-test passed");
        assertThat(matrix.get("passed").asBoolean()).isTrue();
        assertThat(matrix.get("faults")).hasSizeGreaterThanOrEqualTo(20);
        List<String> outcomes = new ArrayList<>();
        matrix.get("faults").forEach(f -> outcomes.add(f.get("name").asText() + ": " + f.get("outcome").asText()));
        assertThat(outcomes).allMatch(s -> s.endsWith(": killed"), "killed");
        matrix.get("correct").forEach(r -> assertThat(r.get("conformance").asText()).as(r.get("name").asText()).isEqualTo("conforms"));
        assertThat(REPORT.resolve("selftest.html")).exists();
        assertThat(Files.exists(REPORT.resolve("selftest.html.tmp"))).isFalse();
    }

    @Test
    void each_family_has_its_own_matrix_and_every_ke_fault_is_caught_by_a_clause_it_breaks() {
        List<String> families = new ArrayList<>();
        matrix.get("families").forEach(f -> families.add(f.get("id").asText() + " " + f.get("passed").asBoolean()));
        assertThat(families).containsExactly("ndis-spin-lock true", "ke-spin-lock true", "ndis-rw-lock true");
        List<JsonNode> ke = new ArrayList<>();
        matrix.get("faults").forEach(f -> {
            if (f.get("family").asText().equals("ke-spin-lock")) {
                ke.add(f);
            }
        });
        assertThat(ke).hasSizeGreaterThanOrEqualTo(10);
        for (JsonNode f : ke) {
            List<String> caught = new ArrayList<>();
            f.get("breaks").forEach(id -> {
                String v = f.get("verdicts").path(id.asText()).asText();
                if (v.equals("failed") || v.equals("error")) {
                    caught.add(id.asText());
                }
            });
            assertThat(caught).as("clauses of %s that caught it: %s", f.get("name").asText(), f.toPrettyString()).isNotEmpty();
            assertThat(f.get("verdicts").fieldNames()).toIterable().allMatch(id -> id.startsWith("Ke"), "Ke clauses only");
        }
        assertThat(out).contains("Kernel executive spin locks (ke-spin-lock)").contains("NDIS spin locks (ndis-spin-lock)");
    }

    @Test
    void every_read_write_lock_fault_is_caught_by_a_clause_it_breaks_and_judged_on_its_pages_only() {
        List<JsonNode> rw = new ArrayList<>();
        matrix.get("faults").forEach(f -> {
            if (f.get("family").asText().equals("ndis-rw-lock")) {
                rw.add(f);
            }
        });
        assertThat(rw).hasSizeGreaterThanOrEqualTo(10);
        for (JsonNode f : rw) {
            assertThat(f.get("outcome").asText()).as(f.toPrettyString()).isEqualTo("killed");
            assertThat(f.get("verdicts").fieldNames()).toIterable().allMatch(id -> id.contains("ReadWriteLock."),
                    "read-write lock clauses only");
        }
        assertThat(out).contains("NDIS read-write locks (ndis-rw-lock)");
    }

    @ParameterizedTest(name = "{0} is caught by {1} as {2}")
    @CsvSource({
        "read-no-raise,              " + RW_READ_RAISES + ", failed, 'holds lock A at PASSIVE_LEVEL; it must hold it at DISPATCH_LEVEL'",
        "read-counts-before-raising, " + RW_READ_RAISES + ", failed, 'processor 0 is paused inside KeRaiseIrql at PASSIVE_LEVEL'",
        "writer-ignores-readers,     " + RW_NOT_DURING_WRITE + ", failed, 'write access granted beside them'",
        "write-mistaken-for-recursion, " + RW_NOT_DURING_WRITE + ", failed, 'write access granted beside them'",
        "non-atomic-reader-count,    " + RW_WRITE_EXCLUDES + ", failed, '[found under schedule '",
        "release-always-writer-path, " + RW_RELEASE + ", failed, 'returned, but lock A is still taken'",
        "release-writer-path-after-a-writer, " + RW_RELEASE + ", failed, 'returned, but lock A is still taken'",
        "shared-lock-state,          " + RW_RESTORES + ", failed, 'left IRQL at DISPATCH_LEVEL; the caller entered NdisAcquireReadWriteLock for read (lock state R1) at PASSIVE_LEVEL'",
        "recursive-read-deadlocks,   " + RW_REFCOUNT + ", failed, 'a thread that holds read access must get read access again at once'",
        "dpr-acquire-raises,         " + RW_DPR_IRQL + ", failed, 'after 1 KeRaiseIrql and 0 KeLowerIrql calls'",
        "checked-trusts-lock-state,  " + RW_RECIPROCAL + ", failed, 'was not reported: expected a bug check'",
    })
    void a_read_write_lock_fault_is_caught_by_the_clause_it_breaks(String fault, String clause, String verdict, String messagePart) {
        JsonNode row = null;
        for (JsonNode f : matrix.get("faults")) {
            if (f.get("name").asText().equals(fault) && f.get("family").asText().equals("ndis-rw-lock")) {
                row = f;
            }
        }
        assertThat(row).as("fault %s in the kill matrix", fault).isNotNull();
        assertThat(row.get("breaks").toString()).as("clauses %s breaks", fault).contains(clause);
        assertThat(row.get("verdicts").get(clause).asText()).as(row.toPrettyString()).isEqualTo(verdict);
        assertThat(row.get("reasons").get(clause).asText()).as(row.toPrettyString()).contains(messagePart).contains("clause " + clause);
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
        JsonNode row = null;
        for (JsonNode f : matrix.get("faults")) {
            if (f.get("name").asText().equals(fault) && f.get("family").asText().equals("ndis-spin-lock")) {
                row = f;
            }
        }
        assertThat(row).as("fault %s in the kill matrix", fault).isNotNull();
        assertThat(row.get("breaks").toString()).as("clauses %s breaks", fault).contains(clause);
        assertThat(row.get("verdicts").get(clause).asText()).as(row.toPrettyString()).isEqualTo(verdict);
        assertThat(row.get("reasons").get(clause).asText()).as(row.toPrettyString()).contains(messagePart).contains("clause " + clause);
    }
}
