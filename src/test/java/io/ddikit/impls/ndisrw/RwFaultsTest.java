package io.ddikit.impls.ndisrw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddikit.doc.DocPage;
import io.ddikit.doc.read.PageReader;
import io.ddikit.faults.ndisrw.RwFaults;
import io.ddikit.impls.ndisrw.reference.RwReferenceProvider;
import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.HalOp;
import io.ddikit.kernel.PausePoint;
import io.ddikit.kernel.PendingCall;
import io.ddikit.spi.Capability;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndisrw.NdisRwLockProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each fault of {@link RwFaults} shows its symptom through the simulated machine, and the reference does not: so the
 * catalogue holds real faults, each breaking the clauses it names. (The one that needs an interleaving,
 * {@code non-atomic-reader-count}, is shown under the controlled scheduler in {@code io.ddikit.e2e.RwLocksTest}.)
 */
@Timeout(60)
class RwFaultsTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(5);
    private static final Irql PASSIVE = Irql.PASSIVE_LEVEL;
    private static final Irql APC = Irql.APC_LEVEL;
    private static final Irql DISPATCH = Irql.DISPATCH_LEVEL;
    private static final NdisRwLockProvider REFERENCE = new RwReferenceProvider();

    private static NdisRwLockProvider fault(String name) {
        return RwFaults.byName(name);
    }

    private static RwLockDriver driver(NdisRwLockProvider p) {
        return new RwLockDriver(p).initialized("A");
    }

    /** The clause ids of the five read-write lock pages, as the kit's reader makes them. */
    private static Set<String> clauses() {
        return PageReader.read(List.of(Path.of("docs-source/ndis"))).pages().stream()
                .filter(p -> p.file().endsWith("readwritelock.md")).map(DocPage::clauses).flatMap(List::stream)
                .map(c -> c.id().value()).collect(Collectors.toSet());
    }

    // ------------------------------------------------------------------ the catalogue

    @Test
    void the_catalogue_has_at_least_10_faults_each_with_a_name_a_description_and_clauses_of_the_pages_it_breaks() {
        Set<String> clauses = clauses();
        assertThat(clauses).hasSize(77);
        assertThat(RwFaults.all()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(RwFaults.all()).extracting(NdisRwLockProvider::name).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).matches("[a-z0-9-]+"));
        assertThat(RwFaults.all()).allSatisfy(f -> {
            assertThat(RwFaults.description(f)).as(f.name()).isNotBlank().contains("(breaks: ");
            assertThat(RwFaults.breaks(f)).as(f.name()).isNotEmpty().doesNotHaveDuplicates().isSubsetOf(clauses);
            assertThat(RwFaults.byName(f.name())).isSameAs(f);
            assertThat(f.version()).isEqualTo("fault");
        });
        assertThat(RwFaults.all()).extracting(NdisRwLockProvider::name).contains("read-no-raise", "non-atomic-reader-count",
                "writer-ignores-readers", "release-always-writer-path", "shared-lock-state", "recursive-read-deadlocks");
        assertThatThrownBy(() -> RwFaults.byName("none such")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> RwFaults.breaks(REFERENCE)).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> RwFaults.description(REFERENCE)).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void only_the_checked_build_declares_misuse_detection() {
        assertThat(RwFaults.all()).filteredOn(f -> f.capabilities().contains(Capability.MISUSE_DETECTION))
                .extracting(NdisRwLockProvider::name).containsExactly("checked-trusts-lock-state");
    }

    // ------------------------------------------------------------------ the IRQL of an acquire

    @Test
    void read_no_raise_a_passive_level_reader_holds_the_lock_at_passive_level() {
        try (RwLockDriver d = driver(fault("read-no-raise"))) {
            CallResult read = d.read(0, "A", "R");
            assertThat(read.exitIrql()).isEqualTo(PASSIVE);
            assertThat(read.raises()).isZero();
            assertThat(d.write(1, "A", "W").exitIrql()).as("writers still raise").isEqualTo(DISPATCH);
        }
        try (RwLockDriver d = driver(REFERENCE)) {
            assertThat(d.read(0, "A", "R").exitIrql()).isEqualTo(DISPATCH);
        }
    }

    @Test
    void write_no_raise_a_passive_level_writer_holds_the_lock_at_passive_level() {
        try (RwLockDriver d = driver(fault("write-no-raise"))) {
            assertThat(d.write(0, "A", "W").exitIrql()).isEqualTo(PASSIVE);
            assertThat(d.read(1, "A", "R").exitIrql()).isEqualTo(DISPATCH);
        }
    }

    /** Holds processor 0 just before the KeRaiseIrql of its read and asks whether a writer of processor 1 gets in. */
    private static boolean freeWhileTheReaderRaises(NdisRwLockProvider p) {
        try (RwLockDriver d = driver(p)) {
            PausePoint raise = d.machine.pauseAt(0, HalOp.RAISE, PausePoint.Position.BEFORE, 1);
            PendingCall read = d.acquireAsync(0, RwLockDriver.ACQUIRE, false, "A", "R");
            assertThat(raise.awaitArrival(ARRIVAL)).isTrue();
            d.at(1, DISPATCH);
            PendingCall writer = d.acquireAsync(1, RwLockDriver.DPR_ACQUIRE, true, "A", "W");
            boolean free = !d.spins(1, writer, 200);
            raise.release();
            if (free) {
                assertThat(writer.await().returned()).isTrue();
                d.dprRelease(1, "A", "W");
                assertThat(read.await().returned()).isTrue();
            }
            return free;
        }
    }

    @Test
    void read_counts_before_raising_a_reader_that_has_not_raised_yet_already_keeps_writers_out() {
        assertThat(freeWhileTheReaderRaises(fault("read-counts-before-raising"))).isFalse();
        assertThat(freeWhileTheReaderRaises(REFERENCE)).isTrue();
    }

    // ------------------------------------------------------------------ exclusion

    /** Processor 0 reads; does a writer on processor 1 get in beside it? */
    private static boolean writerAdmittedBesideAReader(NdisRwLockProvider p) {
        try (RwLockDriver d = driver(p)) {
            d.read(0, "A", "R");
            PendingCall writer = d.acquireAsync(1, RwLockDriver.ACQUIRE, true, "A", "W");
            return !d.spins(1, writer, 200) && writer.await().returned();
        }
    }

    @Test
    void writer_ignores_readers_a_writer_is_admitted_while_a_reader_is_inside() {
        assertThat(writerAdmittedBesideAReader(fault("writer-ignores-readers"))).isTrue();
        assertThat(writerAdmittedBesideAReader(REFERENCE)).isFalse();
    }

    /** Processor 0 reads and leaves, processor 1 reads; does processor 0, now asking to write, get in beside processor 1? */
    private static boolean laterWriteAdmittedBesideAReader(NdisRwLockProvider p) {
        try (RwLockDriver d = driver(p)) {
            d.read(0, "A", "R0");
            d.release(0, "A", "R0");
            d.read(1, "A", "R1");
            PendingCall writer = d.acquireAsync(0, RwLockDriver.ACQUIRE, true, "A", "W");
            return !d.spins(0, writer, 200) && writer.await().returned();
        }
    }

    @Test
    void write_mistaken_for_recursion_a_processor_that_read_before_writes_beside_another_reader() {
        assertThat(laterWriteAdmittedBesideAReader(fault("write-mistaken-for-recursion"))).isTrue();
        assertThat(laterWriteAdmittedBesideAReader(REFERENCE)).isFalse();
    }

    // ------------------------------------------------------------------ releases

    /** {@code before} runs, then processor 2 asks to write: does it get in? */
    private static boolean writerGetsIn(NdisRwLockProvider p, java.util.function.Consumer<RwLockDriver> before) {
        try (RwLockDriver d = driver(p)) {
            before.accept(d);
            PendingCall writer = d.acquireAsync(2, RwLockDriver.ACQUIRE, true, "A", "W2");
            return !d.spins(2, writer, 5_000) && writer.await().returned();
        }
    }

    @Test
    void release_always_writer_path_after_a_read_no_writer_ever_gets_the_lock() {
        java.util.function.Consumer<RwLockDriver> aRead = d -> {
            d.read(0, "A", "R");
            d.release(0, "A", "R");
        };
        assertThat(writerGetsIn(fault("release-always-writer-path"), aRead)).isFalse();
        assertThat(writerGetsIn(REFERENCE, aRead)).isTrue();
    }

    @Test
    void release_writer_path_after_a_writer_a_read_after_a_write_keeps_the_next_writer_out() {
        java.util.function.Consumer<RwLockDriver> writeThenRead = d -> {
            d.write(1, "A", "W1");
            d.release(1, "A", "W1");
            d.read(0, "A", "R");
            d.release(0, "A", "R");
        };
        java.util.function.Consumer<RwLockDriver> readOnly = d -> {
            d.read(0, "A", "R");
            d.release(0, "A", "R");
        };
        assertThat(writerGetsIn(fault("release-writer-path-after-a-writer"), writeThenRead)).isFalse();
        assertThat(writerGetsIn(fault("release-writer-path-after-a-writer"), readOnly)).as("before any writer").isTrue();
        assertThat(writerGetsIn(REFERENCE, writeThenRead)).isTrue();
    }

    @Test
    void shared_lock_state_a_nested_read_overwrites_the_irql_the_outer_release_restores() {
        for (NdisRwLockProvider p : List.of(fault("shared-lock-state"), REFERENCE)) {
            try (RwLockDriver d = driver(p)) {
                d.read(0, "A", "R1");
                d.read(0, "A", "R2");
                assertThat(d.release(0, "A", "R2").exitIrql()).isEqualTo(DISPATCH);
                Irql back = d.release(0, "A", "R1").exitIrql();
                assertThat(back).as(p.name()).isEqualTo(p == REFERENCE ? PASSIVE : DISPATCH);
            }
        }
    }

    /** Holds processor 0 just after the KeLowerIrql of its release of a read and asks whether a writer gets in. */
    private static boolean freeOnceTheReleaseLowered(NdisRwLockProvider p) {
        try (RwLockDriver d = driver(p)) {
            d.read(0, "A", "R");
            PausePoint lower = d.machine.pauseAt(0, HalOp.LOWER, PausePoint.Position.AFTER, 1);
            PendingCall release = d.releaseAsync(0, RwLockDriver.RELEASE, "A", "R");
            assertThat(lower.awaitArrival(ARRIVAL)).isTrue();
            assertThat(d.machine.irql(0)).isEqualTo(PASSIVE);
            d.at(1, DISPATCH);
            PendingCall writer = d.acquireAsync(1, RwLockDriver.DPR_ACQUIRE, true, "A", "W");
            boolean free = !d.spins(1, writer, 200);
            lower.release();
            assertThat(release.await().returned()).isTrue();
            return free;
        }
    }

    @Test
    void release_lowers_before_leaving_the_lock_is_still_held_once_the_irql_is_back_at_passive_level() {
        assertThat(freeOnceTheReleaseLowered(fault("release-lowers-before-leaving"))).isFalse();
        assertThat(freeOnceTheReleaseLowered(REFERENCE)).isTrue();
    }

    // ------------------------------------------------------------------ recursion

    /** Processor 0 reads, processor 1 waits to write: does processor 0's second read get in at once? */
    private static boolean readsAgainWhileAWriterWaits(NdisRwLockProvider p) {
        try (RwLockDriver d = driver(p)) {
            d.read(0, "A", "R1");
            PendingCall writer = d.acquireAsync(1, RwLockDriver.ACQUIRE, true, "A", "W");
            assertThat(d.spins(1, writer, 50)).isTrue();
            PendingCall again = d.acquireAsync(0, RwLockDriver.ACQUIRE, false, "A", "R2");
            return !d.spins(0, again, 5_000) && again.await().returned();
        }
    }

    @Test
    void recursive_read_deadlocks_a_second_read_waits_behind_the_writer_that_waits_for_the_first() {
        assertThat(readsAgainWhileAWriterWaits(fault("recursive-read-deadlocks"))).isFalse();
        assertThat(readsAgainWhileAWriterWaits(REFERENCE)).isTrue();
    }

    // ------------------------------------------------------------------ the Dpr variants and initialisation

    @Test
    void dpr_acquire_raises_and_its_release_lowers_though_the_caller_is_at_dispatch_level() {
        try (RwLockDriver d = driver(fault("dpr-acquire-raises"))) {
            d.at(0, DISPATCH);
            CallResult take = d.dprRead(0, "A", "R");
            assertThat(take.raises()).isEqualTo(1);
            assertThat(d.dprRelease(0, "A", "R").lowers()).isEqualTo(1);
        }
        try (RwLockDriver d = driver(REFERENCE)) {
            d.at(0, DISPATCH);
            assertThat(d.dprRead(0, "A", "R").raises()).isZero();
        }
    }

    @Test
    void dpr_release_lowers_leaves_a_dispatch_level_caller_at_passive_level() {
        try (RwLockDriver d = driver(fault("dpr-release-lowers"))) {
            d.at(0, DISPATCH);
            d.dprWrite(0, "A", "W");
            assertThat(d.dprRelease(0, "A", "W").exitIrql()).isEqualTo(PASSIVE);
        }
    }

    @Test
    void initialize_leaves_written_nobody_gets_a_lock_just_initialised() {
        try (RwLockDriver d = driver(fault("initialize-leaves-written"))) {
            PendingCall reader = d.at(1, APC).acquireAsync(1, RwLockDriver.ACQUIRE, false, "A", "R");
            assertThat(d.spins(1, reader, 5_000)).isTrue();
        }
        try (RwLockDriver d = driver(REFERENCE)) {
            assertThat(d.at(1, APC).read(1, "A", "R").returned()).isTrue();
        }
    }

    @Test
    void checked_trusts_lock_state_does_not_report_a_lock_state_given_to_two_acquisitions_at_once() {
        try (RwLockDriver d = driver(fault("checked-trusts-lock-state"))) {
            d.read(0, "A", "R");
            CallResult again = d.read(0, "A", "R");
            assertThat(again.bugChecked()).as(again.describe()).isFalse();
            RwLockDriver other = new RwLockDriver(fault("checked-trusts-lock-state"));
            try (other) {
                CallResult uninitialised = other.read(0, "B", "R");
                assertThat(uninitialised.bugChecked()).as("its other checks work").isTrue();
            }
        }
    }
}
