package io.ddikit.e2e.serial;

import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndisrw.LockState;
import io.ddikit.spi.ndisrw.NdisRwLock;
import io.ddikit.spi.ndisrw.NdisRwLockFamily;
import io.ddikit.spi.ndisrw.NdisRwLockProvider;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A correct read-write lock that serialises readers: one spin lock for every access, and a per-processor depth so that a
 * thread holding the lock for read can read again. Correct by the pages, but readers never share it: the kit must say so
 * as information, not as a failure.
 */
public final class SerialRwLockProvider implements NdisRwLockProvider {
    @Override
    public String name() {
        return "serial";
    }

    @Override
    public String version() {
        return "test";
    }

    @Override
    public NdisRwLockFamily create(Hal hal) {
        return new Family(hal);
    }

    private static final class Lock implements NdisRwLock {
        final AtomicInteger word = new AtomicInteger();
        final AtomicIntegerArray depth = new AtomicIntegerArray(64);
    }

    private static final class Family implements NdisRwLockFamily {
        private final Hal hal;

        Family(Hal hal) {
            this.hal = hal;
        }

        @Override
        public NdisRwLock newLock() {
            return new Lock();
        }

        @Override
        public void initializeReadWriteLock(NdisRwLock lock) {
            ((Lock) lock).word.set(0);
        }

        @Override
        public void acquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
            lockState.setOldIrql(hal.raiseIrql(Irql.DISPATCH_LEVEL));
            dprAcquireReadWriteLock(lock, write, lockState);
        }

        @Override
        public void releaseReadWriteLock(NdisRwLock lock, LockState lockState) {
            Irql back = lockState.oldIrql();
            dprReleaseReadWriteLock(lock, lockState);
            hal.lowerIrql(back);
        }

        @Override
        public void dprAcquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
            Lock l = (Lock) lock;
            int me = hal.currentProcessorNumber();
            int deep = l.depth.get(me);
            if (deep > 0) {
                l.depth.set(me, deep + 1);
                return;
            }
            while (!l.word.compareAndSet(0, 1)) {
                hal.spinWait();
            }
            l.depth.set(me, 1);
        }

        @Override
        public void dprReleaseReadWriteLock(NdisRwLock lock, LockState lockState) {
            Lock l = (Lock) lock;
            int me = hal.currentProcessorNumber();
            int deep = l.depth.get(me) - 1;
            l.depth.set(me, deep);
            if (deep == 0) {
                l.word.set(0);
            }
        }
    }
}
