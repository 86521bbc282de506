package io.ddikit.impls.ke;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddikit.impls.ke.queued.KeQueuedProvider;
import io.ddikit.impls.ke.verifier.KeVerifierFamily;
import io.ddikit.impls.ke.verifier.KeVerifierProvider;
import io.ddikit.kernel.BugCheckRecord;
import io.ddikit.kernel.CallResult;
import io.ddikit.spi.BugCheck;
import io.ddikit.spi.Capability;
import io.ddikit.spi.Irql;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each misuse of the executive spin locks is one bug check with the right code, rule and message; correct use none. */
@Timeout(30)
class KeVerifierTest {
    private static final Irql PASSIVE = Irql.PASSIVE_LEVEL;
    private static final Irql APC = Irql.APC_LEVEL;
    private static final Irql DISPATCH = Irql.DISPATCH_LEVEL;
    private static final Irql DIRQL_5 = Irql.of(5);
    private static final int C4 = BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION;

    private final KeLockDriver d = new KeLockDriver(new KeVerifierProvider());

    @AfterEach
    void close() {
        d.close();
    }

    private BugCheck onlyBugCheck(CallResult r) {
        return onlyBugCheck(d, r);
    }

    private static BugCheck onlyBugCheck(KeLockDriver driver, CallResult r) {
        assertThat(r.bugChecked()).as(r.describe()).isTrue();
        assertThat(driver.machine.bugChecks()).hasSize(1);
        return r.bugCheck();
    }

    private static void is(BugCheck b, int code, long parameter, String rule) {
        assertThat(b.code()).as(b.toString()).isEqualTo(code);
        assertThat(b.parameter()).as(b.toString()).isEqualTo(parameter);
        assertThat(b.rule()).as(b.toString()).isEqualTo(rule);
    }

    // ------------------------------------------------------------------ use before KeInitializeSpinLock

    @Test
    void acquire_before_initialize_is_spin_lock_and_changes_no_irql() {
        d.declare("A");
        BugCheck b = onlyBugCheck(d.acquire(0, "A"));
        is(b, C4, KeVerifierFamily.USE_BEFORE_INITIALIZE, "SpinLock");
        assertThat(b.toString()).isEqualTo("bug check 0xC4 (0x3001) [SpinLock]: KeAcquireSpinLock on processor 0: "
                + "lock #1 was never initialized with KeInitializeSpinLock");
        assertThat(d.machine.irql(0)).isEqualTo(PASSIVE);
        assertThat(d.oldIrql(0, "A").writes()).isEmpty();
    }

    @Test
    void every_other_routine_before_initialize_is_spin_lock_too() {
        List<Function<KeLockDriver, CallResult>> calls = List.of(
                k -> k.atDpcLevel(1, "A"),
                k -> k.fromDpcLevel(1, "A"),
                k -> k.release(1, "A", DISPATCH),
                k -> k.test(1, "A").call(),
                k -> k.tryToAcquire(1, "A").call());
        for (Function<KeLockDriver, CallResult> call : calls) {
            try (KeLockDriver k = new KeLockDriver(new KeVerifierProvider())) {
                k.declare("A");
                k.at(1, DISPATCH);
                CallResult r = call.apply(k);
                BugCheck b = onlyBugCheck(k, r);
                is(b, C4, KeVerifierFamily.USE_BEFORE_INITIALIZE, "SpinLock");
                assertThat(b.message()).isEqualTo(r.call().apiName() + " on processor 1: lock #1 was never initialized "
                        + "with KeInitializeSpinLock");
            }
        }
    }

    // ------------------------------------------------------------------ recursion

    @Test
    void recursive_acquire_is_spin_lock_already_owned_and_does_not_hang() {
        d.initialized("A").acquire(2, "A");
        BugCheck b = onlyBugCheck(d.acquire(2, "A"));
        is(b, BugCheck.SPIN_LOCK_ALREADY_OWNED, 0, "SpinLock");
        assertThat(b.message()).isEqualTo("KeAcquireSpinLock on processor 2: lock #1 is already held by this processor "
                + "(acquired with KeAcquireSpinLock); attempting to acquire a spin lock recursively is guaranteed to "
                + "cause a deadlock");
        assertThat(d.release(2, "A", PASSIVE).returned()).as("the holder still holds it").isTrue();
    }

    @Test
    void recursive_acquire_at_dpc_level_and_recursive_try_are_already_owned() {
        d.initialized("A").at(0, DISPATCH).atDpcLevel(0, "A");
        BugCheck b = onlyBugCheck(d.atDpcLevel(0, "A"));
        is(b, BugCheck.SPIN_LOCK_ALREADY_OWNED, 0, "SpinLock");
        assertThat(b.message()).startsWith("KeAcquireSpinLockAtDpcLevel on processor 0: lock #1 is already held by this "
                + "processor (acquired with KeAcquireSpinLockAtDpcLevel)");
        try (KeLockDriver k = new KeLockDriver(new KeVerifierProvider()).initialized("A")) {
            k.acquire(3, "A");
            BugCheck t = onlyBugCheck(k, k.tryToAcquire(3, "A").call());
            is(t, BugCheck.SPIN_LOCK_ALREADY_OWNED, 0, "SpinLock");
            assertThat(t.message()).startsWith("KeTryToAcquireSpinLockAtDpcLevel on processor 3: lock #1 is already held");
        }
    }

    // ------------------------------------------------------------------ release of a lock not held

    @Test
    void release_without_acquire_is_spin_lock_not_owned() {
        d.initialized("A").at(1, DISPATCH);
        BugCheck b = onlyBugCheck(d.release(1, "A", PASSIVE));
        is(b, BugCheck.SPIN_LOCK_NOT_OWNED, 0, "SpinlockRelease");
        assertThat(b.toString()).isEqualTo("bug check 0x10 [SpinlockRelease]: KeReleaseSpinLock on processor 1: "
                + "lock #1 is not held by this processor (acquired by none)");
        assertThat(d.machine.irql(1)).as("no lower for a refused release").isEqualTo(DISPATCH);
    }

    @Test
    void release_from_dpc_level_by_another_processor_names_the_owner() {
        d.initialized("A").at(0, DISPATCH).atDpcLevel(0, "A");
        d.at(1, DISPATCH);
        BugCheck b = onlyBugCheck(d.fromDpcLevel(1, "A"));
        is(b, BugCheck.SPIN_LOCK_NOT_OWNED, 0, "SpinlockRelease");
        assertThat(b.message()).isEqualTo("KeReleaseSpinLockFromDpcLevel on processor 1: lock #1 is not held by this "
                + "processor (acquired by processor 0)");
        assertThat(d.fromDpcLevel(0, "A").returned()).isTrue();
    }

    @Test
    void a_lock_taken_with_ke_acquire_spin_lock_released_from_dpc_level_is_spinlock_release() {
        d.initialized("A").at(0, APC).acquire(0, "A");
        BugCheck b = onlyBugCheck(d.fromDpcLevel(0, "A"));
        is(b, C4, KeVerifierFamily.ACQUIRE_RELEASED_FROM_DPC_LEVEL, "SpinlockRelease");
        assertThat(b.message()).isEqualTo("KeReleaseSpinLockFromDpcLevel on processor 0: lock #1 was acquired by calling "
                + "KeAcquireSpinLock; releasing it with KeReleaseSpinLockFromDpcLevel does not restore the caller's "
                + "original IRQL");
        assertThat(d.release(0, "A").exitIrql()).isEqualTo(APC);
    }

    // ------------------------------------------------------------------ IRQL

    @Test
    void acquire_above_dispatch_is_irql_ke_dispatch_lte() {
        d.initialized("A").at(3, DIRQL_5);
        BugCheck b = onlyBugCheck(d.acquire(3, "A"));
        is(b, C4, KeVerifierFamily.IRQL_ABOVE_DISPATCH, "IrqlKeDispatchLte");
        assertThat(b.message()).isEqualTo("KeAcquireSpinLock on processor 3: called at DIRQL 5, must be called at "
                + "IRQL <= DISPATCH_LEVEL");
        assertThat(d.test(0, "A").isTrue()).as("the inner lock never saw the call").isTrue();
    }

    @Test
    void release_with_a_new_irql_other_than_the_old_irql_is_irql_ke_release_spin_lock() {
        d.initialized("A").acquire(0, "A");
        BugCheck b = onlyBugCheck(d.release(0, "A", APC));
        is(b, C4, KeVerifierFamily.NEW_IRQL_NOT_OLD_IRQL, "IrqlKeReleaseSpinLock");
        assertThat(b.message()).isEqualTo("KeReleaseSpinLock on processor 0: NewIrql is APC_LEVEL but KeAcquireSpinLock "
                + "wrote PASSIVE_LEVEL to OldIrql for lock #1; the input NewIrql value must be the OldIrql returned by "
                + "KeAcquireSpinLock");
        assertThat(d.test(1, "A").isFalse()).as("still held").isTrue();
        assertThat(d.release(0, "A").exitIrql()).isEqualTo(PASSIVE);
    }

    @Test
    void release_with_a_new_irql_above_dispatch_is_irql_ke_release_spin_lock() {
        d.initialized("A").acquire(0, "A");
        BugCheck b = onlyBugCheck(d.release(0, "A", DIRQL_5));
        is(b, C4, KeVerifierFamily.NEW_IRQL_ABOVE_DISPATCH, "IrqlKeReleaseSpinLock");
        assertThat(b.message()).isEqualTo("KeReleaseSpinLock on processor 0: NewIrql is DIRQL 5, above DISPATCH_LEVEL");
    }

    @Test
    void release_at_an_irql_other_than_dispatch_is_irql_ke_release_spin_lock() {
        d.initialized("A").acquire(0, "A");
        d.at(0, APC);
        BugCheck b = onlyBugCheck(d.release(0, "A"));
        is(b, C4, KeVerifierFamily.RELEASE_NOT_AT_DISPATCH, "IrqlKeReleaseSpinLock");
        assertThat(b.message()).isEqualTo("KeReleaseSpinLock on processor 0: called at APC_LEVEL, callers of this routine "
                + "are running at IRQL = DISPATCH_LEVEL");
    }

    @Test
    void the_dpc_level_routines_below_dispatch_are_irql_dispatch() {
        d.initialized("A").at(1, APC);
        BugCheck b = onlyBugCheck(d.atDpcLevel(1, "A"));
        is(b, C4, KeVerifierFamily.BELOW_DISPATCH, "IrqlDispatch");
        assertThat(b.message()).isEqualTo("KeAcquireSpinLockAtDpcLevel on processor 1: called at APC_LEVEL, the caller "
                + "must already be running at IRQL >= DISPATCH_LEVEL");
        try (KeLockDriver k = new KeLockDriver(new KeVerifierProvider()).initialized("A")) {
            BugCheck t = onlyBugCheck(k, k.tryToAcquire(2, "A").call());
            is(t, C4, KeVerifierFamily.BELOW_DISPATCH, "IrqlDispatch");
            assertThat(t.message()).startsWith("KeTryToAcquireSpinLockAtDpcLevel on processor 2: called at PASSIVE_LEVEL");
            assertThat(k.test(0, "A").isTrue()).isTrue();
        }
        try (KeLockDriver k = new KeLockDriver(new KeVerifierProvider()).initialized("A")) {
            k.at(2, DISPATCH).atDpcLevel(2, "A");
            k.at(2, PASSIVE);
            BugCheck r = onlyBugCheck(k, k.fromDpcLevel(2, "A"));
            is(r, C4, KeVerifierFamily.BELOW_DISPATCH, "IrqlDispatch");
            assertThat(r.message()).startsWith("KeReleaseSpinLockFromDpcLevel on processor 2: called at PASSIVE_LEVEL");
        }
    }

    // ------------------------------------------------------------------ correct use

    @Test
    void correct_use_makes_no_bug_check() {
        d.initialized("A").initialized("B");
        d.at(0, APC).acquire(0, "A");
        d.acquire(0, "B");
        d.release(0, "B");
        d.release(0, "A");
        d.at(1, DISPATCH).atDpcLevel(1, "A");
        d.test(2, "A");
        d.test(1, "A");
        d.fromDpcLevel(1, "A");
        d.tryToAcquire(1, "A");
        d.at(2, DISPATCH).tryToAcquire(2, "A");
        d.fromDpcLevel(1, "A");
        assertThat(d.tryToAcquire(1, "A").isTrue()).isTrue();
        assertThat(d.release(1, "A", PASSIVE).exitIrql()).as("a try-acquired lock released with KeReleaseSpinLock")
                .isEqualTo(PASSIVE);
        d.at(3, Irql.HIGH_LEVEL).initialize(3, "B");
        d.at(3, DIRQL_5).atDpcLevel(3, "B");
        d.fromDpcLevel(3, "B");
        assertThat(d.machine.bugChecks()).extracting(BugCheckRecord::toString).isEmpty();
    }

    @Test
    void around_wraps_any_implementation_and_declares_misuse_detection() {
        var wrapped = KeVerifierProvider.around(new KeQueuedProvider());
        assertThat(wrapped.name()).isEqualTo("verifier-queued");
        assertThat(wrapped.capabilities()).containsExactly(Capability.MISUSE_DETECTION);
        try (KeLockDriver k = new KeLockDriver(wrapped).initialized("A")) {
            k.at(0, DISPATCH);
            assertThat(k.release(0, "A", DISPATCH).bugCheck().rule()).isEqualTo("SpinlockRelease");
        }
    }
}
