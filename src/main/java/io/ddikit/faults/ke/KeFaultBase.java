package io.ddikit.faults.ke;

import io.ddikit.spi.Capability;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ke.KSpinLock;
import io.ddikit.spi.ke.KeSpinLockFamily;
import io.ddikit.spi.ke.KeSpinLockProvider;
import io.ddikit.spi.ke.OldIrql;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The documented algorithm of the executive spin locks on one lock word, with every step overridable, so that each
 * fault changes one step. SPI and JDK only, as a vendor's implementation would be.
 */
abstract class KeFaultBase implements KeSpinLockFamily {

    /** The lock word: 0 free, 1 held. */
    static class Lock implements KSpinLock {
        final AtomicInteger word = new AtomicInteger();
    }

    /** A fault's provider: its name, the one-line description of what it breaks, and its family. */
    static final class Fault implements KeSpinLockProvider {
        private final String name;
        private final String description;
        private final Set<Capability> capabilities;
        private final Function<Hal, KeSpinLockFamily> make;

        Fault(String name, String description, Set<Capability> capabilities, Function<Hal, KeSpinLockFamily> make) {
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
        public KeSpinLockFamily create(Hal hal) {
            return make.apply(hal);
        }

        String description() {
            return description;
        }
    }

    /** A provider named {@code name} making {@code make.apply(hal)}. */
    static KeSpinLockProvider provider(String name, String description, Function<Hal, KeSpinLockFamily> make) {
        return new Fault(name, description, Set.of(), make);
    }

    /** As {@link #provider}, declaring {@link Capability#MISUSE_DETECTION}: a checked build. */
    static KeSpinLockProvider checked(String name, String description, Function<Hal, KeSpinLockFamily> make) {
        return new Fault(name, description, Set.of(Capability.MISUSE_DETECTION), make);
    }

    final Hal hal;

    KeFaultBase(Hal hal) {
        this.hal = hal;
    }

    static Lock l(KSpinLock lock) {
        return (Lock) lock;
    }

    @Override
    public KSpinLock newLock() {
        return new Lock();
    }

    @Override
    public void initializeSpinLock(KSpinLock lock) {
        l(lock).word.set(0);
    }

    @Override
    public void acquireSpinLock(KSpinLock lock, OldIrql oldIrql) {
        Irql previous = hal.raiseIrql(Irql.DISPATCH_LEVEL);
        take(l(lock));
        oldIrql.set(previous);
    }

    @Override
    public void releaseSpinLock(KSpinLock lock, Irql newIrql) {
        clear(l(lock));
        hal.lowerIrql(newIrql);
    }

    @Override
    public void acquireSpinLockAtDpcLevel(KSpinLock lock) {
        take(l(lock));
    }

    @Override
    public void releaseSpinLockFromDpcLevel(KSpinLock lock) {
        clear(l(lock));
    }

    @Override
    public boolean testSpinLock(KSpinLock lock) {
        return l(lock).word.getAcquire() == 0;
    }

    @Override
    public boolean tryToAcquireSpinLockAtDpcLevel(KSpinLock lock) {
        return l(lock).word.compareAndExchangeAcquire(0, 1) == 0;
    }

    /** Spins (test, then test-and-set) until the word is won. */
    void take(Lock lock) {
        while (lock.word.getAcquire() != 0 || lock.word.compareAndExchangeAcquire(0, 1) != 0) {
            hal.spinWait();
        }
    }

    /** Clears the word with release semantics. */
    void clear(Lock lock) {
        lock.word.setRelease(0);
    }
}
