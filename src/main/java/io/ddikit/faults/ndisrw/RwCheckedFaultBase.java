package io.ddikit.faults.ndisrw;

import io.ddikit.spi.BugCheck;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndisrw.LockState;
import io.ddikit.spi.ndisrw.NdisRwLock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A checked build of {@link RwFaultBase}: it reports the callers' misuse the pages rule out with a bug check (0xC4),
 * before the lock is touched, each check in a method of its own so that a fault can leave one out. SPI and JDK only.
 */
abstract class RwCheckedFaultBase extends RwFaultBase {
    static final String IRQL_RULE = "Irql_Synch_Function";

    static final class CheckedLock extends Lock {
        volatile boolean initialised;
    }

    /** What a LOCK_STATE holds: an acquisition of {@code lock} made with {@code api}. */
    record Held(CheckedLock lock, String api) {
    }

    final Map<LockState, Held> held = new ConcurrentHashMap<>();

    RwCheckedFaultBase(Hal hal) {
        super(hal);
    }

    static CheckedLock c(NdisRwLock lock) {
        return (CheckedLock) lock;
    }

    @Override
    public NdisRwLock newLock() {
        return new CheckedLock();
    }

    @Override
    public void initializeReadWriteLock(NdisRwLock lock) {
        super.initializeReadWriteLock(lock);
        c(lock).initialised = true;
    }

    @Override
    public void acquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
        initialised("NdisAcquireReadWriteLock", c(lock));
        Irql now = hal.currentIrql();
        if (now.isAbove(Irql.DISPATCH_LEVEL)) {
            report(IRQL_RULE, "NdisAcquireReadWriteLock called at " + now);
        }
        checkFree("NdisAcquireReadWriteLock", lockState);
        super.acquireReadWriteLock(lock, write, lockState);
        held.put(lockState, new Held(c(lock), "NdisAcquireReadWriteLock"));
    }

    @Override
    public void releaseReadWriteLock(NdisRwLock lock, LockState lockState) {
        initialised("NdisReleaseReadWriteLock", c(lock));
        checkHeld("NdisReleaseReadWriteLock", c(lock), lockState, "NdisAcquireReadWriteLock");
        Irql now = hal.currentIrql();
        if (!now.equals(Irql.DISPATCH_LEVEL)) {
            report(IRQL_RULE, "NdisReleaseReadWriteLock called at " + now);
        }
        held.remove(lockState);
        super.releaseReadWriteLock(lock, lockState);
    }

    @Override
    public void dprAcquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
        initialised("NdisDprAcquireReadWriteLock", c(lock));
        atDispatch("NdisDprAcquireReadWriteLock");
        checkFree("NdisDprAcquireReadWriteLock", lockState);
        super.dprAcquireReadWriteLock(lock, write, lockState);
        held.put(lockState, new Held(c(lock), "NdisDprAcquireReadWriteLock"));
    }

    @Override
    public void dprReleaseReadWriteLock(NdisRwLock lock, LockState lockState) {
        initialised("NdisDprReleaseReadWriteLock", c(lock));
        checkHeld("NdisDprReleaseReadWriteLock", c(lock), lockState, "NdisDprAcquireReadWriteLock");
        atDispatch("NdisDprReleaseReadWriteLock");
        held.remove(lockState);
        super.dprReleaseReadWriteLock(lock, lockState);
    }

    void initialised(String api, CheckedLock l) {
        if (!l.initialised) {
            report("", api + " of a lock never initialised with NdisInitializeReadWriteLock");
        }
    }

    void atDispatch(String api) {
        Irql now = hal.currentIrql();
        if (!now.equals(Irql.DISPATCH_LEVEL)) {
            report("", api + " called at " + now);
        }
    }

    /** An acquire's LOCK_STATE must hold no acquisition. */
    void checkFree(String api, LockState lockState) {
        if (held.containsKey(lockState)) {
            report("", api + " given " + lockState + ", which still holds an acquisition");
        }
    }

    /** A release's LOCK_STATE must hold an acquisition of this lock made with {@code paired}. */
    void checkHeld(String api, CheckedLock l, LockState lockState, String paired) {
        Held h = held.get(lockState);
        if (h == null || h.lock() != l) {
            report("", api + " with " + lockState + ", which holds no acquisition of the lock");
        }
        if (!h.api().equals(paired)) {
            report("", api + " of an acquisition made with " + h.api());
        }
    }

    void report(String rule, String what) {
        hal.bugCheck(new BugCheck(BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION, 0x4000, rule,
                what + " (processor " + hal.currentProcessorNumber() + ")"));
    }
}
