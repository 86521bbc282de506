package io.ddikit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ddikit selftest} for the Ke spin lock and NDIS read-write lock families, in one run with two {@code --family}
 * options (a class apart from {@link SelftestTest}'s NDIS spin lock run, so that the two runs can go side by side).
 */
class SelftestKeRwTest {
    private static final String RW_READ_RAISES = "NdisAcquireReadWriteLock.remarks.read-operation-NdisAcquireReadWriteLock-explicitly-raises-irql";
    private static final String RW_NOT_DURING_WRITE = "NdisInitializeReadWriteLock.remarks.such-read-access-not-permitted-during";
    private static final String RW_WRITE_EXCLUDES = "NdisInitializeReadWriteLock.remarks.when-one-non-isr-thread-has";
    private static final String RW_RELEASE = "NdisReleaseReadWriteLock.description.NdisReleaseReadWriteLock-function-releases-lock-acquired-preceding";
    private static final String RW_RESTORES = "NdisReleaseReadWriteLock.remarks.NdisReleaseReadWriteLock-restores-original-irql-used-caller";
    private static final String RW_REFCOUNT = "NdisAcquireReadWriteLock.remarks.decrement-reference-count-lock-driver-must";
    private static final String RW_RECIPROCAL = "NdisReleaseReadWriteLock.remarks.each-call-NdisAcquireReadWriteLock-requires-reciprocal-call";
    private static final String RW_DPR_IRQL = "NdisDprAcquireReadWriteLock.requirements.irql";

    private static final Path REPORT = Path.of("kit/target/selftest-ke-rw-test");
    private static SelftestTest.Selftest run;

    @BeforeAll
    static void runSelftest() throws IOException {
        run = SelftestTest.selftest(REPORT, "--focused", "--family", "ke-spin-lock", "--family", "ndis-rw-lock", "--seed", "1234");
    }

    @Test
    void every_fault_is_killed_by_a_clause_it_breaks_and_every_correct_implementation_conforms() {
        SelftestTest.assertPassed(run, 20);
    }

    @Test
    void each_family_has_its_own_matrix_and_every_ke_fault_is_caught_by_a_clause_it_breaks() {
        List<String> families = new ArrayList<>();
        run.matrix().get("families").forEach(f -> families.add(f.get("id").asText() + " " + f.get("passed").asBoolean()));
        assertThat(families).as("two --family options: a matrix for each, in the families' order")
                .containsExactly("ke-spin-lock true", "ndis-rw-lock true");
        List<JsonNode> ke = new ArrayList<>();
        run.matrix().get("faults").forEach(f -> {
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
        assertThat(run.out()).contains("Kernel executive spin locks (ke-spin-lock)").doesNotContain("NDIS spin locks (ndis-spin-lock)");
    }

    @Test
    void every_read_write_lock_fault_is_caught_by_a_clause_it_breaks_and_judged_on_its_pages_only() {
        List<JsonNode> rw = new ArrayList<>();
        run.matrix().get("faults").forEach(f -> {
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
        assertThat(run.out()).contains("NDIS read-write locks (ndis-rw-lock)");
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
        SelftestTest.assertCaught(run.matrix(), "ndis-rw-lock", fault, clause, verdict, messagePart);
    }
}
