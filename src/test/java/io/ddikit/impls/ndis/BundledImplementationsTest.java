package io.ddikit.impls.ndis;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.PendingCall;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockFamily;
import io.ddikit.spi.ndis.NdisSpinLockProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class BundledImplementationsTest {
    private static final Irql PASSIVE = Irql.PASSIVE_LEVEL;
    private static final Irql APC = Irql.APC_LEVEL;
    private static final Irql DISPATCH = Irql.DISPATCH_LEVEL;

    static NdisSpinLockProvider provider(String name) {
        return ServiceLoader.load(NdisSpinLockProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no implementation named " + name));
    }

    @Test
    void the_service_loader_finds_all_three_by_name() {
        List<String> names = ServiceLoader.load(NdisSpinLockProvider.class).stream()
                .map(p -> p.get().name()).collect(Collectors.toList());
        assertThat(names).contains("reference", "ticket", "verifier");
        assertThat(provider("verifier").capabilities()).contains(io.ddikit.spi.Capability.MISUSE_DETECTION);
        assertThat(provider("reference").capabilities()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "ticket", "verifier"})
    void acquire_raises_to_dispatch_and_release_restores_the_entry_irql(String name) {
        for (Irql entry : List.of(PASSIVE, APC, DISPATCH)) {
            try (LockDriver d = new LockDriver(provider(name)).allocated("A")) {
                d.at(1, entry);
                CallResult acquire = d.acquire(1, "A");
                assertThat(acquire.returned()).as(acquire.describe()).isTrue();
                assertThat(acquire.exitIrql()).isEqualTo(DISPATCH);
                assertThat(acquire.raises()).isEqualTo(1);
                assertThat(acquire.lowers()).isZero();
                CallResult release = d.release(1, "A");
                assertThat(release.returned()).as(release.describe()).isTrue();
                assertThat(release.exitIrql()).isEqualTo(entry);
                assertThat(release.lowers()).isEqualTo(1);
                assertThat(release.raises()).isZero();
                assertThat(d.machine.bugChecks()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "ticket", "verifier"})
    void dpr_variants_never_change_the_irql(String name) {
        try (LockDriver d = new LockDriver(provider(name)).allocated("A")) {
            d.at(2, DISPATCH);
            CallResult acquire = d.dprAcquire(2, "A");
            CallResult release = d.dprRelease(2, "A");
            for (CallResult r : List.of(acquire, release)) {
                assertThat(r.returned()).as(r.describe()).isTrue();
                assertThat(r.raises() + r.lowers()).isZero();
                assertThat(r.exitIrql()).isEqualTo(DISPATCH);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "ticket", "verifier"})
    void a_held_lock_keeps_the_other_variant_out_until_released(String name) {
        try (LockDriver d = new LockDriver(provider(name)).allocated("A")) {
            d.acquire(0, "A");
            d.at(1, DISPATCH);
            PendingCall dpr = d.dprAcquireAsync(1, "A");
            var spinning = d.machine.pauseAtSpin(1, 1);
            assertThat(spinning.awaitArrival(Duration.ofSeconds(2))).isTrue();
            spinning.release();
            assertThat(dpr.await(Duration.ofMillis(30))).isEmpty();
            d.release(0, "A");
            assertThat(dpr.await().returned()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "ticket", "verifier"})
    void the_lock_is_free_while_the_releasing_processor_is_still_inside_its_lower(String name) {
        try (LockDriver d = new LockDriver(provider(name)).allocated("A")) {
            d.acquire(0, "A");
            var held = d.machine.pauseAt(0, io.ddikit.kernel.HalOp.LOWER, 1);
            PendingCall release = d.releaseAsync(0, "A");
            assertThat(held.awaitArrival(Duration.ofSeconds(2))).isTrue();
            d.at(1, APC);
            CallResult probe = d.acquire(1, "A");
            assertThat(probe.returned()).as(probe.describe()).isTrue();
            held.release();
            assertThat(release.await().exitIrql()).isEqualTo(PASSIVE);
            assertThat(d.release(1, "A").exitIrql()).isEqualTo(APC);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "ticket", "verifier"})
    void mutual_exclusion_holds_under_contention_from_different_entry_irqls(String name) {
        int rounds = 2_000;
        try (LockDriver d = new LockDriver(provider(name)).allocated("A")) {
            NdisSpinLockFamily f = d.family;
            NdisSpinLock lock = d.lock("A");
            Hal hal = d.machine.hal();
            AtomicInteger inside = new AtomicInteger();
            long[] pair = new long[2];
            AtomicReference<String> broken = new AtomicReference<>();
            List<PendingCall> calls = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                Irql entry = p % 2 == 0 ? PASSIVE : APC;
                d.at(p, entry);
                calls.add(d.machine.callAsync(p, "Stress", "", () -> {
                    for (int i = 0; i < rounds; i++) {
                        f.acquireSpinLock(lock);
                        if (inside.incrementAndGet() != 1) {
                            broken.compareAndSet(null, "two processors inside");
                        }
                        if (!hal.currentIrql().equals(DISPATCH)) {
                            broken.compareAndSet(null, "inside at " + hal.currentIrql());
                        }
                        if (pair[0] != pair[1]) {
                            broken.compareAndSet(null, "previous owner's writes not visible");
                        }
                        pair[0]++;
                        pair[1]++;
                        inside.decrementAndGet();
                        f.releaseSpinLock(lock);
                        if (!hal.currentIrql().equals(entry)) {
                            broken.compareAndSet(null, "released to " + hal.currentIrql() + " instead of " + entry);
                        }
                    }
                }));
            }
            calls.forEach(c -> assertThat(c.await().returned()).as(c.result().describe()).isTrue());
            assertThat(broken.get()).isNull();
            assertThat(pair[0]).isEqualTo(4L * rounds);
        }
    }

    @Test
    void the_ticket_lock_serves_waiters_in_arrival_order() {
        try (LockDriver d = new LockDriver(provider("ticket")).allocated("A")) {
            d.acquire(0, "A");
            PendingCall first = d.acquireAsync(1, "A");
            var firstSpins = d.machine.pauseAtSpin(1, 1);
            assertThat(firstSpins.awaitArrival(Duration.ofSeconds(2))).isTrue();
            firstSpins.release();
            PendingCall second = d.acquireAsync(2, "A");
            var secondSpins = d.machine.pauseAtSpin(2, 1);
            assertThat(secondSpins.awaitArrival(Duration.ofSeconds(2))).isTrue();
            secondSpins.release();
            d.release(0, "A");
            assertThat(first.await().returned()).isTrue();
            assertThat(second.await(Duration.ofMillis(30))).isEmpty();
            d.release(1, "A");
            assertThat(second.await().returned()).isTrue();
        }
    }
}
