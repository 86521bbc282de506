package io.ddikit.faults.ndis;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddikit.impls.ndis.LockDriver;
import io.ddikit.impls.ndis.reference.ReferenceProvider;
import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.HalOp;
import io.ddikit.kernel.MachineConfig;
import io.ddikit.kernel.PausePoint;
import io.ddikit.kernel.PendingCall;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndis.NdisSpinLockProvider;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each fault's symptom is observable through the kernel, and the reference does not show it. */
@Timeout(20)
class FaultsTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(2);
    private static final Irql PASSIVE = Irql.PASSIVE_LEVEL;
    private static final Irql APC = Irql.APC_LEVEL;
    private static final Irql DISPATCH = Irql.DISPATCH_LEVEL;
    private static final NdisSpinLockProvider REFERENCE = new ReferenceProvider();

    @Test
    void the_catalogue_has_at_least_20_faults_with_unique_names_and_a_description() {
        assertThat(Faults.all()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(Faults.all()).extracting(NdisSpinLockProvider::name).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).matches("[a-z0-9-]+"));
        assertThat(Faults.all()).allSatisfy(f -> assertThat(Faults.description(f)).as(f.name()).isNotBlank());
        assertThat(Faults.all()).allSatisfy(f -> assertThat(Faults.byName(f.name())).isSameAs(f));
        assertThat(Faults.byName("no-raise")).isSameAs(Faults.NO_RAISE);
    }

    @Test
    void no_raise_holds_the_lock_at_the_entry_irql() {
        try (LockDriver d = new LockDriver(Faults.NO_RAISE).allocated("A")) {
            CallResult acquire = d.acquire(0, "A");
            assertThat(acquire.exitIrql()).isEqualTo(PASSIVE);
            assertThat(acquire.raises()).isZero();
        }
    }

    private static Irql exitIrqlOfReleaseAfterAcquireAt(NdisSpinLockProvider provider, Irql entry) {
        try (LockDriver d = new LockDriver(provider).allocated("A")) {
            d.at(1, entry).acquire(1, "A");
            return d.release(1, "A").exitIrql();
        }
    }

    @Test
    void lower_to_passive_returns_an_apc_level_caller_at_passive() {
        assertThat(exitIrqlOfReleaseAfterAcquireAt(Faults.LOWER_TO_PASSIVE, APC)).isEqualTo(PASSIVE);
        assertThat(exitIrqlOfReleaseAfterAcquireAt(REFERENCE, APC)).isEqualTo(APC);
        assertThat(exitIrqlOfReleaseAfterAcquireAt(Faults.LOWER_TO_PASSIVE, PASSIVE)).as("invisible from PASSIVE_LEVEL")
                .isEqualTo(PASSIVE);
    }

    @Test
    void late_oldirql_read_lowers_to_the_next_owners_irql_when_held_between_clear_and_read() {
        try (LockDriver d = new LockDriver(Faults.LATE_OLDIRQL_READ).allocated("A")) {
            d.acquire(0, "A");
            d.at(1, APC);
            PendingCall waiter = d.acquireAsync(1, "A");
            PausePoint spinning = d.machine.pauseAtSpin(1, 1);
            assertThat(spinning.awaitArrival(ARRIVAL)).isTrue();
            spinning.release();
            PausePoint betweenClearAndRead = d.machine.pauseAt(0, HalOp.CURRENT_IRQL, 1);
            PendingCall release = d.releaseAsync(0, "A");
            assertThat(betweenClearAndRead.awaitArrival(ARRIVAL)).isTrue();
            assertThat(waiter.await().returned()).isTrue();
            betweenClearAndRead.release();
            CallResult r = release.await();
            assertThat(r.exitIrql()).as(r.describe()).isEqualTo(APC);
        }
    }

    @Test
    void early_oldirql_write_lets_a_waiter_overwrite_the_owners_saved_irql() {
        for (NdisSpinLockProvider p : List.of(Faults.EARLY_OLDIRQL_WRITE, REFERENCE)) {
            try (LockDriver d = new LockDriver(p).allocated("A")) {
                d.acquire(0, "A");
                d.at(1, APC);
                PendingCall waiter = d.acquireAsync(1, "A");
                PausePoint spinning = d.machine.pauseAtSpin(1, 1);
                assertThat(spinning.awaitArrival(ARRIVAL)).isTrue();
                spinning.release();
                Irql exit = d.release(0, "A").exitIrql();
                assertThat(exit).as(p.name()).isEqualTo(p == REFERENCE ? PASSIVE : APC);
                assertThat(waiter.await().returned()).isTrue();
            }
        }
    }

    @Test
    void non_atomic_tas_lets_two_processors_hold_the_lock() {
        try (LockDriver d = new LockDriver(Faults.NON_ATOMIC_TAS).allocated("A")) {
            PausePoint afterTest = d.machine.pauseAtSpin(0, 1);
            PendingCall first = d.acquireAsync(0, "A");
            assertThat(afterTest.awaitArrival(ARRIVAL)).isTrue();
            CallResult second = d.acquire(1, "A");
            assertThat(second.returned()).isTrue();
            afterTest.release();
            assertThat(first.await().returned()).isTrue();
            assertThat(d.machine.locksHeld()).containsEntry(0, List.of("A")).containsEntry(1, List.of("A"));
        }
    }

    @Test
    void dpr_raises_is_seen_in_the_counters() {
        for (NdisSpinLockProvider p : List.of(Faults.DPR_RAISES, REFERENCE)) {
            try (LockDriver d = new LockDriver(p).allocated("A")) {
                d.at(0, DISPATCH);
                CallResult acquire = d.dprAcquire(0, "A");
                CallResult release = d.dprRelease(0, "A");
                long expected = p == REFERENCE ? 0 : 1;
                assertThat(acquire.raises()).as(p.name()).isEqualTo(expected);
                assertThat(release.lowers()).as(p.name()).isEqualTo(expected);
                assertThat(release.exitIrql()).isEqualTo(DISPATCH);
            }
        }
    }

    @Test
    void hang_on_contention_times_out_with_the_locks_held_and_a_thread_dump() {
        MachineConfig config = MachineConfig.defaults().withCallBound(Duration.ofMillis(200));
        try (LockDriver d = new LockDriver(Faults.HANG_ON_CONTENTION, config).allocated("A")) {
            d.acquire(0, "A");
            PendingCall waiter = d.acquireAsync(1, "A");
            PausePoint contended = d.machine.pauseAtSpin(1, 1);
            assertThat(contended.awaitArrival(ARRIVAL)).isTrue();
            contended.release();
            CallResult late = d.release(0, "A");
            assertThat(late.returned()).isTrue();
            CallResult r = waiter.await();
            assertThat(r.timedOut()).isTrue();
            assertThat(r.report())
                    .contains("NdisAcquireSpinLock(lock A) on processor 1 did not return within 200 ms")
                    .contains("\"ddikit-cpu-1\"")
                    .contains("io.ddikit.faults.ndis.Faults");
            assertThat(d.machine.isPoisoned()).isTrue();
        }
    }

    @Test
    void hang_on_contention_report_names_the_holder() {
        MachineConfig config = MachineConfig.defaults().withCallBound(Duration.ofMillis(200));
        try (LockDriver d = new LockDriver(Faults.HANG_ON_CONTENTION, config).allocated("A")) {
            d.acquire(0, "A");
            CallResult r = d.acquire(1, "A");
            assertThat(r.report()).contains("processor 0 at DISPATCH_LEVEL: lock A");
        }
    }

    @Test
    void throws_ends_the_release_with_an_exception() {
        try (LockDriver d = new LockDriver(Faults.THROWS).allocated("A")) {
            d.acquire(0, "A");
            CallResult r = d.release(0, "A");
            assertThat(r.outcome()).isEqualTo(CallResult.Outcome.THREW);
            assertThat(r.thrown()).hasToString("java.lang.IllegalStateException: release is not implemented");
            assertThat(d.machine.locksHeld(0)).containsExactly("A");
        }
    }

    @Test
    void irql_faults_leave_the_caller_at_the_wrong_level_and_the_reference_does_not() {
        assertThat(exitIrqlOfReleaseAfterAcquireAt(Faults.RELEASE_NEVER_LOWERS, PASSIVE)).isEqualTo(DISPATCH);
        assertThat(exitIrqlOfReleaseAfterAcquireAt(Faults.DISPATCH_ENTRY_STALE_SAVE, DISPATCH)).isEqualTo(PASSIVE);
        assertThat(exitIrqlOfReleaseAfterAcquireAt(Faults.DISPATCH_ENTRY_STALE_SAVE, APC)).as("invisible from below DISPATCH_LEVEL")
                .isEqualTo(APC);
        assertThat(exitIrqlOfReleaseAfterAcquireAt(REFERENCE, DISPATCH)).isEqualTo(DISPATCH);
        try (LockDriver d = new LockDriver(Faults.RAISE_TO_HIGH).allocated("A")) {
            assertThat(d.acquire(0, "A").exitIrql()).isEqualTo(Irql.HIGH_LEVEL);
        }
        try (LockDriver d = new LockDriver(Faults.RAISE_TO_APC).allocated("A")) {
            assertThat(d.acquire(0, "A").exitIrql()).isEqualTo(APC);
        }
        try (LockDriver d = new LockDriver(Faults.DPR_RELEASE_LOWERS).allocated("A")) {
            d.at(0, DISPATCH).dprAcquire(0, "A");
            assertThat(d.dprRelease(0, "A").exitIrql()).isEqualTo(PASSIVE);
        }
    }

    @Test
    void shared_oldirql_makes_the_outer_release_restore_the_inner_entry_level() {
        for (NdisSpinLockProvider p : List.of(Faults.SHARED_OLDIRQL, REFERENCE)) {
            try (LockDriver d = new LockDriver(p).allocated("A").allocated("B")) {
                d.at(0, APC).acquire(0, "A");
                d.acquire(0, "B");
                d.release(0, "B");
                assertThat(d.release(0, "A").exitIrql()).as(p.name()).isEqualTo(p == REFERENCE ? APC : DISPATCH);
            }
        }
    }

    @Test
    void exclusion_faults_let_a_second_processor_take_a_held_lock() {
        try (LockDriver d = new LockDriver(Faults.PER_PROCESSOR_WORD).allocated("A")) {
            d.acquire(0, "A");
            assertThat(d.acquire(1, "A").returned()).isTrue();
        }
        try (LockDriver d = new LockDriver(Faults.DPR_SKIPS_WORD).allocated("A")) {
            d.at(1, DISPATCH).dprAcquire(1, "A");
            assertThat(d.acquire(0, "A").returned()).isTrue();
        }
    }

    @Test
    void free_retires_word_leaves_a_lock_allocated_again_that_cannot_be_taken() {
        MachineConfig config = MachineConfig.defaults().withCallBound(Duration.ofMillis(200));
        try (LockDriver d = new LockDriver(Faults.FREE_RETIRES_WORD, config).allocated("A")) {
            d.free(0, "A");
            d.allocate(0, "A");
            assertThat(d.acquire(0, "A").timedOut()).isTrue();
        }
    }

    @Test
    void ticket_skips_waiter_strands_the_queued_waiter() {
        MachineConfig config = MachineConfig.defaults().withCallBound(Duration.ofMillis(300));
        try (LockDriver d = new LockDriver(Faults.TICKET_SKIPS_WAITER, config).allocated("A")) {
            d.acquire(0, "A");
            PendingCall waiter = d.acquireAsync(1, "A");
            PausePoint spinning = d.machine.pauseAtSpin(1, 1);
            assertThat(spinning.awaitArrival(ARRIVAL)).isTrue();
            spinning.release();
            d.release(0, "A");
            assertThat(waiter.await().timedOut()).isTrue();
        }
    }

    @Test
    void checked_faults_get_one_misuse_report_wrong() {
        try (LockDriver d = new LockDriver(Faults.RECURSIVE_ACQUIRE).allocated("A")) {
            d.acquire(0, "A");
            assertThat(d.acquire(0, "A").returned()).as("recursive acquire not reported").isTrue();
        }
        try (LockDriver d = new LockDriver(Faults.WRONG_RULE).allocated("A")) {
            CallResult r = d.at(0, DISPATCH).release(0, "A");
            assertThat(r.bugChecked()).isTrue();
            assertThat(r.bugCheck().rule()).isEqualTo("SpinLock");
        }
    }
}
