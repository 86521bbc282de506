package io.ddikit.steps.ndisrw;

import io.ddikit.kernel.ApiCall;
import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.LockEffect;
import io.ddikit.kernel.PendingCall;
import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndisrw.NdisRwLock;
import io.ddikit.spi.ndisrw.NdisRwLockFamily;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether a lock that waiters cannot get is really taken. The kit cannot read a Java implementation's lock, but it can
 * try it from a processor that takes no part: an NdisDprAcquireReadWriteLock for write at DISPATCH_LEVEL that returns at
 * once says the lock was free (then the waiters' loop is what never sees it given up), one that only spins says it is
 * taken (then the release that returned left it so).
 */
final class RwProbe {
    /** Spin-wait turns after which the probe calls the lock taken. */
    static final long SPINS = 10_000;
    private static final Duration MOST = Duration.ofSeconds(2);

    enum Finding { FREE, TAKEN, UNKNOWN }

    private RwProbe() {
    }

    /** Tries {@code lock} for write from processor {@code q}, which must be idle; gives it back when it got it. */
    static Finding probe(SimulatedMachine m, NdisRwLockFamily family, NdisRwLock lock, String label, int q) {
        try {
            m.setIrql(q, Irql.DISPATCH_LEVEL);
            long spins0 = m.spinTurns(q);
            KitLockState state = new KitLockState("probe", m);
            PendingCall take = m.callAsync(new ApiCall(q, Api.NdisDprAcquireReadWriteLock.name(), label, LockEffect.ACQUIRE,
                    "", state.label(), "write"), null, () -> family.dprAcquireReadWriteLock(lock, true, state));
            long deadline = System.nanoTime() + MOST.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<CallResult> r = take.poll(Duration.ofMillis(10));
                if (r.isPresent()) {
                    if (!r.get().returned()) {
                        return Finding.UNKNOWN;
                    }
                    m.call(new ApiCall(q, Api.NdisDprReleaseReadWriteLock.name(), label, LockEffect.RELEASE, "", state.label(),
                            ""), null, () -> family.dprReleaseReadWriteLock(lock, state));
                    return Finding.FREE;
                }
                if (m.spinTurns(q) - spins0 >= SPINS) {
                    return Finding.TAKEN;
                }
            }
            return Finding.UNKNOWN;
        } catch (RuntimeException e) {
            return Finding.UNKNOWN;
        }
    }

    /** A processor other than {@code busy} that is idle now, or -1. */
    static int idleOtherThan(SimulatedMachine m, int busy) {
        for (int q = m.processorCount() - 1; q >= 0; q--) {
            if (q != busy && m.currentCall(q) == null && m.runningDpc(q) == null && m.holdings(q).isEmpty()) {
                return q;
            }
        }
        return -1;
    }
}
