package io.ddikit.impls.ndis.reference;

import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockFamily;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The documented algorithm. The lock holds a lock word and an {@code OldIrql} field.
 * <ul>
 *   <li>Acquire: raise to DISPATCH_LEVEL, spin (test, then test-and-set with acquire semantics, calling
 *       {@link Hal#spinWait()} on each turn) until the lock word is won, then store the previous IRQL in
 *       {@code OldIrql}.</li>
 *   <li>Release: read {@code OldIrql} while still holding, clear the lock word (release store), then
 *       lower to the value read.</li>
 *   <li>Dpr variants: the same lock word, no IRQL change.</li>
 *   <li>Allocate initialises the word and {@code OldIrql}; free marks the lock retired. No misuse checks.</li>
 * </ul>
 */
public final class ReferenceFamily implements NdisSpinLockFamily {

    /** An {@code NDIS_SPIN_LOCK} of this implementation. */
    static final class Lock implements NdisSpinLock {
        final AtomicInteger word = new AtomicInteger();
        /** Written only by the holder after winning the word, read only by the holder before clearing it. */
        Irql oldIrql = Irql.PASSIVE_LEVEL;
        volatile boolean retired;
    }

    private final Hal hal;

    public ReferenceFamily(Hal hal) {
        this.hal = hal;
    }

    @Override
    public NdisSpinLock newLock() {
        return new Lock();
    }

    @Override
    public void allocateSpinLock(NdisSpinLock lock) {
        Lock l = (Lock) lock;
        l.oldIrql = Irql.PASSIVE_LEVEL;
        l.retired = false;
        l.word.set(0);
    }

    @Override
    public void freeSpinLock(NdisSpinLock lock) {
        ((Lock) lock).retired = true;
    }

    @Override
    public void acquireSpinLock(NdisSpinLock lock) {
        Lock l = (Lock) lock;
        Irql old = hal.raiseIrql(Irql.DISPATCH_LEVEL);
        spinUntilWon(l);
        l.oldIrql = old;
    }

    @Override
    public void releaseSpinLock(NdisSpinLock lock) {
        Lock l = (Lock) lock;
        Irql old = l.oldIrql;
        l.word.setRelease(0);
        hal.lowerIrql(old);
    }

    @Override
    public void dprAcquireSpinLock(NdisSpinLock lock) {
        spinUntilWon((Lock) lock);
    }

    @Override
    public void dprReleaseSpinLock(NdisSpinLock lock) {
        ((Lock) lock).word.setRelease(0);
    }

    private void spinUntilWon(Lock l) {
        while (true) {
            if (l.word.getAcquire() == 0 && l.word.compareAndExchangeAcquire(0, 1) == 0) {
                return;
            }
            hal.spinWait();
        }
    }
}
