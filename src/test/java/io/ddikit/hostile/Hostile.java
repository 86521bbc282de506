package io.ddikit.hostile;

import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockFamily;
import io.ddikit.spi.ndis.NdisSpinLockProvider;
import io.ddikit.spi.ke.KSpinLock;
import io.ddikit.spi.ke.KeSpinLockFamily;
import io.ddikit.spi.ke.KeSpinLockProvider;
import io.ddikit.spi.ke.OldIrql;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Implementations that try to take the harness down with them, each packed alone into a vendor jar by
 * {@link HostileImplementationsTest}. Each is a correct test-and-set spin lock plus one hostile act.
 * Their classes are on the kit's test class path, but no services file names them there: only the jars do.
 */
public final class Hostile {
    private Hostile() {
    }

    /** A correct spin lock: raise, test-and-set, remember the old IRQL; release in the reverse order. */
    public static class Family implements NdisSpinLockFamily {
        static final class Lock implements NdisSpinLock {
            final AtomicInteger word = new AtomicInteger();
            volatile Irql old = Irql.PASSIVE_LEVEL;
        }

        final Hal hal;

        public Family(Hal hal) {
            this.hal = hal;
        }

        @Override
        public NdisSpinLock newLock() {
            return new Lock();
        }

        @Override
        public void allocateSpinLock(NdisSpinLock lock) {
            ((Lock) lock).word.set(0);
        }

        @Override
        public void freeSpinLock(NdisSpinLock lock) {
        }

        @Override
        public void acquireSpinLock(NdisSpinLock lock) {
            Irql old = hal.raiseIrql(Irql.DISPATCH_LEVEL);
            dprAcquireSpinLock(lock);
            ((Lock) lock).old = old;
        }

        @Override
        public void releaseSpinLock(NdisSpinLock lock) {
            Irql old = ((Lock) lock).old;
            dprReleaseSpinLock(lock);
            hal.lowerIrql(old);
        }

        @Override
        public void dprAcquireSpinLock(NdisSpinLock lock) {
            Lock l = (Lock) lock;
            while (!l.word.compareAndSet(0, 1)) {
                hal.spinWait();
            }
        }

        @Override
        public void dprReleaseSpinLock(NdisSpinLock lock) {
            ((Lock) lock).word.set(0);
        }
    }

    /** A provider of a family made by {@code make}, under a name. */
    abstract static class Base implements NdisSpinLockProvider {
        @Override
        public String version() {
            return "6.6.6";
        }

        @Override
        public NdisSpinLockFamily create(Hal hal) {
            return new Family(hal);
        }
    }

    /** System property (passed on to the worker, as every {@code ddikit.} property is) naming the method {@link ThrowsFrom} throws from. */
    public static final String THROW_FROM = "ddikit.hostile.throw-from";

    /** Throws from the method named by {@link #THROW_FROM}: newLock, allocate, free, acquire, release, dprAcquire or dprRelease. */
    public static final class ThrowsFrom extends Base {
        @Override
        public String name() {
            return "throws-from";
        }

        @Override
        public NdisSpinLockFamily create(Hal hal) {
            String method = System.getProperty(THROW_FROM, "");
            return new Family(hal) {
                private void maybeThrow(String here) {
                    if (here.equals(method)) {
                        throw new IllegalStateException("acme: thrown from " + here);
                    }
                }

                @Override
                public NdisSpinLock newLock() {
                    maybeThrow("newLock");
                    return super.newLock();
                }

                @Override
                public void allocateSpinLock(NdisSpinLock lock) {
                    maybeThrow("allocate");
                    super.allocateSpinLock(lock);
                }

                @Override
                public void freeSpinLock(NdisSpinLock lock) {
                    maybeThrow("free");
                    super.freeSpinLock(lock);
                }

                @Override
                public void acquireSpinLock(NdisSpinLock lock) {
                    maybeThrow("acquire");
                    super.acquireSpinLock(lock);
                }

                @Override
                public void releaseSpinLock(NdisSpinLock lock) {
                    maybeThrow("release");
                    super.releaseSpinLock(lock);
                }

                @Override
                public void dprAcquireSpinLock(NdisSpinLock lock) {
                    maybeThrow("dprAcquire");
                    super.dprAcquireSpinLock(lock);
                }

                @Override
                public void dprReleaseSpinLock(NdisSpinLock lock) {
                    maybeThrow("dprRelease");
                    super.dprReleaseSpinLock(lock);
                }
            };
        }
    }

    /** Throws from create itself: no family at all. */
    public static final class ThrowsFromCreate extends Base {
        @Override
        public String name() {
            return "throws-from-create";
        }

        @Override
        public NdisSpinLockFamily create(Hal hal) {
            throw new UnsupportedOperationException("acme: no HAL support");
        }
    }

    /** Returns null where a lock is due. */
    public static final class ReturnsNull extends Base {
        @Override
        public String name() {
            return "returns-null";
        }

        @Override
        public NdisSpinLockFamily create(Hal hal) {
            return new Family(hal) {
                @Override
                public NdisSpinLock newLock() {
                    return null;
                }
            };
        }
    }

    /** NdisAcquireSpinLock never returns, even on a free lock. */
    public static final class NeverReturns extends Base {
        @Override
        public String name() {
            return "never-returns";
        }

        @Override
        public NdisSpinLockFamily create(Hal hal) {
            return new Family(hal) {
                @Override
                public void acquireSpinLock(NdisSpinLock lock) {
                    while (!Thread.currentThread().isInterrupted() || true) {
                        Thread.onSpinWait();
                    }
                }
            };
        }
    }

    /** Recurses without end in NdisReleaseSpinLock. */
    public static final class OverflowsStack extends Base {
        @Override
        public String name() {
            return "overflows-stack";
        }

        @Override
        public NdisSpinLockFamily create(Hal hal) {
            return new Family(hal) {
                @Override
                public void releaseSpinLock(NdisSpinLock lock) {
                    releaseSpinLock(lock);
                }
            };
        }
    }

    /** Calls System.exit(0) from the third NdisReleaseSpinLock on. */
    public static final class ExitsMidRun extends Base {
        static final AtomicInteger RELEASES = new AtomicInteger();

        @Override
        public String name() {
            return "exits-mid-run";
        }

        @Override
        public NdisSpinLockFamily create(Hal hal) {
            return new Family(hal) {
                @Override
                public void releaseSpinLock(NdisSpinLock lock) {
                    if (RELEASES.incrementAndGet() >= 3) {
                        System.exit(0);
                    }
                    super.releaseSpinLock(lock);
                }
            };
        }
    }

    /** Allocates in NdisAllocateSpinLock until the heap is gone. */
    public static final class AllocatesUntilOutOfMemory extends Base {
        static final List<long[]> HOARD = new ArrayList<>();

        @Override
        public String name() {
            return "allocates-until-out-of-memory";
        }

        @Override
        public NdisSpinLockFamily create(Hal hal) {
            return new Family(hal) {
                @Override
                public void allocateSpinLock(NdisSpinLock lock) {
                    while (true) {
                        HOARD.add(new long[1 << 20]);
                    }
                }
            };
        }
    }

    /** Starts a non-daemon thread that never ends. */
    public static final class LeaksThread extends Base {
        @Override
        public String name() {
            return "leaks-thread";
        }

        @Override
        public NdisSpinLockFamily create(Hal hal) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "acme-housekeeper");
            t.setDaemon(false);
            t.start();
            return super.create(hal);
        }
    }

    /** Prints 100 MB from NdisAllocateSpinLock. */
    public static final class Prints100Megabytes extends Base {
        @Override
        public String name() {
            return "prints-100-mb";
        }

        @Override
        public NdisSpinLockFamily create(Hal hal) {
            return new Family(hal) {
                @Override
                public void allocateSpinLock(NdisSpinLock lock) {
                    PrintStream out = System.out;
                    String line = "x".repeat(1023);
                    for (int i = 0; i < 100 * 1024; i++) {
                        out.println(line);
                    }
                    super.allocateSpinLock(lock);
                }
            };
        }
    }

    /** Correct; two of these in one jar make two implementations with one name. */
    public static final class TwinA extends Base {
        @Override
        public String name() {
            return "twin";
        }
    }

    /** See {@link TwinA}. */
    public static final class TwinB extends Base {
        @Override
        public String name() {
            return "twin";
        }
    }

    /** Correct: the control case, so the others' verdicts are the hostile act's and nothing else's. */
    public static final class Correct extends Base {
        @Override
        public String name() {
            return "acme-correct";
        }
    }

    /** Correct, named as a vendor's product is from one release to the next (campaign tests diff two of its runs). */
    public static final class Acme extends Base {
        @Override
        public String name() {
            return "acme";
        }
    }

    /** {@link Acme} with a fault injected: NdisReleaseSpinLock always lowers to PASSIVE_LEVEL, not to the caller's IRQL. */
    public static final class AcmeLowersToPassive extends Base {
        @Override
        public String name() {
            return "acme";
        }

        @Override
        public NdisSpinLockFamily create(Hal hal) {
            return new Family(hal) {
                @Override
                public void releaseSpinLock(NdisSpinLock lock) {
                    dprReleaseSpinLock(lock);
                    hal.lowerIrql(Irql.PASSIVE_LEVEL);
                }
            };
        }
    }

    /** A correct executive spin lock: a word taken by compare-and-set at DISPATCH_LEVEL. */
    public static class KeFamily implements KeSpinLockFamily {
        static final class Lock implements KSpinLock {
            final AtomicInteger word = new AtomicInteger();
        }

        final Hal hal;

        public KeFamily(Hal hal) {
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
            Irql previous = hal.raiseIrql(Irql.DISPATCH_LEVEL);
            acquireSpinLockAtDpcLevel(lock);
            oldIrql.set(previous);
        }

        @Override
        public void releaseSpinLock(KSpinLock lock, Irql newIrql) {
            releaseSpinLockFromDpcLevel(lock);
            hal.lowerIrql(newIrql);
        }

        @Override
        public void acquireSpinLockAtDpcLevel(KSpinLock lock) {
            while (!tryToAcquireSpinLockAtDpcLevel(lock)) {
                hal.spinWait();
            }
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
    }

    /** A vendor's executive spin lock, correct, as released one month. */
    public static class KeAcme implements KeSpinLockProvider {
        @Override
        public String name() {
            return "acme-ke";
        }

        @Override
        public String version() {
            return "2.0";
        }

        @Override
        public KeSpinLockFamily create(Hal hal) {
            return new KeFamily(hal);
        }
    }

    /** {@link KeAcme} the next month, with a fault injected: KeTestSpinLock says the lock is free even when it is held. */
    public static final class KeAcmeTestsFree extends KeAcme {
        @Override
        public KeSpinLockFamily create(Hal hal) {
            return new KeFamily(hal) {
                @Override
                public boolean testSpinLock(KSpinLock lock) {
                    return true;
                }
            };
        }
    }

    /** Takes the lock word before it raises to DISPATCH_LEVEL: only a DPC at the right point shows it. */
    public static final class RaisesAfterTaking extends Base {
        @Override
        public String name() {
            return "late-raiser";
        }

        @Override
        public NdisSpinLockFamily create(Hal hal) {
            return new Family(hal) {
                @Override
                public void acquireSpinLock(NdisSpinLock lock) {
                    dprAcquireSpinLock(lock);
                    ((Lock) lock).old = hal.raiseIrql(Irql.DISPATCH_LEVEL);
                }
            };
        }
    }

    /** Correct but slow: NdisAllocateSpinLock takes half a second, so a run lasts long enough to be killed part way. */
    public static final class Slow extends Base {
        @Override
        public String name() {
            return "slow";
        }

        @Override
        public NdisSpinLockFamily create(Hal hal) {
            return new Family(hal) {
                @Override
                public void allocateSpinLock(NdisSpinLock lock) {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    super.allocateSpinLock(lock);
                }
            };
        }
    }
}
