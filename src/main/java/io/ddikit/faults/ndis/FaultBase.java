package io.ddikit.faults.ndis;

import io.ddikit.spi.Capability;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockFamily;
import io.ddikit.spi.ndis.NdisSpinLockProvider;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The documented algorithm with every step overridable, so that each fault changes one step. SPI and
 * JDK only, as a vendor's implementation would be.
 */
abstract class FaultBase implements NdisSpinLockFamily {

    /** The lock word and the saved IRQL. */
    static class Lock implements NdisSpinLock {
        final AtomicInteger word = new AtomicInteger();
        Irql oldIrql = Irql.PASSIVE_LEVEL;
    }

    /** A fault's provider: its name, the one-line description of what it breaks, and its family. */
    static final class Fault implements NdisSpinLockProvider {
        private final String name;
        private final String description;
        private final Set<Capability> capabilities;
        private final Function<Hal, NdisSpinLockFamily> make;

        Fault(String name, String description, Set<Capability> capabilities, Function<Hal, NdisSpinLockFamily> make) {
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
        public NdisSpinLockFamily create(Hal hal) {
            return make.apply(hal);
        }

        String description() {
            return description;
        }
    }

    /** A provider named {@code name} making {@code make.apply(hal)}. */
    static NdisSpinLockProvider provider(String name, String description, Function<Hal, NdisSpinLockFamily> make) {
        return new Fault(name, description, Set.of(), make);
    }

    /** As {@link #provider}, declaring {@link Capability#MISUSE_DETECTION}: a checked build. */
    static NdisSpinLockProvider checked(String name, String description, Function<Hal, NdisSpinLockFamily> make) {
        return new Fault(name, description, Set.of(Capability.MISUSE_DETECTION), make);
    }

    final Hal hal;

    FaultBase(Hal hal) {
        this.hal = hal;
    }

    static Lock l(NdisSpinLock lock) {
        return (Lock) lock;
    }

    @Override
    public NdisSpinLock newLock() {
        return new Lock();
    }

    @Override
    public void allocateSpinLock(NdisSpinLock lock) {
        l(lock).word.set(0);
    }

    @Override
    public void freeSpinLock(NdisSpinLock lock) {
    }

    @Override
    public void acquireSpinLock(NdisSpinLock lock) {
        Irql old = hal.raiseIrql(Irql.DISPATCH_LEVEL);
        take(l(lock));
        l(lock).oldIrql = old;
    }

    @Override
    public void releaseSpinLock(NdisSpinLock lock) {
        Irql old = l(lock).oldIrql;
        l(lock).word.setRelease(0);
        hal.lowerIrql(old);
    }

    @Override
    public void dprAcquireSpinLock(NdisSpinLock lock) {
        take(l(lock));
    }

    @Override
    public void dprReleaseSpinLock(NdisSpinLock lock) {
        l(lock).word.setRelease(0);
    }

    void take(Lock lock) {
        while (lock.word.getAcquire() != 0 || lock.word.compareAndExchangeAcquire(0, 1) != 0) {
            hal.spinWait();
        }
    }
}
