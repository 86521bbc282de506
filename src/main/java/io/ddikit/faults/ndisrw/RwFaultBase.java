package io.ddikit.faults.ndisrw;

import io.ddikit.spi.Capability;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndisrw.LockState;
import io.ddikit.spi.ndisrw.NdisRwLock;
import io.ddikit.spi.ndisrw.NdisRwLockFamily;
import io.ddikit.spi.ndisrw.NdisRwLockProvider;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Function;

/**
 * A correct read-write lock with every step overridable, so that each fault changes one step: a writers' word taken
 * with compare-and-set, a shared count of the readers inside, and a per-processor depth for recursive reads. A reader
 * waits until no writer holds the word, counts itself in, and backs out again if a writer took the word meanwhile; a
 * writer takes the word, then waits until no reader is inside. The caller's previous IRQL is kept in its
 * {@link LockState}. SPI and JDK only, as a vendor's implementation would be.
 */
abstract class RwFaultBase implements NdisRwLockFamily {
    static final int OUTER_READ = 1;
    static final int INNER_READ = 2;
    static final int WRITE = 3;
    static final int PROCESSORS = 64;

    /** The lock: the writers' word, the readers inside, and how deep each processor reads. */
    static class Lock implements NdisRwLock {
        final AtomicInteger writer = new AtomicInteger();
        final AtomicInteger readers = new AtomicInteger();
        final AtomicIntegerArray depth = new AtomicIntegerArray(PROCESSORS);
    }

    /** A fault's provider: its name, the one-line description of what it breaks, and its family. */
    static final class Fault implements NdisRwLockProvider {
        private final String name;
        private final String description;
        private final Set<Capability> capabilities;
        private final Function<Hal, NdisRwLockFamily> make;

        Fault(String name, String description, Set<Capability> capabilities, Function<Hal, NdisRwLockFamily> make) {
            this.name = name;
            this.description = description;
            this.capabilities = capabilities;
            this.make = make;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String version() {
            return "fault";
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }

        @Override
        public NdisRwLockFamily create(Hal hal) {
            return make.apply(hal);
        }

        String description() {
            return description;
        }
    }

    /** A provider named {@code name} making {@code make.apply(hal)}. */
    static NdisRwLockProvider provider(String name, String description, Function<Hal, NdisRwLockFamily> make) {
        return new Fault(name, description, Set.of(), make);
    }

    /** As {@link #provider}, declaring {@link Capability#MISUSE_DETECTION}: a checked build. */
    static NdisRwLockProvider checked(String name, String description, Function<Hal, NdisRwLockFamily> make) {
        return new Fault(name, description, Set.of(Capability.MISUSE_DETECTION), make);
    }

    final Hal hal;

    RwFaultBase(Hal hal) {
        this.hal = hal;
    }

    static Lock l(NdisRwLock lock) {
        return (Lock) lock;
    }

    @Override
    public NdisRwLock newLock() {
        return new Lock();
    }

    @Override
    public void initializeReadWriteLock(NdisRwLock lock) {
        Lock l = l(lock);
        l.readers.set(0);
        for (int p = 0; p < PROCESSORS; p++) {
            l.depth.set(p, 0);
        }
        l.writer.set(0);
    }

    @Override
    public void acquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
        keepOldIrql(l(lock), lockState, hal.raiseIrql(Irql.DISPATCH_LEVEL));
        enter(l(lock), write, lockState);
    }

    @Override
    public void releaseReadWriteLock(NdisRwLock lock, LockState lockState) {
        Irql back = oldIrql(l(lock), lockState);
        leave(l(lock), lockState);
        hal.lowerIrql(back);
    }

    @Override
    public void dprAcquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
        enter(l(lock), write, lockState);
    }

    @Override
    public void dprReleaseReadWriteLock(NdisRwLock lock, LockState lockState) {
        leave(l(lock), lockState);
    }

    /** Keeps the caller's previous IRQL for the release: in its LOCK_STATE. */
    void keepOldIrql(Lock l, LockState lockState, Irql previous) {
        lockState.setOldIrql(previous);
    }

    /** The IRQL the release goes back to. */
    Irql oldIrql(Lock l, LockState lockState) {
        return lockState.oldIrql();
    }

    void enter(Lock l, boolean write, LockState lockState) {
        if (write) {
            enterWrite(l, lockState);
        } else {
            enterRead(l, lockState);
        }
    }

    void enterRead(Lock l, LockState lockState) {
        int me = hal.currentProcessorNumber();
        int deep = l.depth.get(me);
        if (deep > 0) {
            l.depth.set(me, deep + 1);
            lockState.setState(INNER_READ);
            return;
        }
        waitAsNewReader(l);
        l.depth.set(me, 1);
        lockState.setState(OUTER_READ);
    }

    /** A reader that reads nothing yet: counts itself in once no writer holds the word. */
    void waitAsNewReader(Lock l) {
        while (true) {
            while (l.writer.get() != 0) {
                hal.spinWait();
            }
            addReader(l);
            if (l.writer.get() == 0) {
                return;
            }
            removeReader(l);
        }
    }

    void enterWrite(Lock l, LockState lockState) {
        takeWriter(l);
        waitForReaders(l);
        lockState.setState(WRITE);
    }

    void takeWriter(Lock l) {
        while (l.writer.getAcquire() != 0 || l.writer.compareAndExchangeAcquire(0, 1) != 0) {
            hal.spinWait();
        }
    }

    void waitForReaders(Lock l) {
        while (l.readers.get() != 0) {
            hal.spinWait();
        }
    }

    void addReader(Lock l) {
        l.readers.incrementAndGet();
    }

    void removeReader(Lock l) {
        l.readers.decrementAndGet();
    }

    void leave(Lock l, LockState lockState) {
        switch (lockState.state()) {
            case WRITE:
                leaveWrite(l);
                return;
            case INNER_READ: {
                int me = hal.currentProcessorNumber();
                l.depth.set(me, l.depth.get(me) - 1);
                return;
            }
            default:
                leaveOuterRead(l);
        }
    }

    void leaveWrite(Lock l) {
        l.writer.setRelease(0);
    }

    void leaveOuterRead(Lock l) {
        l.depth.set(hal.currentProcessorNumber(), 0);
        removeReader(l);
    }
}
