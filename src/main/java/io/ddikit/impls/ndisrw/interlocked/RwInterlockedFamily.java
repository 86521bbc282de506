package io.ddikit.impls.ndisrw.interlocked;

import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndisrw.LockState;
import io.ddikit.spi.ndisrw.NdisRwLock;
import io.ddikit.spi.ndisrw.NdisRwLockFamily;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A read-write lock written another way than {@code reference}: one shared word counts the readers inside (or holds
 * {@value #WRITTEN} while a writer is inside), changed only with compare-and-set, and writers go first: while a writer
 * waits, no new reader enters.
 *
 * <ul>
 *   <li><b>Read.</b> If this processor already reads (its depth, which only it writes, is not 0), the running thread
 *       reads again: one level deeper, and in at once, whether or not a writer waits. Otherwise wait until no writer is
 *       inside or waiting, and add one to the word with compare-and-set.</li>
 *   <li><b>Write.</b> Say a writer waits (an interlocked increment), then wait until the word goes from 0 to
 *       {@value #WRITTEN} with compare-and-set, then stop waiting.</li>
 *   <li><b>Release.</b> A recursive read takes one level off the depth; the outer read takes one off the word; a write
 *       puts the word back to 0. Then the non-Dpr release lowers to the {@code OldIrql} in the caller's
 *       {@link LockState}.</li>
 * </ul>
 * Every first read of a processor makes interlocked operations, which the page says the documented design does not
 * need: the kit reports it as information, not as a fault. SPI and JDK only.
 */
final class RwInterlockedFamily implements NdisRwLockFamily {
    /** The word while a writer is inside. */
    static final int WRITTEN = -1;
    /** LockState values: how this acquisition holds the lock. */
    static final int OUTER_READ = 0x10;
    static final int INNER_READ = 0x11;
    static final int WRITE = 0x20;
    private static final int PROCESSORS = 64;

    static final class Lock implements NdisRwLock {
        /** Readers inside, or {@link #WRITTEN}. */
        final AtomicInteger word = new AtomicInteger();
        /** Writers waiting to enter. */
        final AtomicInteger waitingWriters = new AtomicInteger();
        /** Per processor: how deep the running thread reads, written by that processor only. */
        final AtomicIntegerArray depth = new AtomicIntegerArray(PROCESSORS);
    }

    private final Hal hal;

    RwInterlockedFamily(Hal hal) {
        this.hal = hal;
    }

    private static Lock l(NdisRwLock lock) {
        return (Lock) lock;
    }

    @Override
    public NdisRwLock newLock() {
        return new Lock();
    }

    @Override
    public void initializeReadWriteLock(NdisRwLock lock) {
        Lock l = l(lock);
        l.waitingWriters.set(0);
        for (int p = 0; p < PROCESSORS; p++) {
            l.depth.set(p, 0);
        }
        l.word.set(0);
    }

    @Override
    public void acquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
        lockState.setOldIrql(hal.raiseIrql(Irql.DISPATCH_LEVEL));
        if (write) {
            write(l(lock), lockState);
        } else {
            read(l(lock), lockState);
        }
    }

    @Override
    public void releaseReadWriteLock(NdisRwLock lock, LockState lockState) {
        Irql back = lockState.oldIrql();
        release(l(lock), lockState);
        hal.lowerIrql(back);
    }

    @Override
    public void dprAcquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
        if (write) {
            write(l(lock), lockState);
        } else {
            read(l(lock), lockState);
        }
    }

    @Override
    public void dprReleaseReadWriteLock(NdisRwLock lock, LockState lockState) {
        release(l(lock), lockState);
    }

    private void read(Lock l, LockState lockState) {
        int me = hal.currentProcessorNumber();
        int deep = l.depth.get(me);
        if (deep > 0) {
            l.depth.set(me, deep + 1);
            lockState.setState(INNER_READ);
            return;
        }
        while (true) {
            int w = l.word.get();
            if (w != WRITTEN && l.waitingWriters.get() == 0 && l.word.compareAndSet(w, w + 1)) {
                break;
            }
            hal.spinWait();
        }
        l.depth.set(me, 1);
        lockState.setState(OUTER_READ);
    }

    private void write(Lock l, LockState lockState) {
        l.waitingWriters.incrementAndGet();
        while (!l.word.compareAndSet(0, WRITTEN)) {
            hal.spinWait();
        }
        l.waitingWriters.decrementAndGet();
        lockState.setState(WRITE);
    }

    private void release(Lock l, LockState lockState) {
        switch (lockState.state()) {
            case WRITE:
                l.word.set(0);
                return;
            case INNER_READ: {
                int me = hal.currentProcessorNumber();
                l.depth.set(me, l.depth.get(me) - 1);
                return;
            }
            default: {
                int me = hal.currentProcessorNumber();
                l.depth.set(me, 0);
                l.word.decrementAndGet();
            }
        }
    }
}
