package io.ddikit.impls.ndisrw.verifier;

import io.ddikit.spi.BugCheck;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndisrw.LockState;
import io.ddikit.spi.ndisrw.NdisRwLock;
import io.ddikit.spi.ndisrw.NdisRwLockFamily;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Misuse detection around another family of NDIS read-write locks, as Driver Verifier does: every call is checked
 * against the callers' rules of the pages <em>before</em> it is passed on, and a violation is reported with
 * {@link Hal#bugCheck(BugCheck)} (0xC4, DRIVER_VERIFIER_DETECTED_VIOLATION); the inner family never sees the bad call.
 * The rule named is the page's own DDI compliance rule, {@code Irql_Synch_Function}, for the IRQL requirements of the
 * two pages that list it; the other misuses name no rule (the pages list none).
 *
 * <table>
 *   <caption>Misuse and parameter of the bug check</caption>
 *   <tr><th>Misuse</th><th>Parameter</th><th>Rule</th></tr>
 *   <tr><td>any call but {@code NdisInitializeReadWriteLock} on a lock never initialised</td>
 *       <td>{@value #USE_BEFORE_INITIALIZE}</td><td></td></tr>
 *   <tr><td>{@code NdisAcquireReadWriteLock} above DISPATCH_LEVEL</td><td>{@value #ACQUIRE_ABOVE_DISPATCH}</td>
 *       <td>Irql_Synch_Function</td></tr>
 *   <tr><td>{@code NdisDprAcquireReadWriteLock} or {@code NdisDprReleaseReadWriteLock} at another IRQL than
 *       DISPATCH_LEVEL</td><td>{@value #DPR_NOT_AT_DISPATCH}</td><td></td></tr>
 *   <tr><td>an acquire given a {@code LOCK_STATE} that an acquisition (of any lock) still holds</td>
 *       <td>{@value #LOCK_STATE_IN_USE}</td><td></td></tr>
 *   <tr><td>a release with a {@code LOCK_STATE} that holds no acquisition of the lock</td>
 *       <td>{@value #NOT_ACQUIRED}</td><td></td></tr>
 *   <tr><td>{@code NdisDprReleaseReadWriteLock} of an acquisition made with {@code NdisAcquireReadWriteLock}, or
 *       {@code NdisReleaseReadWriteLock} of one made with {@code NdisDprAcquireReadWriteLock}</td>
 *       <td>{@value #UNBALANCED}</td><td></td></tr>
 *   <tr><td>{@code NdisReleaseReadWriteLock} at another IRQL than DISPATCH_LEVEL</td>
 *       <td>{@value #RELEASE_NOT_AT_DISPATCH}</td><td>Irql_Synch_Function</td></tr>
 * </table>
 * Checks run in the table's order, so a release of a lock never initialised is reported as that whatever else is wrong.
 *
 * <p>Bookkeeping (initialised, and for every {@code LOCK_STATE} the acquisition it holds: lock, variant, access,
 * processor) is the verifier's own; it does not rely on the inner lock. An acquisition is recorded after the inner
 * acquire returns and forgotten before the inner release is called. Locks are named by the order they were made
 * ({@code lock #1}), {@code LOCK_STATE}s by what their {@code toString()} says.
 */
public final class RwVerifierFamily implements NdisRwLockFamily {
    /** The DDI compliance rule the pages of NdisAcquireReadWriteLock and NdisReleaseReadWriteLock list. */
    public static final String IRQL_RULE = "Irql_Synch_Function";
    /** 0xC4 parameter: a lock used before {@code NdisInitializeReadWriteLock}. */
    public static final long USE_BEFORE_INITIALIZE = 0x4001;
    /** 0xC4 parameter: {@code NdisAcquireReadWriteLock} above DISPATCH_LEVEL. */
    public static final long ACQUIRE_ABOVE_DISPATCH = 0x4002;
    /** 0xC4 parameter: a Dpr routine called at another IRQL than DISPATCH_LEVEL. */
    public static final long DPR_NOT_AT_DISPATCH = 0x4003;
    /** 0xC4 parameter: a {@code LOCK_STATE} given to an acquire while it holds another acquisition. */
    public static final long LOCK_STATE_IN_USE = 0x4004;
    /** 0xC4 parameter: a release with a {@code LOCK_STATE} that holds no acquisition of the lock. */
    public static final long NOT_ACQUIRED = 0x4005;
    /** 0xC4 parameter: a release of the other variant than the acquire. */
    public static final long UNBALANCED = 0x4006;
    /** 0xC4 parameter: {@code NdisReleaseReadWriteLock} at another IRQL than DISPATCH_LEVEL. */
    public static final long RELEASE_NOT_AT_DISPATCH = 0x4007;

    static final String INITIALIZE = "NdisInitializeReadWriteLock";
    static final String ACQUIRE = "NdisAcquireReadWriteLock";
    static final String RELEASE = "NdisReleaseReadWriteLock";
    static final String DPR_ACQUIRE = "NdisDprAcquireReadWriteLock";
    static final String DPR_RELEASE = "NdisDprReleaseReadWriteLock";

    /** The verifier's lock: the inner lock and whether it was initialised. */
    static final class VerifiedLock implements NdisRwLock {
        final NdisRwLock inner;
        final int number;
        volatile boolean initialised;

        VerifiedLock(NdisRwLock inner, int number) {
            this.inner = inner;
            this.number = number;
        }

        String name() {
            return "lock #" + number;
        }
    }

    /** What one LOCK_STATE holds: an acquisition of {@code lock}, made with {@code api}. */
    private record Acquisition(VerifiedLock lock, String api, boolean write, int processor) {
        String describe() {
            return (write ? "write" : "read") + " access to " + lock.name() + " acquired with " + api + " on processor "
                    + processor;
        }
    }

    private final Hal hal;
    private final NdisRwLockFamily inner;
    private final AtomicInteger made = new AtomicInteger();
    private final Map<LockState, Acquisition> held = new ConcurrentHashMap<>();

    public RwVerifierFamily(Hal hal, NdisRwLockFamily inner) {
        this.hal = Objects.requireNonNull(hal, "hal");
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    private static VerifiedLock v(NdisRwLock lock) {
        return (VerifiedLock) lock;
    }

    @Override
    public NdisRwLock newLock() {
        return new VerifiedLock(inner.newLock(), made.incrementAndGet());
    }

    @Override
    public void initializeReadWriteLock(NdisRwLock lock) {
        VerifiedLock l = v(lock);
        inner.initializeReadWriteLock(l.inner);
        l.initialised = true;
    }

    @Override
    public void acquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
        VerifiedLock l = v(lock);
        initialised(ACQUIRE, l);
        Irql now = hal.currentIrql();
        if (now.isAbove(Irql.DISPATCH_LEVEL)) {
            report(ACQUIRE_ABOVE_DISPATCH, IRQL_RULE, ACQUIRE, "called at " + now + ", above DISPATCH_LEVEL (IRQL: <= DISPATCH_LEVEL)");
        }
        free(ACQUIRE, lockState);
        inner.acquireReadWriteLock(l.inner, write, lockState);
        held.put(lockState, new Acquisition(l, ACQUIRE, write, hal.currentProcessorNumber()));
    }

    @Override
    public void releaseReadWriteLock(NdisRwLock lock, LockState lockState) {
        VerifiedLock l = v(lock);
        initialised(RELEASE, l);
        acquired(RELEASE, l, lockState, ACQUIRE, DPR_RELEASE);
        Irql now = hal.currentIrql();
        if (!now.equals(Irql.DISPATCH_LEVEL)) {
            report(RELEASE_NOT_AT_DISPATCH, IRQL_RULE, RELEASE, l.name() + " released at " + now
                    + " (IRQL: DISPATCH_LEVEL)");
        }
        held.remove(lockState);
        inner.releaseReadWriteLock(l.inner, lockState);
    }

    @Override
    public void dprAcquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
        VerifiedLock l = v(lock);
        initialised(DPR_ACQUIRE, l);
        atDispatch(DPR_ACQUIRE, l);
        free(DPR_ACQUIRE, lockState);
        inner.dprAcquireReadWriteLock(l.inner, write, lockState);
        held.put(lockState, new Acquisition(l, DPR_ACQUIRE, write, hal.currentProcessorNumber()));
    }

    @Override
    public void dprReleaseReadWriteLock(NdisRwLock lock, LockState lockState) {
        VerifiedLock l = v(lock);
        initialised(DPR_RELEASE, l);
        acquired(DPR_RELEASE, l, lockState, DPR_ACQUIRE, RELEASE);
        atDispatch(DPR_RELEASE, l);
        held.remove(lockState);
        inner.dprReleaseReadWriteLock(l.inner, lockState);
    }

    private void initialised(String api, VerifiedLock l) {
        if (!l.initialised) {
            report(USE_BEFORE_INITIALIZE, "", api, l.name() + " was never initialised with " + INITIALIZE
                    + " (the driver must initialize the lock before it calls any other NdisXxxReadWriteLock function)");
        }
    }

    private void atDispatch(String api, VerifiedLock l) {
        Irql now = hal.currentIrql();
        if (!now.equals(Irql.DISPATCH_LEVEL)) {
            report(DPR_NOT_AT_DISPATCH, "", api, l.name() + " used at " + now + " (IRQL: DISPATCH_LEVEL)");
        }
    }

    private void free(String api, LockState lockState) {
        Acquisition a = held.get(lockState);
        if (a != null) {
            report(LOCK_STATE_IN_USE, "", api, "given " + lockState + ", which still holds " + a.describe()
                    + " (each acquisition needs its own LOCK_STATE until its release)");
        }
    }

    private void acquired(String api, VerifiedLock l, LockState lockState, String pairedAcquire, String pairedRelease) {
        Acquisition a = held.get(lockState);
        if (a == null || a.lock() != l) {
            report(NOT_ACQUIRED, "", api, l.name() + " released with " + lockState + ", which holds no acquisition of "
                    + l.name() + (a == null ? "" : " (it holds " + a.describe() + ")") + " (a driver must acquire the lock"
                    + " with " + pairedAcquire + " before it calls " + api + ")");
        }
        if (!a.api().equals(pairedAcquire)) {
            report(UNBALANCED, "", api, l.name() + " released with " + lockState + ", which holds " + a.describe()
                    + " (an acquisition made with " + a.api() + " must be released with " + pairedRelease + ")");
        }
    }

    /** Stops the machine: {@code api on processor N: what}. Never returns. */
    private void report(long parameter, String rule, String api, String what) {
        hal.bugCheck(new BugCheck(BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION, parameter, rule,
                api + " on processor " + hal.currentProcessorNumber() + ": " + what));
    }
}
