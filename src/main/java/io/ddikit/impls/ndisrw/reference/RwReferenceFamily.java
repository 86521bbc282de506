package io.ddikit.impls.ndisrw.reference;

import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndisrw.LockState;
import io.ddikit.spi.ndisrw.NdisRwLock;
import io.ddikit.spi.ndisrw.NdisRwLockFamily;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The documented design of the NDIS read-write lock: a spin lock that writers take, and a count of readers per
 * processor, which only that processor writes.
 *
 * <ul>
 *   <li><b>Read.</b> Raise to DISPATCH_LEVEL (the non-Dpr variant), then, on this processor's own count: if it is not 0,
 *       a thread of this processor already reads (it is the running thread, since dispatching is disabled), so this is a
 *       recursive read: count one more and return, even if a writer waits. Otherwise publish a count of 1 and look at
 *       the writers' spin lock: free, the reader is in; taken, it puts its count back to 0, waits until the spin lock is
 *       free and tries again. No interlocked operation: each count has one writer, and a volatile write followed by a
 *       volatile read is ordered (the writer publishes its spin lock and then reads the counts, so one of the two sees
 *       the other).</li>
 *   <li><b>Write.</b> Raise to DISPATCH_LEVEL, win the spin lock (test, then test-and-set), then wait until every
 *       processor's count is 0.</li>
 *   <li><b>Release.</b> Read the caller's {@link LockState}: a reader takes one off its processor's count, a writer frees
 *       the spin lock (each with release semantics); then lower to the {@code OldIrql} the acquire kept there.</li>
 * </ul>
 * The {@link LockState} holds how the acquisition holds the lock ({@link #READ}, {@link #RECURSIVE_READ}, {@link #WRITE})
 * and the caller's previous IRQL. SPI and JDK only.
 */
final class RwReferenceFamily implements NdisRwLockFamily {
    /** LockState: read access, the first of its processor. */
    static final int READ = 1;
    /** LockState: read access of a thread that already read. */
    static final int RECURSIVE_READ = 2;
    /** LockState: write access. */
    static final int WRITE = 3;
    /** One count per possible processor (the kit's machines have at most 64). */
    static final int PROCESSORS = 64;

    /** The lock: the writers' spin lock and the readers' counts, one per processor. */
    static final class Lock implements NdisRwLock {
        final AtomicInteger writer = new AtomicInteger();
        final AtomicIntegerArray readers = new AtomicIntegerArray(PROCESSORS);
    }

    private final Hal hal;

    RwReferenceFamily(Hal hal) {
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
        for (int p = 0; p < PROCESSORS; p++) {
            l.readers.set(p, 0);
        }
        l.writer.set(0);
    }

    @Override
    public void acquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
        Irql previous = hal.raiseIrql(Irql.DISPATCH_LEVEL);
        lockState.setOldIrql(previous);
        enter(l(lock), write, lockState);
    }

    @Override
    public void releaseReadWriteLock(NdisRwLock lock, LockState lockState) {
        Irql previous = lockState.oldIrql();
        leave(l(lock), lockState);
        hal.lowerIrql(previous);
    }

    @Override
    public void dprAcquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
        enter(l(lock), write, lockState);
    }

    @Override
    public void dprReleaseReadWriteLock(NdisRwLock lock, LockState lockState) {
        leave(l(lock), lockState);
    }

    private void enter(Lock l, boolean write, LockState lockState) {
        int me = hal.currentProcessorNumber();
        if (write) {
            while (l.writer.getAcquire() != 0 || l.writer.compareAndExchangeAcquire(0, 1) != 0) {
                hal.spinWait();
            }
            for (int p = 0; p < PROCESSORS; p++) {
                while (l.readers.get(p) != 0) {
                    hal.spinWait();
                }
            }
            lockState.setState(WRITE);
            return;
        }
        int mine = l.readers.getPlain(me);
        if (mine != 0) {
            l.readers.set(me, mine + 1);
            lockState.setState(RECURSIVE_READ);
            return;
        }
        while (true) {
            l.readers.set(me, 1);
            if (l.writer.get() == 0) {
                lockState.setState(READ);
                return;
            }
            l.readers.set(me, 0);
            while (l.writer.getAcquire() != 0) {
                hal.spinWait();
            }
        }
    }

    private void leave(Lock l, LockState lockState) {
        if (lockState.state() == WRITE) {
            l.writer.setRelease(0);
            return;
        }
        int me = hal.currentProcessorNumber();
        l.readers.set(me, l.readers.getPlain(me) - 1);
    }
}
