package io.ddikit.impls.ke.verifier;

import io.ddikit.spi.BugCheck;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ke.KSpinLock;
import io.ddikit.spi.ke.KeSpinLockFamily;
import io.ddikit.spi.ke.OldIrql;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Misuse detection around another family of executive spin locks, as Driver Verifier's DDI compliance checking does:
 * every call is checked against the callers' rules of the pages <em>before</em> it is passed on, and a violation is
 * reported with {@link Hal#bugCheck(BugCheck)} naming the DDI compliance rule; the inner family never sees the bad call.
 *
 * <table>
 *   <caption>Misuse, bug check and rule</caption>
 *   <tr><th>Misuse</th><th>Code</th><th>Parameter</th><th>Rule</th></tr>
 *   <tr><td>any call but {@code KeInitializeSpinLock} on a lock never initialised with it</td><td>0xC4</td>
 *       <td>{@value #USE_BEFORE_INITIALIZE}</td><td>SpinLock</td></tr>
 *   <tr><td>an acquire ({@code KeAcquireSpinLock}, {@code KeAcquireSpinLockAtDpcLevel},
 *       {@code KeTryToAcquireSpinLockAtDpcLevel}) of a lock this processor already holds</td><td>0xF</td><td>0</td>
 *       <td>SpinLock</td></tr>
 *   <tr><td>a release ({@code KeReleaseSpinLock}, {@code KeReleaseSpinLockFromDpcLevel}) of a lock this processor does
 *       not hold</td><td>0x10</td><td>0</td><td>SpinlockRelease</td></tr>
 *   <tr><td>{@code KeReleaseSpinLockFromDpcLevel} of a lock taken with {@code KeAcquireSpinLock}</td><td>0xC4</td>
 *       <td>{@value #ACQUIRE_RELEASED_FROM_DPC_LEVEL}</td><td>SpinlockRelease</td></tr>
 *   <tr><td>{@code KeAcquireSpinLock} above DISPATCH_LEVEL</td><td>0xC4</td><td>{@value #IRQL_ABOVE_DISPATCH}</td>
 *       <td>IrqlKeDispatchLte</td></tr>
 *   <tr><td>{@code KeReleaseSpinLock} with a {@code NewIrql} above DISPATCH_LEVEL</td><td>0xC4</td>
 *       <td>{@value #NEW_IRQL_ABOVE_DISPATCH}</td><td>IrqlKeReleaseSpinLock</td></tr>
 *   <tr><td>{@code KeReleaseSpinLock} of a lock taken with {@code KeAcquireSpinLock}, with a {@code NewIrql} other than
 *       the value that acquire wrote to its {@code OldIrql}</td><td>0xC4</td><td>{@value #NEW_IRQL_NOT_OLD_IRQL}</td>
 *       <td>IrqlKeReleaseSpinLock</td></tr>
 *   <tr><td>{@code KeReleaseSpinLock} called at an IRQL other than DISPATCH_LEVEL</td><td>0xC4</td>
 *       <td>{@value #RELEASE_NOT_AT_DISPATCH}</td><td>IrqlKeReleaseSpinLock</td></tr>
 *   <tr><td>{@code KeAcquireSpinLockAtDpcLevel}, {@code KeReleaseSpinLockFromDpcLevel} or
 *       {@code KeTryToAcquireSpinLockAtDpcLevel} below DISPATCH_LEVEL</td><td>0xC4</td>
 *       <td>{@value #BELOW_DISPATCH}</td><td>IrqlDispatch</td></tr>
 * </table>
 * Checks run in the order of the table's groups: initialised, then ownership, then pairing, then the IRQL and
 * {@code NewIrql}; so a release of a lock nobody holds is reported as SpinlockRelease whatever the caller's IRQL.
 *
 * <p>What is allowed: {@code KeInitializeSpinLock} at any IRQL, and again later (the lock is free afterwards, as the
 * inner lock is); {@code KeTestSpinLock} on an initialised lock by anyone, holder included; {@code KeReleaseSpinLock}
 * of a lock taken with {@code KeAcquireSpinLockAtDpcLevel} or {@code KeTryToAcquireSpinLockAtDpcLevel} (the page of
 * the latter says so) with any {@code NewIrql} up to DISPATCH_LEVEL, since no {@code OldIrql} was written for it.
 *
 * <p>Messages use the pages' words and name locks by the order they were made:
 * {@code KeReleaseSpinLock on processor 1: lock #1 is not held by this processor (acquired by none)}.
 *
 * <p>Bookkeeping (initialised, owner, how it was acquired, the {@code OldIrql} written) is the verifier's own, on its
 * lock object; it does not rely on the inner lock. The verifier sees the inner acquire's write to {@code OldIrql}
 * through a cell that passes it on to the caller's at once, on the same processor. The owner is recorded after the
 * inner acquire returns and cleared before the inner release is called.
 */
public final class KeVerifierFamily implements KeSpinLockFamily {
    /** 0xC4 parameter: a lock used before {@code KeInitializeSpinLock}. */
    public static final long USE_BEFORE_INITIALIZE = 0x3001;
    /** 0xC4 parameter: a lock taken with {@code KeAcquireSpinLock} released with {@code KeReleaseSpinLockFromDpcLevel}. */
    public static final long ACQUIRE_RELEASED_FROM_DPC_LEVEL = 0x3002;
    /** 0xC4 parameter: {@code KeAcquireSpinLock} above DISPATCH_LEVEL. */
    public static final long IRQL_ABOVE_DISPATCH = 0x3003;
    /** 0xC4 parameter: {@code KeReleaseSpinLock} with a {@code NewIrql} above DISPATCH_LEVEL. */
    public static final long NEW_IRQL_ABOVE_DISPATCH = 0x3004;
    /** 0xC4 parameter: {@code KeReleaseSpinLock} with a {@code NewIrql} other than the acquire's {@code OldIrql}. */
    public static final long NEW_IRQL_NOT_OLD_IRQL = 0x3005;
    /** 0xC4 parameter: {@code KeReleaseSpinLock} at an IRQL other than DISPATCH_LEVEL. */
    public static final long RELEASE_NOT_AT_DISPATCH = 0x3006;
    /** 0xC4 parameter: a DPC-level routine called below DISPATCH_LEVEL. */
    public static final long BELOW_DISPATCH = 0x3007;

    private static final int NOBODY = -1;

    /** How the holder acquired a lock. */
    enum Variant {
        ACQUIRE("KeAcquireSpinLock"),
        AT_DPC_LEVEL("KeAcquireSpinLockAtDpcLevel"),
        TRY("KeTryToAcquireSpinLockAtDpcLevel");

        final String api;

        Variant(String api) {
            this.api = api;
        }
    }

    /** The verifier's lock: the inner lock plus the verifier's own bookkeeping. */
    static final class VerifiedLock implements KSpinLock {
        final KSpinLock inner;
        final int number;
        volatile boolean initialised;
        final AtomicInteger owner = new AtomicInteger(NOBODY);
        /** Written by the holder after it won the lock, read by it when it releases. */
        volatile Variant variant;
        /** What the holder's {@code KeAcquireSpinLock} wrote to its {@code OldIrql}; null for the other variants. */
        volatile Irql oldIrql;

        VerifiedLock(KSpinLock inner, int number) {
            this.inner = inner;
            this.number = number;
        }

        String name() {
            return "lock #" + number;
        }
    }

    /** Passes the inner acquire's write on to the caller's {@code OldIrql} at once, and remembers it. */
    private static final class Seen implements OldIrql {
        private final OldIrql caller;
        private Irql written;

        Seen(OldIrql caller) {
            this.caller = caller;
        }

        @Override
        public void set(Irql previous) {
            written = previous;
            caller.set(previous);
        }

        @Override
        public Irql get() {
            return caller.get();
        }
    }

    private final Hal hal;
    private final KeSpinLockFamily inner;
    private final AtomicInteger made = new AtomicInteger();

    public KeVerifierFamily(Hal hal, KeSpinLockFamily inner) {
        this.hal = Objects.requireNonNull(hal, "hal");
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public KSpinLock newLock() {
        return new VerifiedLock(inner.newLock(), made.incrementAndGet());
    }

    @Override
    public void initializeSpinLock(KSpinLock lock) {
        VerifiedLock l = cast("KeInitializeSpinLock", lock);
        inner.initializeSpinLock(l.inner);
        l.owner.set(NOBODY);
        l.initialised = true;
    }

    @Override
    public void acquireSpinLock(KSpinLock lock, OldIrql oldIrql) {
        String api = "KeAcquireSpinLock";
        VerifiedLock l = cast(api, lock);
        int me = hal.currentProcessorNumber();
        initialised(api, me, l);
        notMine(api, me, l);
        Irql irql = hal.currentIrql();
        if (irql.isAbove(Irql.DISPATCH_LEVEL)) {
            fail(api, me, BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION, IRQL_ABOVE_DISPATCH, "IrqlKeDispatchLte",
                    "called at " + irql + ", must be called at IRQL <= DISPATCH_LEVEL");
        }
        Seen seen = new Seen(oldIrql);
        inner.acquireSpinLock(l.inner, seen);
        l.variant = Variant.ACQUIRE;
        l.oldIrql = seen.written;
        l.owner.set(me);
    }

    @Override
    public void releaseSpinLock(KSpinLock lock, Irql newIrql) {
        String api = "KeReleaseSpinLock";
        VerifiedLock l = cast(api, lock);
        int me = hal.currentProcessorNumber();
        initialised(api, me, l);
        mine(api, me, l);
        if (newIrql.isAbove(Irql.DISPATCH_LEVEL)) {
            fail(api, me, BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION, NEW_IRQL_ABOVE_DISPATCH, "IrqlKeReleaseSpinLock",
                    "NewIrql is " + newIrql + ", above DISPATCH_LEVEL");
        }
        Irql written = l.oldIrql;
        if (l.variant == Variant.ACQUIRE && written != null && !written.equals(newIrql)) {
            fail(api, me, BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION, NEW_IRQL_NOT_OLD_IRQL, "IrqlKeReleaseSpinLock",
                    "NewIrql is " + newIrql + " but KeAcquireSpinLock wrote " + written + " to OldIrql for " + l.name()
                            + "; the input NewIrql value must be the OldIrql returned by KeAcquireSpinLock");
        }
        Irql irql = hal.currentIrql();
        if (!irql.equals(Irql.DISPATCH_LEVEL)) {
            fail(api, me, BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION, RELEASE_NOT_AT_DISPATCH, "IrqlKeReleaseSpinLock",
                    "called at " + irql + ", callers of this routine are running at IRQL = DISPATCH_LEVEL");
        }
        l.oldIrql = null;
        l.owner.set(NOBODY);
        inner.releaseSpinLock(l.inner, newIrql);
    }

    @Override
    public void acquireSpinLockAtDpcLevel(KSpinLock lock) {
        String api = "KeAcquireSpinLockAtDpcLevel";
        VerifiedLock l = cast(api, lock);
        int me = hal.currentProcessorNumber();
        initialised(api, me, l);
        notMine(api, me, l);
        atLeastDispatch(api, me);
        inner.acquireSpinLockAtDpcLevel(l.inner);
        l.variant = Variant.AT_DPC_LEVEL;
        l.oldIrql = null;
        l.owner.set(me);
    }

    @Override
    public void releaseSpinLockFromDpcLevel(KSpinLock lock) {
        String api = "KeReleaseSpinLockFromDpcLevel";
        VerifiedLock l = cast(api, lock);
        int me = hal.currentProcessorNumber();
        initialised(api, me, l);
        mine(api, me, l);
        if (l.variant == Variant.ACQUIRE) {
            fail(api, me, BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION, ACQUIRE_RELEASED_FROM_DPC_LEVEL,
                    "SpinlockRelease", l.name() + " was acquired by calling KeAcquireSpinLock; releasing it with "
                            + "KeReleaseSpinLockFromDpcLevel does not restore the caller's original IRQL");
        }
        atLeastDispatch(api, me);
        l.owner.set(NOBODY);
        inner.releaseSpinLockFromDpcLevel(l.inner);
    }

    @Override
    public boolean testSpinLock(KSpinLock lock) {
        String api = "KeTestSpinLock";
        VerifiedLock l = cast(api, lock);
        initialised(api, hal.currentProcessorNumber(), l);
        return inner.testSpinLock(l.inner);
    }

    @Override
    public boolean tryToAcquireSpinLockAtDpcLevel(KSpinLock lock) {
        String api = "KeTryToAcquireSpinLockAtDpcLevel";
        VerifiedLock l = cast(api, lock);
        int me = hal.currentProcessorNumber();
        initialised(api, me, l);
        notMine(api, me, l);
        atLeastDispatch(api, me);
        if (!inner.tryToAcquireSpinLockAtDpcLevel(l.inner)) {
            return false;
        }
        l.variant = Variant.TRY;
        l.oldIrql = null;
        l.owner.set(me);
        return true;
    }

    private VerifiedLock cast(String api, KSpinLock lock) {
        if (lock instanceof VerifiedLock) {
            return (VerifiedLock) lock;
        }
        fail(api, hal.currentProcessorNumber(), BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION, USE_BEFORE_INITIALIZE,
                "SpinLock", (lock == null ? "a null lock" : "a lock not made by this implementation")
                        + " is not a KSPIN_LOCK initialized by KeInitializeSpinLock");
        throw new AssertionError("unreachable");
    }

    private void initialised(String api, int me, VerifiedLock l) {
        if (!l.initialised) {
            fail(api, me, BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION, USE_BEFORE_INITIALIZE, "SpinLock", l.name()
                    + " was never initialized with KeInitializeSpinLock");
        }
    }

    private void notMine(String api, int me, VerifiedLock l) {
        if (l.owner.get() == me) {
            Variant v = l.variant;
            fail(api, me, BugCheck.SPIN_LOCK_ALREADY_OWNED, 0, "SpinLock", l.name()
                    + " is already held by this processor (acquired with " + (v == null ? "?" : v.api)
                    + "); attempting to acquire a spin lock recursively is guaranteed to cause a deadlock");
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

    private void atLeastDispatch(String api, int me) {
        Irql irql = hal.currentIrql();
        if (irql.isBelow(Irql.DISPATCH_LEVEL)) {
            fail(api, me, BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION, BELOW_DISPATCH, "IrqlDispatch", "called at "
                    + irql + ", the caller must already be running at IRQL >= DISPATCH_LEVEL");
        }
    }

    private void fail(String api, int me, int code, long parameter, String rule, String what) {
        hal.bugCheck(new BugCheck(code, parameter, rule, api + " on processor " + me + ": " + what));
    }
}
