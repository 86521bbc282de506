package io.ddikit.impls.ke.reference;

import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ke.KSpinLock;
import io.ddikit.spi.ke.KeSpinLockFamily;
import io.ddikit.spi.ke.OldIrql;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The documented algorithm on one lock word ({@code 0} free, {@code 1} held).
 * <ul>
 *   <li>{@code KeAcquireSpinLock}: raise to DISPATCH_LEVEL, spin (test, then test-and-set with acquire semantics,
 *       calling {@link Hal#spinWait()} on each turn) until the word is won, <em>then</em> write the previous IRQL to
 *       the caller's {@code OldIrql}.</li>
 *   <li>{@code KeReleaseSpinLock}: clear the word (a release store), then lower to {@code NewIrql}.</li>
 *   <li>{@code KeAcquireSpinLockAtDpcLevel} / {@code KeReleaseSpinLockFromDpcLevel}: the same word, no IRQL
 *       change.</li>
 *   <li>{@code KeTestSpinLock}: one acquire read of the word; {@code true} when it is free. Never writes it, never
 *       raises nor lowers.</li>
 *   <li>{@code KeTryToAcquireSpinLockAtDpcLevel}: one compare-and-set; never spins.</li>
 *   <li>{@code KeInitializeSpinLock}: clears the word. No misuse checks anywhere.</li>
 * </ul>
 */
public final class KeReferenceFamily implements KeSpinLockFamily {

    /** A {@code KSPIN_LOCK} of this implementation: the lock word. */
    static final class Lock implements KSpinLock {
        final AtomicInteger word = new AtomicInteger();
    }

    private final Hal hal;

    public KeReferenceFamily(Hal hal) {
        this.hal = hal;
    }

    @Override
    public KSpinLock newLock() {
        return new Lock();
    }

    @Override
    public void initializeSpinLock(KSpinLock lock) {
        ((Lock) lock).word.set(0);
    }

    @Override
    public void acquireSpinLock(KSpinLock lock, OldIrql oldIrql) {
        Lock l = (Lock) lock;
        Irql previous = hal.raiseIrql(Irql.DISPATCH_LEVEL);
        spinUntilWon(l);
        oldIrql.set(previous);
    }

    @Override
    public void releaseSpinLock(KSpinLock lock, Irql newIrql) {
        ((Lock) lock).word.setRelease(0);
        hal.lowerIrql(newIrql);
    }

    @Override
    public void acquireSpinLockAtDpcLevel(KSpinLock lock) {
        spinUntilWon((Lock) lock);
    }

    @Override
    public void releaseSpinLockFromDpcLevel(KSpinLock lock) {
        ((Lock) lock).word.setRelease(0);
    }

    @Override
    public boolean testSpinLock(KSpinLock lock) {
        return ((Lock) lock).word.getAcquire() == 0;
    }

    @Override
    public boolean tryToAcquireSpinLockAtDpcLevel(KSpinLock lock) {
        return ((Lock) lock).word.compareAndExchangeAcquire(0, 1) == 0;
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
