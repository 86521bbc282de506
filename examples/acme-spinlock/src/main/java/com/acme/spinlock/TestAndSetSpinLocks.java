package com.acme.spinlock;

import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockFamily;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A test-and-set spin lock: one flag per lock, taken with an atomic get-and-set, cleared with a volatile
 * write; the IRQL the caller entered at is kept in the lock while it is held.
 */
final class TestAndSetSpinLocks implements NdisSpinLockFamily {

    private static final class Lock implements NdisSpinLock {
        final AtomicBoolean taken = new AtomicBoolean();
        /** The caller's IRQL before NdisAcquireSpinLock; touched only by the holder. */
        Irql savedIrql = Irql.PASSIVE_LEVEL;
    }

    private final Hal hal;

    TestAndSetSpinLocks(Hal hal) {
        this.hal = hal;
    }

    @Override
    public NdisSpinLock newLock() {
        return new Lock();
    }

    @Override
    public void allocateSpinLock(NdisSpinLock lock) {
        Lock l = (Lock) lock;
        l.savedIrql = Irql.PASSIVE_LEVEL;
        l.taken.set(false);
    }

    @Override
    public void freeSpinLock(NdisSpinLock lock) {
        // Nothing to give back: the lock is plain memory.
    }

    @Override
    public void acquireSpinLock(NdisSpinLock lock) {
        Lock l = (Lock) lock;
        Irql entered = hal.raiseIrql(Irql.DISPATCH_LEVEL);
        take(l);
        l.savedIrql = entered; // only once the lock is ours
    }

    @Override
    public void releaseSpinLock(NdisSpinLock lock) {
        Lock l = (Lock) lock;
        Irql back = l.savedIrql; // read while still holding
        l.taken.set(false);
        hal.lowerIrql(back);
    }

    @Override
    public void dprAcquireSpinLock(NdisSpinLock lock) {
        take((Lock) lock);
    }

    @Override
    public void dprReleaseSpinLock(NdisSpinLock lock) {
        ((Lock) lock).taken.set(false);
    }

    private void take(Lock l) {
        while (l.taken.getAndSet(true)) {
            hal.spinWait();
        }
    }
}
