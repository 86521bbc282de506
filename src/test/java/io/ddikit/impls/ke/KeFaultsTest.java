package io.ddikit.impls.ke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddikit.faults.ke.KeFaults;
import io.ddikit.impls.ke.reference.KeReferenceProvider;
import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.HalOp;
import io.ddikit.kernel.PausePoint;
import io.ddikit.kernel.PendingCall;
import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.spi.BugCheck;
import io.ddikit.spi.Capability;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ke.KeSpinLockProvider;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each fault of {@link KeFaults} shows its symptom through the simulated machine, and the reference does not: so the
 * catalogue holds real faults, each breaking the clauses it names.
 */
@Timeout(60)
class KeFaultsTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(5);
    private static final Irql PASSIVE = Irql.PASSIVE_LEVEL;
    private static final Irql APC = Irql.APC_LEVEL;
    private static final Irql DISPATCH = Irql.DISPATCH_LEVEL;
    private static final Irql DIRQL_5 = Irql.of(5);
    private static final KeSpinLockProvider REFERENCE = new KeReferenceProvider();

    /** The clause ids of the wdm pages, as the kit's reader makes them. */
    private static final Set<String> CLAUSES = Set.of(
            "KeInitializeSpinLock.description.KeInitializeSpinLock-routine-initializes-variable-type-kspin_lock",
            "KeAcquireSpinLock.description.KeAcquireSpinLock-routine-acquires-spin-lock-so",
            "KeAcquireSpinLock.remarks.KeAcquireSpinLock-first-resets-irql-dispatch_level-then",
            "KeAcquireSpinLock.remarks.previous-irql-written-OldIrql-after-lock",
            "KeAcquireSpinLock.remarks.particular-no-deadlock-protection-performed-dispatching",
            "KeAcquireSpinLock.requirements.irql",
            "KeReleaseSpinLock.description.KeReleaseSpinLock-routine-releases-spin-lock-restores",
            "KeReleaseSpinLock.remarks.return-from-KeReleaseSpinLock-irql-restored-NewIrql",
            "KeReleaseSpinLock.remarks.input-NewIrql-value-must-OldIrql-returned",
            "KeAcquireSpinLockAtDpcLevel.description.KeAcquireSpinLockAtDpcLevel-routine-acquires-spin-lock-when",
            "KeAcquireSpinLockAtDpcLevel.remarks.KeAcquireSpinLockAtDpcLevel-assumes-caller-already-running-irql",
            "KeReleaseSpinLockFromDpcLevel.description.KeReleaseSpinLockFromDpcLevel-routine-releases-executive-spin-lock",
            "KeTestSpinLock.description.KeTestSpinLock-routine-tests-availability-spin-lock",
            "KeTestSpinLock.remarks.if-KeTestSpinLock-returns-true-caller-can",
            "KeTestSpinLock.remarks.routine-neither-raises-nor-lowers-irql",
            "KeTryToAcquireSpinLockAtDpcLevel.remarks.if-specified-spin-lock-not-busy",
            "KeTryToAcquireSpinLockAtDpcLevel.remarks.if-spin-lock-has-already-been");

    private static KeSpinLockProvider fault(String name) {
        return KeFaults.byName(name);
    }

    private static KeLockDriver driver(KeSpinLockProvider p) {
        return new KeLockDriver(p).initialized("A");
    }

    // ------------------------------------------------------------------ the catalogue

    @Test
    void the_catalogue_has_at_least_12_faults_each_with_a_name_a_description_and_the_clauses_it_breaks() {
        assertThat(KeFaults.all()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(KeFaults.all()).extracting(KeSpinLockProvider::name).doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).matches("[a-z0-9-]+"));
        assertThat(KeFaults.all()).allSatisfy(f -> {
            assertThat(KeFaults.description(f)).as(f.name()).isNotBlank().contains("(breaks: ");
            assertThat(KeFaults.breaks(f)).as(f.name()).isNotEmpty().doesNotHaveDuplicates().isSubsetOf(CLAUSES);
            assertThat(KeFaults.byName(f.name())).isSameAs(f);
            assertThat(f.version()).isEqualTo("fault");
        });
        assertThat(KeFaults.byName("no-raise")).isSameAs(KeFaults.NO_RAISE);
        assertThatThrownBy(() -> KeFaults.byName("none such")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> KeFaults.breaks(REFERENCE)).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> KeFaults.description(REFERENCE)).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void every_clause_an_implementation_can_break_is_broken_by_some_fault() {
        assertThat(KeFaults.all().stream().flatMap(f -> KeFaults.breaks(f).stream())).containsAll(CLAUSES);
    }

    @Test
    void only_the_checked_build_declares_misuse_detection() {
        assertThat(KeFaults.all()).filteredOn(f -> f.capabilities().contains(Capability.MISUSE_DETECTION))
                .extracting(KeSpinLockProvider::name).containsExactly("checked-trusts-newirql");
    }

    // ------------------------------------------------------------------ KeAcquireSpinLock

    @Test
    void no_raise_after_ke_acquire_spin_lock_at_passive_level_the_processor_is_at_passive_level() {
        try (KeLockDriver d = driver(fault("no-raise"))) {
            CallResult acquire = d.acquire(0, "A");
            assertThat(acquire.returned()).isTrue();
            assertThat(acquire.exitIrql()).isEqualTo(PASSIVE);
            assertThat(acquire.raises()).isZero();
            assertThat(d.test(1, "A").isFalse()).as("the lock is held, at PASSIVE_LEVEL").isTrue();
        }
        try (KeLockDriver d = driver(REFERENCE)) {
            assertThat(d.acquire(0, "A").exitIrql()).isEqualTo(DISPATCH);
        }
    }

    /** Holds processor 0 just before its raise (BEFORE) or just after it (AFTER) and asks whether the lock is free. */
    private static boolean freeAtTheRaise(KeSpinLockProvider p, PausePoint.Position position) {
        try (KeLockDriver d = driver(p)) {
            PausePoint raise = d.machine.pauseAt(0, HalOp.RAISE, position, 1);
            PendingCall acquire = d.acquireAsync(0, "A");
            assertThat(raise.awaitArrival(ARRIVAL)).isTrue();
            boolean free = d.test(1, "A").isTrue();
            raise.release();
            assertThat(acquire.await().returned()).isTrue();
            return free;
        }
    }

    @Test
    void raise_after_take_the_lock_is_already_held_while_the_acquirer_is_still_at_passive_level() {
        assertThat(freeAtTheRaise(fault("raise-after-take"), PausePoint.Position.BEFORE)).isFalse();
        assertThat(freeAtTheRaise(REFERENCE, PausePoint.Position.AFTER)).isTrue();
        try (KeLockDriver d = driver(fault("raise-after-take"))) {
            PausePoint raise = d.machine.pauseAt(0, HalOp.RAISE, PausePoint.Position.BEFORE, 1);
            d.acquireAsync(0, "A");
            assertThat(raise.awaitArrival(ARRIVAL)).isTrue();
            assertThat(d.machine.irql(0)).isEqualTo(PASSIVE);
            raise.release();
        }
    }

    @Test
    void raise_to_synch_after_ke_acquire_spin_lock_the_processor_is_at_dirql_12() {
        try (KeLockDriver d = driver(fault("raise-to-synch"))) {
            CallResult acquire = d.acquire(0, "A");
            assertThat(acquire.exitIrql()).isEqualTo(Irql.of(12));
            assertThat(d.release(0, "A").exitIrql()).isEqualTo(PASSIVE);
        }
    }

    @Test
    void irql_check_off_by_one_ke_acquire_spin_lock_at_dispatch_level_bug_checks_0xa() {
        try (KeLockDriver d = driver(fault("irql-check-off-by-one"))) {
            CallResult r = d.at(0, DISPATCH).acquire(0, "A");
            assertThat(r.bugChecked()).as(r.describe()).isTrue();
            assertThat(r.bugCheck().code()).isEqualTo(BugCheck.IRQL_NOT_LESS_OR_EQUAL);
            assertThat(d.at(1, APC).acquire(1, "A").returned()).as("below DISPATCH_LEVEL it works").isTrue();
        }
        try (KeLockDriver d = driver(REFERENCE)) {
            assertThat(d.at(0, DISPATCH).acquire(0, "A").returned()).isTrue();
        }
    }

    /** Processor 0 holds A; processor 1 (at APC_LEVEL) waits for it: its OldIrql writes while it is spinning. */
    private static List<KeLockDriver.Write> writesOfAWaiter(KeSpinLockProvider p) {
        try (KeLockDriver d = driver(p)) {
            d.acquire(0, "A");
            d.at(1, APC);
            PendingCall waiter = d.acquireAsync(1, "A");
            PausePoint spinning = d.machine.pauseAtSpin(1, 1);
            assertThat(spinning.awaitArrival(ARRIVAL)).isTrue();
            List<KeLockDriver.Write> writes = d.oldIrql(1, "A").writes();
            spinning.release();
            d.release(0, "A");
            assertThat(waiter.await().returned()).isTrue();
            return writes;
        }
    }

    @Test
    void early_oldirql_write_a_waiter_writes_old_irql_while_another_processor_holds_the_lock() {
        List<KeLockDriver.Write> writes = writesOfAWaiter(fault("early-oldirql-write"));
        assertThat(writes).hasSize(1);
        assertThat(writes.get(0).value()).isEqualTo(APC);
        assertThat(writes.get(0).onProcessor(1)).isTrue();
        assertThat(writes.get(0).heldByAnotherThan(1, "A")).as("lock A held by processor 0 at the write").isTrue();
        assertThat(writesOfAWaiter(REFERENCE)).isEmpty();
    }

    @Test
    void oldirql_is_current_ke_acquire_spin_lock_at_passive_level_writes_dispatch_level_to_old_irql() {
        try (KeLockDriver d = driver(fault("oldirql-is-current"))) {
            d.acquire(0, "A");
            assertThat(d.oldIrql(0, "A").get()).isEqualTo(DISPATCH);
            assertThat(d.release(0, "A").exitIrql()).as("the caller's release restores what it was given").isEqualTo(DISPATCH);
        }
        try (KeLockDriver d = driver(REFERENCE)) {
            d.acquire(0, "A");
            assertThat(d.oldIrql(0, "A").get()).isEqualTo(PASSIVE);
        }
    }

    @Test
    void dispatch_entry_skips_oldirql_ke_acquire_spin_lock_at_dispatch_level_writes_nothing_to_old_irql() {
        try (KeLockDriver d = driver(fault("dispatch-entry-skips-oldirql"))) {
            assertThat(d.at(0, DISPATCH).acquire(0, "A").returned()).isTrue();
            assertThat(d.oldIrql(0, "A").writes()).isEmpty();
            assertThat(d.release(0, "A", DISPATCH).returned()).isTrue();
            d.at(1, APC).acquire(1, "A");
            assertThat(d.oldIrql(1, "A").get()).as("invisible from below DISPATCH_LEVEL").isEqualTo(APC);
        }
        try (KeLockDriver d = driver(REFERENCE)) {
            d.at(0, DISPATCH).acquire(0, "A");
            assertThat(d.oldIrql(0, "A").writes()).extracting(KeLockDriver.Write::value).containsExactly(DISPATCH);
        }
    }

    @Test
    void non_atomic_tas_two_processors_hold_the_lock_at_once() {
        try (KeLockDriver d = driver(fault("non-atomic-tas"))) {
            PausePoint betweenTestAndSet = d.machine.pauseAtSpin(0, 1);
            PendingCall first = d.acquireAsync(0, "A");
            assertThat(betweenTestAndSet.awaitArrival(ARRIVAL)).isTrue();
            CallResult second = d.acquire(1, "A");
            assertThat(second.returned()).isTrue();
            betweenTestAndSet.release();
            assertThat(first.await().returned()).isTrue();
            assertThat(d.machine.locksHeld()).containsEntry(0, List.of("A")).containsEntry(1, List.of("A"));
        }
    }

    // ------------------------------------------------------------------ KeReleaseSpinLock

    /** Holds processor 0 just after its lower in KeReleaseSpinLock and asks whether the lock is free. */
    private static boolean freeAfterTheLower(KeSpinLockProvider p) {
        try (KeLockDriver d = driver(p)) {
            d.acquire(0, "A");
            PausePoint lowered = d.machine.pauseAt(0, HalOp.LOWER, PausePoint.Position.AFTER, 1);
            PendingCall release = d.releaseAsync(0, "A");
            assertThat(lowered.awaitArrival(ARRIVAL)).isTrue();
            assertThat(d.machine.irql(0)).isEqualTo(PASSIVE);
            boolean free = d.test(1, "A").isTrue();
            lowered.release();
            assertThat(release.await().returned()).isTrue();
            return free;
        }
    }

    @Test
    void lower_before_clear_the_lock_is_still_held_after_the_releaser_is_back_at_passive_level() {
        assertThat(freeAfterTheLower(fault("lower-before-clear"))).isFalse();
        assertThat(freeAfterTheLower(REFERENCE)).isTrue();
    }

    private static Irql exitOfReleaseAfterAcquireAt(KeSpinLockProvider p, Irql entry) {
        try (KeLockDriver d = driver(p)) {
            d.at(1, entry).acquire(1, "A");
            return d.release(1, "A").exitIrql();
        }
    }

    @Test
    void release_to_passive_an_apc_level_caller_returns_from_ke_release_spin_lock_at_passive_level() {
        assertThat(exitOfReleaseAfterAcquireAt(fault("release-to-passive"), APC)).isEqualTo(PASSIVE);
        assertThat(exitOfReleaseAfterAcquireAt(fault("release-to-passive"), PASSIVE)).as("invisible from PASSIVE_LEVEL")
                .isEqualTo(PASSIVE);
        assertThat(exitOfReleaseAfterAcquireAt(REFERENCE, APC)).isEqualTo(APC);
    }

    @Test
    void release_never_lowers_the_caller_returns_from_ke_release_spin_lock_at_dispatch_level() {
        try (KeLockDriver d = driver(fault("release-never-lowers"))) {
            d.acquire(1, "A");
            CallResult r = d.release(1, "A");
            assertThat(r.exitIrql()).isEqualTo(DISPATCH);
            assertThat(r.lowers()).isZero();
            assertThat(d.test(0, "A").isTrue()).as("the lock itself is released").isTrue();
        }
        assertThat(exitOfReleaseAfterAcquireAt(REFERENCE, PASSIVE)).isEqualTo(PASSIVE);
    }

    // ------------------------------------------------------------------ the DPC-level pair

    @Test
    void at_dpc_level_raises_counts_a_raise_and_a_lower_and_bug_checks_above_dispatch_level() {
        try (KeLockDriver d = driver(fault("at-dpc-level-raises"))) {
            d.at(0, DISPATCH);
            CallResult acquire = d.atDpcLevel(0, "A");
            CallResult release = d.fromDpcLevel(0, "A");
            assertThat(acquire.raises()).isEqualTo(1);
            assertThat(release.lowers()).isEqualTo(1);
            assertThat(release.exitIrql()).isEqualTo(DISPATCH);
            CallResult high = d.at(1, DIRQL_5).atDpcLevel(1, "A");
            assertThat(high.bugChecked()).as(high.describe()).isTrue();
            assertThat(high.bugCheck().parameter()).isEqualTo(SimulatedMachine.RAISE_TO_LOWER);
        }
        try (KeLockDriver d = driver(REFERENCE)) {
            CallResult high = d.at(1, DIRQL_5).atDpcLevel(1, "A");
            assertThat(high.returned()).isTrue();
            assertThat(high.raises()).isZero();
        }
    }

    @Test
    void from_dpc_level_lowers_a_dispatch_level_caller_returns_at_passive_level() {
        try (KeLockDriver d = driver(fault("from-dpc-level-lowers"))) {
            d.at(0, DISPATCH).atDpcLevel(0, "A");
            CallResult r = d.fromDpcLevel(0, "A");
            assertThat(r.exitIrql()).isEqualTo(PASSIVE);
            assertThat(r.lowers()).isEqualTo(1);
        }
        try (KeLockDriver d = driver(REFERENCE)) {
            d.at(0, DISPATCH).atDpcLevel(0, "A");
            assertThat(d.fromDpcLevel(0, "A").exitIrql()).isEqualTo(DISPATCH);
        }
    }

    @Test
    void uniprocessor_at_dpc_level_another_processor_acquires_a_lock_held_at_dpc_level() {
        try (KeLockDriver d = driver(fault("uniprocessor-at-dpc-level"))) {
            d.at(1, DISPATCH).atDpcLevel(1, "A");
            assertThat(d.test(2, "A").isTrue()).as("KeTestSpinLock while processor 1 holds the lock").isTrue();
            CallResult r = d.acquire(0, "A");
            assertThat(r.returned()).isTrue();
            assertThat(d.machine.locksHeld()).containsEntry(0, List.of("A")).containsEntry(1, List.of("A"));
        }
    }

    // ------------------------------------------------------------------ KeInitializeSpinLock

    @Test
    void initialize_leaves_taken_a_just_initialised_lock_is_busy_with_no_holder() {
        try (KeLockDriver d = driver(fault("initialize-leaves-taken"))) {
            assertThat(d.test(0, "A").isFalse()).isTrue();
            assertThat(d.at(1, DISPATCH).tryToAcquire(1, "A").isFalse()).isTrue();
            assertThat(d.machine.locksHeld()).isEmpty();
        }
        try (KeLockDriver d = driver(REFERENCE)) {
            assertThat(d.test(0, "A").isTrue()).isTrue();
        }
    }

    // ------------------------------------------------------------------ KeTestSpinLock

    @Test
    void test_inverted_false_on_a_free_lock_and_true_on_a_held_one() {
        try (KeLockDriver d = driver(fault("test-inverted"))) {
            assertThat(d.test(1, "A").isFalse()).as("KeTestSpinLock of a free lock").isTrue();
            d.acquire(0, "A");
            assertThat(d.test(1, "A").isTrue()).as("KeTestSpinLock of a held lock").isTrue();
        }
    }

    @Test
    void test_and_set_a_true_answer_leaves_the_lock_taken_so_the_next_try_fails() {
        try (KeLockDriver d = driver(fault("test-and-set"))) {
            assertThat(d.test(1, "A").isTrue()).isTrue();
            assertThat(d.test(1, "A").isFalse()).as("the second test").isTrue();
            assertThat(d.at(2, DISPATCH).tryToAcquire(2, "A").isFalse()).as("a try after a TRUE test").isTrue();
        }
        try (KeLockDriver d = driver(REFERENCE)) {
            assertThat(d.test(1, "A").isTrue()).isTrue();
            assertThat(d.at(2, DISPATCH).tryToAcquire(2, "A").isTrue()).isTrue();
        }
    }

    @Test
    void test_raises_ke_test_spin_lock_makes_a_raise_and_a_lower() {
        try (KeLockDriver d = driver(fault("test-raises"))) {
            KeLockDriver.Answer a = d.at(1, APC).test(1, "A");
            assertThat(a.isTrue()).isTrue();
            assertThat(a.call().raises()).isEqualTo(1);
            assertThat(a.call().lowers()).isEqualTo(1);
            assertThat(a.call().exitIrql()).isEqualTo(APC);
        }
        try (KeLockDriver d = driver(REFERENCE)) {
            KeLockDriver.Answer a = d.at(1, APC).test(1, "A");
            assertThat(a.call().raises() + a.call().lowers()).isZero();
        }
    }

    // ------------------------------------------------------------------ KeTryToAcquireSpinLockAtDpcLevel

    @Test
    void try_spins_a_try_on_a_held_lock_waits_instead_of_returning_false() {
        try (KeLockDriver d = driver(fault("try-spins"))) {
            d.acquire(0, "A");
            d.at(1, DISPATCH);
            KeLockDriver.PendingAnswer attempt = d.tryToAcquireAsync(1, "A");
            PausePoint spinning = d.machine.pauseAtSpin(1, 1);
            assertThat(spinning.awaitArrival(ARRIVAL)).as("KeTryToAcquireSpinLockAtDpcLevel makes spin-wait turns").isTrue();
            spinning.release();
            d.release(0, "A");
            assertThat(attempt.await().isTrue()).as("it returns TRUE once the holder released").isTrue();
        }
        try (KeLockDriver d = driver(REFERENCE)) {
            d.acquire(0, "A");
            assertThat(d.at(1, DISPATCH).tryToAcquire(1, "A").isFalse()).isTrue();
            assertThat(d.machine.spinTurns(1)).isZero();
        }
    }

    @Test
    void try_without_taking_a_true_try_leaves_the_lock_free_and_a_second_try_succeeds_too() {
        try (KeLockDriver d = driver(fault("try-without-taking"))) {
            assertThat(d.at(1, DISPATCH).tryToAcquire(1, "A").isTrue()).isTrue();
            assertThat(d.test(0, "A").isTrue()).as("KeTestSpinLock after a TRUE try").isTrue();
            assertThat(d.at(2, DISPATCH).tryToAcquire(2, "A").isTrue()).as("a second processor's try").isTrue();
        }
        try (KeLockDriver d = driver(REFERENCE)) {
            assertThat(d.at(1, DISPATCH).tryToAcquire(1, "A").isTrue()).isTrue();
            assertThat(d.at(2, DISPATCH).tryToAcquire(2, "A").isFalse()).isTrue();
        }
    }

    @Test
    void try_witness_inverted_false_on_a_free_lock_which_it_leaves_taken_and_true_on_a_held_one() {
        try (KeLockDriver d = driver(fault("try-witness-inverted"))) {
            assertThat(d.at(1, DISPATCH).tryToAcquire(1, "A").isFalse()).as("a try of a free lock").isTrue();
            assertThat(d.test(0, "A").isFalse()).as("the lock after the FALSE try").isTrue();
            assertThat(d.at(2, DISPATCH).tryToAcquire(2, "A").isTrue()).as("a try of a taken lock").isTrue();
        }
    }

    // ------------------------------------------------------------------ checked builds

    @Test
    void checked_trusts_newirql_a_new_irql_other_than_the_old_irql_is_not_reported_though_other_misuse_is() {
        try (KeLockDriver d = driver(fault("checked-trusts-newirql"))) {
            d.acquire(0, "A");
            CallResult r = d.release(0, "A", APC);
            assertThat(r.returned()).as(r.describe()).isTrue();
            assertThat(r.exitIrql()).isEqualTo(APC);
            d.at(1, DISPATCH);
            CallResult notOwned = d.release(1, "A", DISPATCH);
            assertThat(notOwned.bugChecked()).isTrue();
            assertThat(notOwned.bugCheck().rule()).isEqualTo("SpinlockRelease");
        }
    }
}
