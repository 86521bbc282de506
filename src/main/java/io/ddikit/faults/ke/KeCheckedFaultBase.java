package io.ddikit.faults.ke;

import io.ddikit.spi.BugCheck;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ke.KSpinLock;
import io.ddikit.spi.ke.OldIrql;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A checked build over {@link KeFaultBase}: every call is checked against the callers' rules of the pages before the
 * lock is touched, and misuse is reported with {@link Hal#bugCheck} naming the DDI compliance rule, as the bundled
 * verifier does. Each check is a method, so that a fault can get one of them wrong. SPI and JDK only.
 */
abstract class KeCheckedFaultBase extends KeFaultBase {
    static final int NOBODY = -1;

    /** The lock plus the checked build's own bookkeeping. */
    static final class CheckedLock extends Lock {
        volatile boolean initialised;
        final AtomicInteger owner = new AtomicInteger(NOBODY);
        /** Whether the holder took it with KeAcquireSpinLock. */
        volatile boolean byAcquire;
        /** What the holder's KeAcquireSpinLock wrote to OldIrql. */
        volatile Irql oldIrql;
    }

    KeCheckedFaultBase(Hal hal) {
        super(hal);
    }

    static CheckedLock c(KSpinLock lock) {
        return (CheckedLock) lock;
    }

    @Override
    public KSpinLock newLock() {
        return new CheckedLock();
    }

    @Override
    public void initializeSpinLock(KSpinLock lock) {
        super.initializeSpinLock(lock);
        c(lock).owner.set(NOBODY);
        c(lock).initialised = true;
    }

    @Override
    public void acquireSpinLock(KSpinLock lock, OldIrql oldIrql) {
        String api = "KeAcquireSpinLock";
        CheckedLock l = c(lock);
        initialised(api, l);
        notMine(api, l);
        Irql now = hal.currentIrql();
        if (now.isAbove(Irql.DISPATCH_LEVEL)) {
            fail(api, "IrqlKeDispatchLte", "called at " + now + ", must be called at IRQL <= DISPATCH_LEVEL");
        }
        Irql previous = hal.raiseIrql(Irql.DISPATCH_LEVEL);
        take(l);
        oldIrql.set(previous);
        l.byAcquire = true;
        l.oldIrql = previous;
        l.owner.set(hal.currentProcessorNumber());
    }

    @Override
    public void releaseSpinLock(KSpinLock lock, Irql newIrql) {
        String api = "KeReleaseSpinLock";
        CheckedLock l = c(lock);
        initialised(api, l);
        mine(api, l);
        if (newIrql.isAbove(Irql.DISPATCH_LEVEL)) {
            fail(api, "IrqlKeReleaseSpinLock", "NewIrql is " + newIrql + ", above DISPATCH_LEVEL");
        }
        checkNewIrql(api, l, newIrql);
        Irql now = hal.currentIrql();
        if (!now.equals(Irql.DISPATCH_LEVEL)) {
            fail(api, "IrqlKeReleaseSpinLock", "called at " + now + ", must be called at DISPATCH_LEVEL");
        }
        l.owner.set(NOBODY);
        super.releaseSpinLock(lock, newIrql);
    }

    @Override
    public void acquireSpinLockAtDpcLevel(KSpinLock lock) {
        String api = "KeAcquireSpinLockAtDpcLevel";
        CheckedLock l = c(lock);
        initialised(api, l);
        notMine(api, l);
        atLeastDispatch(api);
        take(l);
        l.byAcquire = false;
        l.oldIrql = null;
        l.owner.set(hal.currentProcessorNumber());
    }

    @Override
    public void releaseSpinLockFromDpcLevel(KSpinLock lock) {
        String api = "KeReleaseSpinLockFromDpcLevel";
        CheckedLock l = c(lock);
        initialised(api, l);
        mine(api, l);
        if (l.byAcquire) {
            fail(api, "SpinlockRelease", "the lock was acquired by calling KeAcquireSpinLock");
        }
        atLeastDispatch(api);
        l.owner.set(NOBODY);
        super.releaseSpinLockFromDpcLevel(lock);
    }

    @Override
    public boolean testSpinLock(KSpinLock lock) {
        initialised("KeTestSpinLock", c(lock));
        return super.testSpinLock(lock);
    }

    @Override
    public boolean tryToAcquireSpinLockAtDpcLevel(KSpinLock lock) {
        String api = "KeTryToAcquireSpinLockAtDpcLevel";
        CheckedLock l = c(lock);
        initialised(api, l);
        notMine(api, l);
        atLeastDispatch(api);
        if (!super.tryToAcquireSpinLockAtDpcLevel(lock)) {
            return false;
        }
        l.byAcquire = false;
        l.oldIrql = null;
        l.owner.set(hal.currentProcessorNumber());
        return true;
    }

    /** A correct checked build reports a NewIrql other than the OldIrql its KeAcquireSpinLock wrote. */
    void checkNewIrql(String api, CheckedLock l, Irql newIrql) {
        Irql written = l.oldIrql;
        if (l.byAcquire && written != null && !written.equals(newIrql)) {
            fail(api, "IrqlKeReleaseSpinLock", "NewIrql is " + newIrql + " but KeAcquireSpinLock wrote " + written
                    + " to OldIrql");
        }
    }

    void initialised(String api, CheckedLock l) {
        if (!l.initialised) {
            fail(api, "SpinLock", "the lock was never initialized with KeInitializeSpinLock");
        }
    }

    void notMine(String api, CheckedLock l) {
        if (l.owner.get() == hal.currentProcessorNumber()) {
            hal.bugCheck(new BugCheck(BugCheck.SPIN_LOCK_ALREADY_OWNED, 0, "SpinLock", api + " on processor "
                    + hal.currentProcessorNumber() + ": the lock is already held by this processor"));
        }
    }

    void mine(String api, CheckedLock l) {
        int owner = l.owner.get();
        if (owner != hal.currentProcessorNumber()) {
            hal.bugCheck(new BugCheck(BugCheck.SPIN_LOCK_NOT_OWNED, 0, "SpinlockRelease", api + " on processor "
                    + hal.currentProcessorNumber() + ": the lock is not held by this processor (held by "
                    + (owner == NOBODY ? "none" : "processor " + owner) + ")"));
        }
    }

    void atLeastDispatch(String api) {
        Irql now = hal.currentIrql();
        if (now.isBelow(Irql.DISPATCH_LEVEL)) {
            fail(api, "IrqlDispatch", "called at " + now + ", must be called at IRQL >= DISPATCH_LEVEL");
        }
    }

    void fail(String api, String rule, String what) {
        hal.bugCheck(new BugCheck(BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION, 0, rule, api + " on processor "
                + hal.currentProcessorNumber() + ": " + what));
    }
}
