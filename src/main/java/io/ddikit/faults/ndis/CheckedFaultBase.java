package io.ddikit.faults.ndis;

import io.ddikit.spi.BugCheck;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndis.NdisSpinLock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A checked build over {@link FaultBase}: every call is checked against the page's rules before the lock is
 * touched, and misuse is reported with {@link Hal#bugCheck} naming the DDI compliance rule. Each check is a
 * method, so that a fault can get one of them wrong. SPI and JDK only.
 */
abstract class CheckedFaultBase extends FaultBase {
    static final int NEW = 0;
    static final int LIVE = 1;
    static final int FREED = 2;
    static final int NOBODY = -1;

    /** The lock plus the checked build's own bookkeeping. */
    static final class CheckedLock extends Lock {
        final AtomicInteger state = new AtomicInteger(NEW);
        final AtomicInteger owner = new AtomicInteger(NOBODY);
        volatile boolean byDpr;
        /** Acquires not yet released by the owner (only a recursive fault lets it pass 1). */
        int depth;
    }

    CheckedFaultBase(Hal hal) {
        super(hal);
    }

    static CheckedLock c(NdisSpinLock lock) {
        return (CheckedLock) lock;
    }

    @Override
    public NdisSpinLock newLock() {
        return new CheckedLock();
    }

    @Override
    public void allocateSpinLock(NdisSpinLock lock) {
        CheckedLock l = c(lock);
        if (l.owner.get() != NOBODY) {
            fail(0xC4, "SpinLockBalanced", "NdisAllocateSpinLock: the lock is held by processor " + l.owner.get());
        }
        irqlAtMostDispatch("NdisAllocateSpinLock");
        super.allocateSpinLock(lock);
        l.state.set(LIVE);
    }

    @Override
    public void freeSpinLock(NdisSpinLock lock) {
        CheckedLock l = c(lock);
        live("NdisFreeSpinLock", l);
        if (l.owner.get() != NOBODY) {
            fail(0xC4, "SpinLockBalanced", "NdisFreeSpinLock: the lock is still held by processor " + l.owner.get());
        }
        irqlAtMostDispatch("NdisFreeSpinLock");
        super.freeSpinLock(lock);
        l.state.set(FREED);
    }

    @Override
    public void acquireSpinLock(NdisSpinLock lock) {
        CheckedLock l = c(lock);
        live("NdisAcquireSpinLock", l);
        if (alreadyMine("NdisAcquireSpinLock", l)) {
            return;
        }
        irqlAtMostDispatch("NdisAcquireSpinLock");
        super.acquireSpinLock(lock);
        l.byDpr = false;
        l.depth = 1;
        l.owner.set(hal.currentProcessorNumber());
    }

    @Override
    public void releaseSpinLock(NdisSpinLock lock) {
        CheckedLock l = c(lock);
        live("NdisReleaseSpinLock", l);
        mine("NdisReleaseSpinLock", l);
        if (l.byDpr) {
            fail(0xC4, "SpinLockDprRelease", "NdisReleaseSpinLock: the lock was acquired with NdisDprAcquireSpinLock");
        }
        irqlIsDispatch("NdisReleaseSpinLock");
        if (--l.depth > 0) {
            return;
        }
        l.owner.set(NOBODY);
        super.releaseSpinLock(lock);
    }

    @Override
    public void dprAcquireSpinLock(NdisSpinLock lock) {
        CheckedLock l = c(lock);
        live("NdisDprAcquireSpinLock", l);
        if (alreadyMine("NdisDprAcquireSpinLock", l)) {
            return;
        }
        irqlIsDispatch("NdisDprAcquireSpinLock");
        super.dprAcquireSpinLock(lock);
        l.byDpr = true;
        l.depth = 1;
        l.owner.set(hal.currentProcessorNumber());
    }

    @Override
    public void dprReleaseSpinLock(NdisSpinLock lock) {
        CheckedLock l = c(lock);
        live("NdisDprReleaseSpinLock", l);
        mine("NdisDprReleaseSpinLock", l);
        if (!l.byDpr) {
            fail(0xC4, "SpinLockDpr", "NdisDprReleaseSpinLock: the lock was acquired with NdisAcquireSpinLock");
        }
        irqlIsDispatch("NdisDprReleaseSpinLock");
        if (--l.depth > 0) {
            return;
        }
        l.owner.set(NOBODY);
        super.dprReleaseSpinLock(lock);
    }

    void live(String api, CheckedLock l) {
        int s = l.state.get();
        if (s != LIVE) {
            fail(0xC4, "SpinLock", api + ": the lock " + (s == NEW ? "was never allocated" : "was freed"));
        }
    }

    /**
     * Whether the caller already holds the lock; a correct checked build reports it as bug check 0xF and
     * never returns true.
     */
    boolean alreadyMine(String api, CheckedLock l) {
        if (l.owner.get() == hal.currentProcessorNumber()) {
            fail(BugCheck.SPIN_LOCK_ALREADY_OWNED, "SpinLock", api + ": the lock is already held by this processor");
        }
        return false;
    }

    void mine(String api, CheckedLock l) {
        int owner = l.owner.get();
        if (owner != hal.currentProcessorNumber()) {
            fail(BugCheck.SPIN_LOCK_NOT_OWNED, notOwnedRule(), api + ": the lock is not held by this processor (held by "
                    + (owner == NOBODY ? "none" : "processor " + owner) + ")");
        }
    }

    /** The rule a release of a lock the caller does not hold breaks. */
    String notOwnedRule() {
        return "SpinlockRelease";
    }

    void irqlAtMostDispatch(String api) {
        Irql now = hal.currentIrql();
        if (now.isAbove(Irql.DISPATCH_LEVEL)) {
            fail(0xC4, "Irql_Synch_Function", api + " called at " + now + "; it must be called at or below DISPATCH_LEVEL");
        }
    }

    void irqlIsDispatch(String api) {
        Irql now = hal.currentIrql();
        if (!now.equals(Irql.DISPATCH_LEVEL)) {
            fail(0xC4, "Irql_Synch_Function", api + " called at " + now + "; it must be called at DISPATCH_LEVEL");
        }
    }

    void fail(int code, String rule, String message) {
        hal.bugCheck(new BugCheck(code, 0, rule, message + " on processor " + hal.currentProcessorNumber()));
    }
}
