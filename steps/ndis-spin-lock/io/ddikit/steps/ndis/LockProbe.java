package io.ddikit.steps.ndis;

import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.PendingCall;
import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockFamily;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether a lock that waiters cannot take is really taken. The kit cannot read a Java implementation's lock word, but
 * it can try the lock from a processor that takes no part: an NdisDprAcquireSpinLock at DISPATCH_LEVEL that returns
 * at once says the lock was free (then the waiters' loop is what never sees it released), one that only spins says it
 * is taken (then the release that returned left it so).
 */
final class LockProbe {
    /** Spin-wait turns after which the probe calls the lock taken. */
    static final long SPINS = 10_000;
    private static final Duration MOST = Duration.ofSeconds(2);

    enum Finding { FREE, TAKEN, UNKNOWN }

    private LockProbe() {
    }

    /** Tries {@code lock} from processor {@code q}, which must be idle; gives it back when it got it. */
    static Finding probe(SimulatedMachine m, NdisSpinLockFamily family, NdisSpinLock lock, String label, int q) {
        try {
            m.setIrql(q, Irql.DISPATCH_LEVEL);
            long spins0 = m.spinTurns(q);
            PendingCall take = m.callAsync(q, Api.NdisDprAcquireSpinLock.name(), label,
                    () -> Api.NdisDprAcquireSpinLock.invoke(family, lock));
            long deadline = System.nanoTime() + MOST.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<CallResult> r = take.poll(Duration.ofMillis(10));
                if (r.isPresent()) {
                    if (!r.get().returned()) {
                        return Finding.UNKNOWN;
                    }
                    m.call(q, Api.NdisDprReleaseSpinLock.name(), label, () -> Api.NdisDprReleaseSpinLock.invoke(family, lock));
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
            if (q != busy && m.currentCall(q) == null && m.runningDpc(q) == null) {
                return q;
            }
        }
        return -1;
    }
}
