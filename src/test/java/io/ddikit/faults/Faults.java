package io.ddikit.faults;

import io.ddikit.spi.Irql;
import io.ddikit.spi.NdisSpinLock;
import io.ddikit.spi.NdisSpinLockProvider;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Deliberately faulty implementations, for the kit's own tests: each breaks one clause of the page,
 * and the kit must see it. They are not registered with the service loader; find them here by name.
 */
public final class Faults {
    private Faults() {
    }

    /** Acquire never raises: breaks "raises to DISPATCH_LEVEL"; the caller holds the lock at its entry IRQL. */
    public static final NdisSpinLockProvider NO_RAISE = FaultBase.provider("no-raise", hal -> new FaultBase(hal) {
        @Override
        public void acquireSpinLock(NdisSpinLock lock) {
            Irql old = hal.currentIrql();
            take(l(lock));
            l(lock).oldIrql = old;
        }
    });

    /** Release lowers to PASSIVE_LEVEL whatever the entry level: breaks "restores the saved IRQL"; an APC_LEVEL caller returns at PASSIVE_LEVEL. */
    public static final NdisSpinLockProvider LOWER_TO_PASSIVE = FaultBase.provider("lower-to-passive",
            hal -> new FaultBase(hal) {
                @Override
                public void releaseSpinLock(NdisSpinLock lock) {
                    l(lock).word.setRelease(0);
                    hal.lowerIrql(Irql.PASSIVE_LEVEL);
                }
            });

    /**
     * Release clears the lock word, checks its IRQL, then reads OldIrql: breaks "reads the saved IRQL while
     * still holding"; a processor that acquires in between makes the releaser lower to the new owner's IRQL.
     */
    public static final NdisSpinLockProvider LATE_OLDIRQL_READ = FaultBase.provider("late-oldirql-read",
            hal -> new FaultBase(hal) {
                @Override
                public void releaseSpinLock(NdisSpinLock lock) {
                    l(lock).word.setRelease(0);
                    if (hal.currentIrql().isBelow(Irql.DISPATCH_LEVEL)) {
                        throw new IllegalStateException("released below DISPATCH_LEVEL");
                    }
                    hal.lowerIrql(l(lock).oldIrql);
                }
            });

    /** Acquire saves the previous IRQL before winning the lock: breaks "then saves"; a waiter overwrites the owner's saved IRQL. */
    public static final NdisSpinLockProvider EARLY_OLDIRQL_WRITE = FaultBase.provider("early-oldirql-write",
            hal -> new FaultBase(hal) {
                @Override
                public void acquireSpinLock(NdisSpinLock lock) {
                    l(lock).oldIrql = hal.raiseIrql(Irql.DISPATCH_LEVEL);
                    take(l(lock));
                }
            });

    /** Test then set with a plain read and a plain write: breaks mutual exclusion; two processors hold the lock at once. */
    public static final NdisSpinLockProvider NON_ATOMIC_TAS = FaultBase.provider("non-atomic-tas",
            hal -> new FaultBase(hal) {
                @Override
                void take(Lock lock) {
                    while (true) {
                        if (lock.word.get() == 0) {
                            hal.spinWait();
                            lock.word.set(1);
                            return;
                        }
                        hal.spinWait();
                    }
                }
            });

    /** Dpr acquire raises to DISPATCH_LEVEL and Dpr release lowers: breaks "the Dpr variants never change IRQL"; one raise and one lower are counted. */
    public static final NdisSpinLockProvider DPR_RAISES = FaultBase.provider("dpr-raises", hal -> new FaultBase(hal) {
        @Override
        public void dprAcquireSpinLock(NdisSpinLock lock) {
            Irql old = hal.raiseIrql(Irql.DISPATCH_LEVEL);
            take(l(lock));
            l(lock).oldIrql = old;
        }

        @Override
        public void dprReleaseSpinLock(NdisSpinLock lock) {
            releaseSpinLock(lock);
        }
    });

    /** Once contended, never gets the lock: breaks "spins until the lock is acquired"; the waiter times out. */
    public static final NdisSpinLockProvider HANG_ON_CONTENTION = FaultBase.provider("hang-on-contention",
            hal -> new FaultBase(hal) {
                @Override
                void take(Lock lock) {
                    if (lock.word.compareAndExchangeAcquire(0, 1) == 0) {
                        return;
                    }
                    while (true) {
                        hal.spinWait();
                    }
                }
            });

    /** Release throws IllegalStateException: breaks "releases the lock"; the call ends with an exception. */
    public static final NdisSpinLockProvider THROWS = FaultBase.provider("throws", hal -> new FaultBase(hal) {
        @Override
        public void releaseSpinLock(NdisSpinLock lock) {
            throw new IllegalStateException("release is not implemented");
        }
    });

    /** Every fault. */
    public static List<NdisSpinLockProvider> all() {
        return List.of(NO_RAISE, LOWER_TO_PASSIVE, LATE_OLDIRQL_READ, EARLY_OLDIRQL_WRITE, NON_ATOMIC_TAS, DPR_RAISES,
                HANG_ON_CONTENTION, THROWS);
    }

    /** The fault named {@code name}. */
    public static NdisSpinLockProvider byName(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no fault named " + name));
    }
}
