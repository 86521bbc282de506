package io.ddikit.impls.ndis.verifier;

import io.ddikit.spi.BugCheck;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockFamily;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Misuse detection around another family, as Driver Verifier does: every call is checked against the
 * page's rules <em>before</em> it is passed on, and a violation is reported with
 * {@link Hal#bugCheck(BugCheck)} naming the DDI compliance rule; the inner family never sees the bad call.
 *
 * <table>
 *   <caption>Misuse, bug check and rule</caption>
 *   <tr><th>Misuse</th><th>Code</th><th>Parameter</th><th>Rule</th></tr>
 *   <tr><td>any call but allocate on a lock never allocated</td><td>0xC4</td><td>{@value #USE_BEFORE_ALLOCATE}</td><td>SpinLock</td></tr>
 *   <tr><td>any call but allocate on a freed lock</td><td>0xC4</td><td>{@value #USE_AFTER_FREE}</td><td>SpinLock</td></tr>
 *   <tr><td>acquire (either variant) of a lock this processor already holds</td><td>0xF</td><td>0</td><td>SpinLock</td></tr>
 *   <tr><td>release (either variant) of a lock this processor does not hold</td><td>0x10</td><td>0</td><td>SpinlockRelease</td></tr>
 *   <tr><td>{@code NdisReleaseSpinLock} of a lock taken with {@code NdisDprAcquireSpinLock}</td><td>0xC4</td><td>{@value #DPR_ACQUIRE_NON_DPR_RELEASE}</td><td>SpinLockDprRelease</td></tr>
 *   <tr><td>{@code NdisDprReleaseSpinLock} of a lock taken with {@code NdisAcquireSpinLock}</td><td>0xC4</td><td>{@value #ACQUIRE_DPR_RELEASE}</td><td>SpinLockDpr</td></tr>
 *   <tr><td>{@code NdisAcquireSpinLock} above DISPATCH_LEVEL (allocate and free are not misuse at any IRQL: their
 *   callers "can run at any IRQL")</td><td>0xC4</td><td>{@value #IRQL_TOO_HIGH}</td><td>Irql_Synch_Function</td></tr>
 *   <tr><td>release, Dpr acquire or Dpr release at an IRQL other than DISPATCH_LEVEL</td><td>0xC4</td><td>{@value #IRQL_NOT_DISPATCH}</td><td>Irql_Synch_Function</td></tr>
 *   <tr><td>free, or allocate again, while the lock is held</td><td>0xC4</td><td>{@value #HELD_AT_FREE}</td><td>SpinLockBalanced</td></tr>
 * </table>
 * The lock's state (allocated, freed, owner, variant) is checked before the caller's IRQL, so a release
 * of a lock nobody holds is reported as SpinlockRelease whatever the caller's IRQL.
 *
 * <p>Messages use the page's words and name locks by the order they were made:
 * {@code NdisReleaseSpinLock on processor 1: lock #1 is not held by this processor (acquired by none)}.
 *
 * <p>Bookkeeping (state, owner, variant) is the verifier's own, in atomics on its lock object; it does
 * not rely on the inner lock. The owner is recorded after the inner acquire returns and cleared before the
 * inner release is called.
 */
public final class VerifierFamily implements NdisSpinLockFamily {
    /** 0xC4 parameter: a lock used before {@code NdisAllocateSpinLock}. */
    public static final long USE_BEFORE_ALLOCATE = 0x2001;
    /** 0xC4 parameter: a lock used after {@code NdisFreeSpinLock}. */
    public static final long USE_AFTER_FREE = 0x2002;
    /** 0xC4 parameter: Dpr acquire paired with a non-Dpr release. */
    public static final long DPR_ACQUIRE_NON_DPR_RELEASE = 0x2003;
    /** 0xC4 parameter: non-Dpr acquire paired with a Dpr release. */
    public static final long ACQUIRE_DPR_RELEASE = 0x2004;
    /** 0xC4 parameter: called above DISPATCH_LEVEL. */
    public static final long IRQL_TOO_HIGH = 0x2005;
    /** 0xC4 parameter: called at an IRQL other than DISPATCH_LEVEL. */
    public static final long IRQL_NOT_DISPATCH = 0x2006;
    /** 0xC4 parameter: freed or allocated again while held. */
    public static final long HELD_AT_FREE = 0x2007;

    private static final int NEW = 0;
    private static final int LIVE = 1;
    private static final int FREED = 2;
    private static final int NOBODY = -1;

    /** The verifier's lock: the inner lock plus the verifier's own bookkeeping. */
    static final class VerifiedLock implements NdisSpinLock {
        final NdisSpinLock inner;
        final int number;
        final AtomicInteger state = new AtomicInteger(NEW);
        final AtomicInteger owner = new AtomicInteger(NOBODY);
        volatile boolean takenByDpr;

        VerifiedLock(NdisSpinLock inner, int number) {
            this.inner = inner;
            this.number = number;
        }

        String name() {
            return "lock #" + number;
        }
    }

    private final Hal hal;
    private final NdisSpinLockFamily inner;
    private final AtomicInteger made = new AtomicInteger();

    public VerifierFamily(Hal hal, NdisSpinLockFamily inner) {
        this.hal = Objects.requireNonNull(hal, "hal");
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public NdisSpinLock newLock() {
        return new VerifiedLock(inner.newLock(), made.incrementAndGet());
    }

    @Override
    public void allocateSpinLock(NdisSpinLock lock) {
        String api = "NdisAllocateSpinLock";
        VerifiedLock l = cast(api, lock);
        int me = hal.currentProcessorNumber();
        if (l.owner.get() != NOBODY) {
            fail(api, me, 0xC4, HELD_AT_FREE, "SpinLockBalanced", l.name() + " is held by processor " + l.owner.get());
        }
        inner.allocateSpinLock(l.inner);
        l.state.set(LIVE);
    }

    @Override
    public void freeSpinLock(NdisSpinLock lock) {
        String api = "NdisFreeSpinLock";
        VerifiedLock l = cast(api, lock);
        int me = hal.currentProcessorNumber();
        live(api, me, l);
        if (l.owner.get() != NOBODY) {
            fail(api, me, 0xC4, HELD_AT_FREE, "SpinLockBalanced", l.name() + " is still held by processor "
                    + l.owner.get());
        }
        inner.freeSpinLock(l.inner);
        l.state.set(FREED);
    }

    @Override
    public void acquireSpinLock(NdisSpinLock lock) {
        String api = "NdisAcquireSpinLock";
        VerifiedLock l = cast(api, lock);
        int me = hal.currentProcessorNumber();
        live(api, me, l);
        notMine(api, me, l);
        irqlAtMostDispatch(api, me);
        inner.acquireSpinLock(l.inner);
        l.takenByDpr = false;
        l.owner.set(me);
    }

    @Override
    public void releaseSpinLock(NdisSpinLock lock) {
        String api = "NdisReleaseSpinLock";
        VerifiedLock l = cast(api, lock);
        int me = hal.currentProcessorNumber();
        live(api, me, l);
        mine(api, me, l);
        if (l.takenByDpr) {
            fail(api, me, 0xC4, DPR_ACQUIRE_NON_DPR_RELEASE, "SpinLockDprRelease", l.name()
                    + " was acquired with NdisDprAcquireSpinLock and must be released with NdisDprReleaseSpinLock");
        }
        irqlIsDispatch(api, me);
        l.owner.set(NOBODY);
        inner.releaseSpinLock(l.inner);
    }

    @Override
    public void dprAcquireSpinLock(NdisSpinLock lock) {
        String api = "NdisDprAcquireSpinLock";
        VerifiedLock l = cast(api, lock);
        int me = hal.currentProcessorNumber();
        live(api, me, l);
        notMine(api, me, l);
        irqlIsDispatch(api, me);
        inner.dprAcquireSpinLock(l.inner);
        l.takenByDpr = true;
        l.owner.set(me);
    }

    @Override
    public void dprReleaseSpinLock(NdisSpinLock lock) {
        String api = "NdisDprReleaseSpinLock";
        VerifiedLock l = cast(api, lock);
        int me = hal.currentProcessorNumber();
        live(api, me, l);
        mine(api, me, l);
        if (!l.takenByDpr) {
            fail(api, me, 0xC4, ACQUIRE_DPR_RELEASE, "SpinLockDpr", l.name()
                    + " was acquired with NdisAcquireSpinLock and must be released with NdisReleaseSpinLock");
        }
        irqlIsDispatch(api, me);
        l.owner.set(NOBODY);
        inner.dprReleaseSpinLock(l.inner);
    }

    private VerifiedLock cast(String api, NdisSpinLock lock) {
        if (lock instanceof VerifiedLock) {
            return (VerifiedLock) lock;
        }
        int me = hal.currentProcessorNumber();
        fail(api, me, 0xC4, USE_BEFORE_ALLOCATE, "SpinLock", (lock == null ? "a null lock" : "a lock not made by "
                + "this implementation") + " is not an initialised NDIS_SPIN_LOCK");
        throw new AssertionError("unreachable");
    }

    private void live(String api, int me, VerifiedLock l) {
        int s = l.state.get();
        if (s == NEW) {
            fail(api, me, 0xC4, USE_BEFORE_ALLOCATE, "SpinLock", l.name()
                    + " was never initialised with NdisAllocateSpinLock");
        } else if (s == FREED) {
            fail(api, me, 0xC4, USE_AFTER_FREE, "SpinLock", l.name() + " was freed with NdisFreeSpinLock");
        }
    }

    private void notMine(String api, int me, VerifiedLock l) {
        if (l.owner.get() == me) {
            fail(api, me, BugCheck.SPIN_LOCK_ALREADY_OWNED, 0, "SpinLock", l.name()
                    + " is already held by this processor (recursive acquire)");
        }
    }

    private void mine(String api, int me, VerifiedLock l) {
        int owner = l.owner.get();
        if (owner != me) {
            fail(api, me, BugCheck.SPIN_LOCK_NOT_OWNED, 0, "SpinlockRelease", l.name()
                    + " is not held by this processor (acquired by " + (owner == NOBODY ? "none" : "processor " + owner)
                    + ")");
        }
    }

    private void irqlAtMostDispatch(String api, int me) {
        Irql irql = hal.currentIrql();
        if (irql.isAbove(Irql.DISPATCH_LEVEL)) {
            fail(api, me, 0xC4, IRQL_TOO_HIGH, "Irql_Synch_Function", "called at " + irql
                    + ", must be at or below DISPATCH_LEVEL");
        }
    }

    private void irqlIsDispatch(String api, int me) {
        Irql irql = hal.currentIrql();
        if (!irql.equals(Irql.DISPATCH_LEVEL)) {
            fail(api, me, 0xC4, IRQL_NOT_DISPATCH, "Irql_Synch_Function", "called at " + irql
                    + ", must be at DISPATCH_LEVEL");
        }
    }

    private void fail(String api, int me, int code, long parameter, String rule, String what) {
        hal.bugCheck(new BugCheck(code, parameter, rule, api + " on processor " + me + ": " + what));
    }
}
