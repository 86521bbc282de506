package io.ddikit.impls.ke;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddikit.impls.ke.queued.KeQueuedProvider;
import io.ddikit.impls.ke.reference.KeReferenceProvider;
import io.ddikit.impls.ke.verifier.KeVerifierProvider;
import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.HalOp;
import io.ddikit.kernel.MachineConfig;
import io.ddikit.kernel.PausePoint;
import io.ddikit.kernel.PendingCall;
import io.ddikit.spi.Capability;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ke.KSpinLock;
import io.ddikit.spi.ke.KeSpinLockFamily;
import io.ddikit.spi.ke.KeSpinLockProvider;
import io.ddikit.spi.ke.OldIrql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled implementations of the executive spin locks do every documented thing, seen from the simulated machine:
 * the IRQL after each call, the raises and lowers it made, the OldIrql write, mutual exclusion between processors that
 * enter at different IRQLs, and the answers of KeTestSpinLock and KeTryToAcquireSpinLockAtDpcLevel.
 */
@Timeout(120)
class KeImplementationsTest {
    private static final Duration ARRIVAL = Duration.ofSeconds(5);
    private static final Irql PASSIVE = Irql.PASSIVE_LEVEL;
    private static final Irql APC = Irql.APC_LEVEL;
    private static final Irql DISPATCH = Irql.DISPATCH_LEVEL;
    private static final Irql DIRQL_5 = Irql.of(5);

    /** Every correct implementation: the two bundled designs, and the verifier around each. */
    static Stream<KeSpinLockProvider> correct() {
        return Stream.of(new KeReferenceProvider(), new KeQueuedProvider(), new KeVerifierProvider(),
                KeVerifierProvider.around(new KeQueuedProvider()));
    }

    /** The ones without misuse detection, where a recursive acquire just spins. */
    static Stream<KeSpinLockProvider> undetected() {
        return Stream.of(new KeReferenceProvider(), new KeQueuedProvider());
    }

    /** The FIFO ones. */
    static Stream<KeSpinLockProvider> queued() {
        return Stream.of(new KeQueuedProvider(), KeVerifierProvider.around(new KeQueuedProvider()));
    }

    @Test
    void the_providers_have_their_names_versions_and_capabilities() {
        assertThat(correct().map(KeSpinLockProvider::name))
                .containsExactly("reference", "queued", "verifier", "verifier-queued");
        assertThat(correct()).allSatisfy(p -> {
            assertThat(p.name()).matches("[A-Za-z0-9._-]{1,64}");
            assertThat(p.version()).isNotBlank().hasSizeLessThanOrEqualTo(64);
        });
        assertThat(new KeReferenceProvider().capabilities()).isEmpty();
        assertThat(new KeQueuedProvider().capabilities()).isEmpty();
        assertThat(new KeVerifierProvider().capabilities()).containsExactly(Capability.MISUSE_DETECTION);
        assertThat(new KeVerifierProvider().version()).isEqualTo("1.0 around reference 1.0");
    }

    @ParameterizedTest
    @MethodSource("correct")
    void initialize_is_callable_at_any_irql_and_leaves_the_lock_free(KeSpinLockProvider provider) {
        for (Irql entry : List.of(PASSIVE, DISPATCH, Irql.HIGH_LEVEL)) {
            try (KeLockDriver d = new KeLockDriver(provider)) {
                d.declare("A");
                d.at(0, entry);
                CallResult init = d.initialize(0, "A");
                assertThat(init.returned()).as(init.describe()).isTrue();
                assertThat(init.exitIrql()).isEqualTo(entry);
                assertThat(init.raises() + init.lowers()).isZero();
                assertThat(d.test(1, "A").isTrue()).as("KeTestSpinLock after KeInitializeSpinLock at " + entry).isTrue();
                d.at(2, DISPATCH);
                assertThat(d.tryToAcquire(2, "A").isTrue()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("correct")
    void acquire_raises_to_dispatch_writes_the_previous_irql_once_and_release_restores_it(KeSpinLockProvider provider) {
        for (Irql entry : List.of(PASSIVE, APC, DISPATCH)) {
            try (KeLockDriver d = new KeLockDriver(provider).initialized("A")) {
                d.at(1, entry);
                CallResult acquire = d.acquire(1, "A");
                assertThat(acquire.returned()).as(acquire.describe()).isTrue();
                assertThat(acquire.exitIrql()).as("IRQL after KeAcquireSpinLock at " + entry).isEqualTo(DISPATCH);
                assertThat(acquire.raises()).isEqualTo(1);
                assertThat(acquire.lowers()).isZero();
                List<KeLockDriver.Write> writes = d.oldIrql(1, "A").writes();
                assertThat(writes).as("writes to OldIrql").hasSize(1);
                assertThat(writes.get(0).value()).isEqualTo(entry);
                assertThat(writes.get(0).onProcessor(1)).as(writes.get(0).thread()).isTrue();
                assertThat(writes.get(0).irqlThen()).as("IRQL when OldIrql was written").isEqualTo(DISPATCH);

                CallResult release = d.release(1, "A");
                assertThat(release.returned()).as(release.describe()).isTrue();
                assertThat(release.exitIrql()).as("IRQL after KeReleaseSpinLock(NewIrql = " + entry + ")").isEqualTo(entry);
                assertThat(release.lowers()).isEqualTo(1);
                assertThat(release.raises()).isZero();
                assertThat(d.test(0, "A").isTrue()).as("free after KeReleaseSpinLock").isTrue();
                assertThat(d.machine.bugChecks()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("correct")
    void nested_locks_each_write_their_own_old_irql_and_unwind_in_order(KeSpinLockProvider provider) {
        try (KeLockDriver d = new KeLockDriver(provider).initialized("A").initialized("B")) {
            d.at(0, APC).acquire(0, "A");
            d.acquire(0, "B");
            assertThat(d.oldIrql(0, "A").get()).isEqualTo(APC);
            assertThat(d.oldIrql(0, "B").get()).isEqualTo(DISPATCH);
            assertThat(d.release(0, "B").exitIrql()).isEqualTo(DISPATCH);
            assertThat(d.release(0, "A").exitIrql()).isEqualTo(APC);
            assertThat(d.machine.bugChecks()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("correct")
    void the_raise_comes_before_the_lock_is_taken(KeSpinLockProvider provider) {
        try (KeLockDriver d = new KeLockDriver(provider).initialized("A")) {
            PausePoint raised = d.machine.pauseAt(0, HalOp.RAISE, PausePoint.Position.AFTER, 1);
            PendingCall acquire = d.acquireAsync(0, "A");
            assertThat(raised.awaitArrival(ARRIVAL)).isTrue();
            assertThat(d.machine.irql(0)).isEqualTo(DISPATCH);
            assertThat(d.test(1, "A").isTrue()).as("the lock is still free once processor 0 is at DISPATCH_LEVEL").isTrue();
            raised.release();
            assertThat(acquire.await().returned()).isTrue();
            assertThat(d.test(1, "A").isFalse()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("correct")
    void the_lock_is_free_while_the_releaser_is_still_inside_its_lower(KeSpinLockProvider provider) {
        try (KeLockDriver d = new KeLockDriver(provider).initialized("A")) {
            d.acquire(0, "A");
            PausePoint lowering = d.machine.pauseAt(0, HalOp.LOWER, PausePoint.Position.BEFORE, 1);
            PendingCall release = d.releaseAsync(0, "A");
            assertThat(lowering.awaitArrival(ARRIVAL)).isTrue();
            assertThat(d.machine.irql(0)).isEqualTo(DISPATCH);
            d.at(1, DISPATCH);
            assertThat(d.tryToAcquire(1, "A").isTrue()).as("KeTryToAcquireSpinLockAtDpcLevel while the releaser lowers")
                    .isTrue();
            lowering.release();
            assertThat(release.await().exitIrql()).isEqualTo(PASSIVE);
            assertThat(d.fromDpcLevel(1, "A").returned()).isTrue();
            assertThat(d.test(2, "A").isTrue()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("correct")
    void the_dpc_level_pair_never_changes_the_irql(KeSpinLockProvider provider) {
        for (Irql entry : List.of(DISPATCH, DIRQL_5)) {
            try (KeLockDriver d = new KeLockDriver(provider).initialized("A")) {
                d.at(2, entry);
                CallResult acquire = d.atDpcLevel(2, "A");
                assertThat(d.test(1, "A").isFalse()).as("held after KeAcquireSpinLockAtDpcLevel").isTrue();
                CallResult release = d.fromDpcLevel(2, "A");
                for (CallResult r : List.of(acquire, release)) {
                    assertThat(r.returned()).as(r.describe()).isTrue();
                    assertThat(r.raises() + r.lowers()).as(r.describe()).isZero();
                    assertThat(r.exitIrql()).isEqualTo(entry);
                }
                assertThat(d.test(1, "A").isTrue()).as("free after KeReleaseSpinLockFromDpcLevel").isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("correct")
    void a_held_lock_keeps_every_acquire_routine_out_until_it_is_released(KeSpinLockProvider provider) {
        try (KeLockDriver d = new KeLockDriver(provider).initialized("A")) {
            d.acquire(0, "A");
            d.at(1, DISPATCH);
            PendingCall dpc = d.atDpcLevelAsync(1, "A");
            PausePoint spinning = d.machine.pauseAtSpin(1, 1);
            assertThat(spinning.awaitArrival(ARRIVAL)).isTrue();
            spinning.release();
            assertThat(dpc.await(Duration.ofMillis(30))).isEmpty();
            assertThat(d.release(0, "A").returned()).isTrue();
            assertThat(dpc.await().returned()).isTrue();

            d.at(2, APC);
            PendingCall acquire = d.acquireAsync(2, "A");
            PausePoint waiting = d.machine.pauseAtSpin(2, 1);
            assertThat(waiting.awaitArrival(ARRIVAL)).isTrue();
            assertThat(d.oldIrql(2, "A").writes()).as("OldIrql written by a waiter").isEmpty();
            waiting.release();
            assertThat(d.fromDpcLevel(1, "A").returned()).isTrue();
            CallResult r = acquire.await();
            assertThat(r.returned()).as(r.describe()).isTrue();
            assertThat(d.oldIrql(2, "A").get()).isEqualTo(APC);
            assertThat(d.release(2, "A").exitIrql()).isEqualTo(APC);
        }
    }

    @ParameterizedTest
    @MethodSource("correct")
    void test_is_true_on_a_free_lock_false_on_a_held_one_and_changes_nothing(KeSpinLockProvider provider) {
        try (KeLockDriver d = new KeLockDriver(provider).initialized("A")) {
            for (Irql entry : List.of(PASSIVE, APC, DISPATCH)) {
                d.at(1, entry);
                long spins = d.machine.spinTurns(1);
                KeLockDriver.Answer free = d.test(1, "A");
                assertThat(free.isTrue()).as("KeTestSpinLock on a free lock at " + entry).isTrue();
                assertThat(free.call().raises() + free.call().lowers()).isZero();
                assertThat(free.call().exitIrql()).isEqualTo(entry);
                assertThat(d.machine.spinTurns(1)).isEqualTo(spins);
            }
            d.at(2, DISPATCH);
            assertThat(d.tryToAcquire(2, "A").isTrue()).as("a TRUE test never acquires").isTrue();
            assertThat(d.fromDpcLevel(2, "A").returned()).isTrue();

            d.acquire(0, "A");
            for (int p : new int[] {1, 0}) {
                KeLockDriver.Answer held = d.test(p, "A");
                assertThat(held.isFalse()).as("KeTestSpinLock on processor " + p + " of a held lock").isTrue();
                assertThat(held.call().raises() + held.call().lowers()).isZero();
            }
            d.release(0, "A");
            assertThat(d.test(1, "A").isTrue()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("correct")
    void try_takes_a_free_lock_and_returns_false_at_once_on_a_held_one(KeSpinLockProvider provider) {
        try (KeLockDriver d = new KeLockDriver(provider).initialized("A")) {
            d.at(1, DISPATCH).at(2, DISPATCH);
            long spins1 = d.machine.spinTurns(1);
            KeLockDriver.Answer won = d.tryToAcquire(1, "A");
            assertThat(won.isTrue()).as("KeTryToAcquireSpinLockAtDpcLevel on a free lock").isTrue();
            assertThat(won.call().raises() + won.call().lowers()).isZero();
            assertThat(won.call().exitIrql()).isEqualTo(DISPATCH);
            assertThat(d.machine.spinTurns(1)).isEqualTo(spins1);
            assertThat(d.test(0, "A").isFalse()).as("held after a TRUE try").isTrue();

            long spins2 = d.machine.spinTurns(2);
            KeLockDriver.Answer lost = d.tryToAcquire(2, "A");
            assertThat(lost.isFalse()).as("KeTryToAcquireSpinLockAtDpcLevel on a held lock").isTrue();
            assertThat(lost.call().raises() + lost.call().lowers()).isZero();
            assertThat(d.machine.spinTurns(2)).as("spin-wait turns of a try on a held lock").isEqualTo(spins2);

            PendingCall acquire = d.acquireAsync(0, "A");
            PausePoint waiting = d.machine.pauseAtSpin(0, 1);
            assertThat(waiting.awaitArrival(ARRIVAL)).isTrue();
            waiting.release();
            assertThat(d.fromDpcLevel(1, "A").returned()).isTrue();
            assertThat(acquire.await().returned()).isTrue();
            assertThat(d.tryToAcquire(2, "A").isFalse()).isTrue();
            d.release(0, "A");

            assertThat(d.tryToAcquire(2, "A").isTrue()).isTrue();
            CallResult release = d.release(2, "A", DISPATCH);
            assertThat(release.returned()).as("KeReleaseSpinLock of a lock taken with a try: " + release.describe())
                    .isTrue();
            assertThat(release.exitIrql()).isEqualTo(DISPATCH);
            assertThat(d.test(0, "A").isTrue()).isTrue();
            assertThat(d.machine.bugChecks()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("undetected")
    void a_recursive_acquire_spins_for_ever_as_no_deadlock_protection_is_performed(KeSpinLockProvider provider) {
        try (KeLockDriver d = new KeLockDriver(provider).initialized("A")) {
            d.acquire(0, "A");
            PausePoint spinning = d.machine.pauseAtSpin(0, 1);
            PendingCall again = d.acquireAsync(0, "A");
            assertThat(spinning.awaitArrival(ARRIVAL)).as("the recursive acquire spins").isTrue();
            assertThat(again.isDone()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("queued")
    void the_queued_lock_hands_over_in_arrival_order_and_a_try_fails_while_anyone_waits(KeSpinLockProvider provider) {
        try (KeLockDriver d = new KeLockDriver(provider).initialized("A")) {
            d.acquire(0, "A");
            PendingCall first = d.acquireAsync(1, "A");
            PausePoint firstWaits = d.machine.pauseAtSpin(1, 1);
            assertThat(firstWaits.awaitArrival(ARRIVAL)).isTrue();
            firstWaits.release();
            d.at(2, APC);
            PendingCall second = d.acquireAsync(2, "A");
            PausePoint secondWaits = d.machine.pauseAtSpin(2, 1);
            assertThat(secondWaits.awaitArrival(ARRIVAL)).isTrue();
            secondWaits.release();
            d.at(3, DISPATCH);
            assertThat(d.tryToAcquire(3, "A").isFalse()).isTrue();

            d.release(0, "A");
            assertThat(first.await().returned()).isTrue();
            assertThat(second.await(Duration.ofMillis(30))).as("the second waiter, while the first holds").isEmpty();
            assertThat(d.tryToAcquire(3, "A").isFalse()).isTrue();
            assertThat(d.test(3, "A").isFalse()).isTrue();
            d.release(1, "A");
            assertThat(second.await().returned()).isTrue();
            assertThat(d.release(2, "A").exitIrql()).isEqualTo(APC);
            assertThat(d.test(3, "A").isTrue()).isTrue();
        }
    }

    /** An OldIrql variable of the harness's own, for the stress body. */
    private static final class Local implements OldIrql {
        private Irql value;

        @Override
        public void set(Irql previous) {
            value = previous;
        }

        @Override
        public Irql get() {
            return value;
        }
    }

    @ParameterizedTest
    @MethodSource("correct")
    void mutual_exclusion_holds_for_four_processors_entering_at_passive_apc_and_dispatch(KeSpinLockProvider provider) {
        int rounds = 1_000;
        MachineConfig config = MachineConfig.defaults().withCallBound(Duration.ofSeconds(60));
        try (KeLockDriver d = new KeLockDriver(provider, config).initialized("A")) {
            KeSpinLockFamily f = d.family;
            KSpinLock lock = d.lock("A");
            Hal hal = d.machine.hal();
            AtomicInteger inside = new AtomicInteger();
            long[] pair = new long[2];
            AtomicReference<String> broken = new AtomicReference<>();
            Irql[] entries = {PASSIVE, APC, DISPATCH, DISPATCH};
            List<PendingCall> calls = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                Irql entry = entries[p];
                int me = p;
                d.at(p, entry);
                calls.add(d.machine.callAsync(p, "Stress", "", () -> {
                    Local oldIrql = new Local();
                    for (int i = 0; i < rounds; i++) {
                        // 0 and 1: KeAcquireSpinLock; 2: the DPC-level pair; 3: a try loop, or KeAcquireSpinLock at DISPATCH_LEVEL
                        boolean dpcPair = me == 2 || (me == 3 && i % 2 == 0);
                        if (me == 2) {
                            f.acquireSpinLockAtDpcLevel(lock);
                        } else if (dpcPair) {
                            while (!f.tryToAcquireSpinLockAtDpcLevel(lock)) {
                                hal.spinWait();
                            }
                        } else {
                            f.acquireSpinLock(lock, oldIrql);
                            if (!entry.equals(oldIrql.get())) {
                                broken.compareAndSet(null, "OldIrql " + oldIrql.get() + " on processor " + me
                                        + " entered at " + entry);
                            }
                        }
                        if (inside.incrementAndGet() != 1) {
                            broken.compareAndSet(null, "two processors inside");
                        }
                        if (!hal.currentIrql().equals(DISPATCH)) {
                            broken.compareAndSet(null, "inside at " + hal.currentIrql() + " on processor " + me);
                        }
                        if (pair[0] != pair[1]) {
                            broken.compareAndSet(null, "the previous owner's writes are not visible");
                        }
                        pair[0]++;
                        pair[1]++;
                        inside.decrementAndGet();
                        if (dpcPair) {
                            f.releaseSpinLockFromDpcLevel(lock);
                        } else {
                            f.releaseSpinLock(lock, oldIrql.get());
                        }
                        if (!hal.currentIrql().equals(entry)) {
                            broken.compareAndSet(null, "released to " + hal.currentIrql() + " instead of " + entry);
                        }
                    }
                }));
            }
            calls.forEach(c -> assertThat(c.await().returned()).as(c.result().describe()).isTrue());
            assertThat(broken.get()).isNull();
            assertThat(pair[0]).isEqualTo(4L * rounds);
            assertThat(d.machine.bugChecks()).isEmpty();
        }
    }
}
