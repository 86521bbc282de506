package io.ddikit.impls.ndis;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddikit.impls.ndis.ticket.TicketProvider;
import io.ddikit.impls.ndis.verifier.VerifierFamily;
import io.ddikit.impls.ndis.verifier.VerifierProvider;
import io.ddikit.kernel.BugCheckRecord;
import io.ddikit.kernel.CallResult;
import io.ddikit.spi.BugCheck;
import io.ddikit.spi.Capability;
import io.ddikit.spi.Irql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class VerifierTest {
    private final LockDriver d = new LockDriver(new VerifierProvider());

    @AfterEach
    void close() {
        d.close();
    }

    private BugCheck onlyBugCheck(CallResult r) {
        assertThat(r.bugChecked()).as(r.describe()).isTrue();
        assertThat(d.machine.bugChecks()).hasSize(1);
        return r.bugCheck();
    }

    @Test
    void release_without_acquire_is_spin_lock_not_owned() {
        d.allocated("A");
        BugCheck b = onlyBugCheck(d.release(1, "A"));
        assertThat(b.code()).isEqualTo(0x10);
        assertThat(b.rule()).isEqualTo("SpinlockRelease");
        assertThat(b.toString()).isEqualTo("bug check 0x10 [SpinlockRelease]: NdisReleaseSpinLock on processor 1: "
                + "lock #1 is not held by this processor (acquired by none)");
    }

    @Test
    void release_by_another_processor_names_the_owner() {
        d.allocated("A").acquire(0, "A");
        d.at(1, Irql.DISPATCH_LEVEL);
        BugCheck b = onlyBugCheck(d.release(1, "A"));
        assertThat(b.code()).isEqualTo(BugCheck.SPIN_LOCK_NOT_OWNED);
        assertThat(b.message()).endsWith("(acquired by processor 0)");
        assertThat(d.release(0, "A").returned()).isTrue();
    }

    @Test
    void recursive_acquire_is_spin_lock_already_owned_and_does_not_hang() {
        d.allocated("A").acquire(2, "A");
        BugCheck b = onlyBugCheck(d.acquire(2, "A"));
        assertThat(b.code()).isEqualTo(BugCheck.SPIN_LOCK_ALREADY_OWNED);
        assertThat(b.rule()).isEqualTo("SpinLock");
        assertThat(b.message()).contains("already held by this processor");
    }

    @Test
    void recursive_dpr_acquire_is_also_already_owned() {
        d.allocated("A").at(0, Irql.DISPATCH_LEVEL).dprAcquire(0, "A");
        assertThat(onlyBugCheck(d.dprAcquire(0, "A")).code()).isEqualTo(0xF);
    }

    @Test
    void dpr_acquire_then_non_dpr_release_is_spin_lock_dpr_release() {
        d.allocated("A").at(0, Irql.DISPATCH_LEVEL).dprAcquire(0, "A");
        BugCheck b = onlyBugCheck(d.release(0, "A"));
        assertThat(b.code()).isEqualTo(0xC4);
        assertThat(b.rule()).isEqualTo("SpinLockDprRelease");
        assertThat(b.parameter()).isEqualTo(VerifierFamily.DPR_ACQUIRE_NON_DPR_RELEASE);
    }

    @Test
    void acquire_then_dpr_release_is_spin_lock_dpr() {
        d.allocated("A").acquire(0, "A");
        BugCheck b = onlyBugCheck(d.dprRelease(0, "A"));
        assertThat(b.rule()).isEqualTo("SpinLockDpr");
        assertThat(b.parameter()).isEqualTo(VerifierFamily.ACQUIRE_DPR_RELEASE);
    }

    @Test
    void use_before_allocate_is_spin_lock() {
        d.declare("A");
        BugCheck b = onlyBugCheck(d.acquire(0, "A"));
        assertThat(b.rule()).isEqualTo("SpinLock");
        assertThat(b.parameter()).isEqualTo(VerifierFamily.USE_BEFORE_ALLOCATE);
        assertThat(d.machine.irql(0)).isEqualTo(Irql.PASSIVE_LEVEL);
    }

    @Test
    void use_after_free_is_spin_lock() {
        d.allocated("A");
        assertThat(d.free(0, "A").returned()).isTrue();
        BugCheck b = onlyBugCheck(d.acquire(0, "A"));
        assertThat(b.rule()).isEqualTo("SpinLock");
        assertThat(b.parameter()).isEqualTo(VerifierFamily.USE_AFTER_FREE);
    }

    @Test
    void free_while_held_is_spin_lock_balanced() {
        d.allocated("A").acquire(0, "A");
        BugCheck b = onlyBugCheck(d.free(0, "A"));
        assertThat(b.rule()).isEqualTo("SpinLockBalanced");
    }

    @Test
    void acquire_above_dispatch_is_irql_synch_function() {
        d.allocated("A").at(3, Irql.of(5));
        BugCheck b = onlyBugCheck(d.acquire(3, "A"));
        assertThat(b.rule()).isEqualTo("Irql_Synch_Function");
        assertThat(b.parameter()).isEqualTo(VerifierFamily.IRQL_TOO_HIGH);
        assertThat(b.message()).isEqualTo("NdisAcquireSpinLock on processor 3: called at DIRQL 5, must be at or below DISPATCH_LEVEL");
    }

    @Test
    void allocate_and_free_above_dispatch_are_not_misuse_callers_of_both_can_run_at_any_irql() {
        d.declare("A");
        d.at(0, Irql.HIGH_LEVEL);
        assertThat(d.allocate(0, "A").returned()).isTrue();
        d.at(1, Irql.of(5));
        assertThat(d.free(1, "A").returned()).isTrue();
        // and it checks the lock's state at any IRQL: a free of a freed lock is still reported
        assertThat(onlyBugCheck(d.free(1, "A")).rule()).isEqualTo("SpinLock");
    }

    @Test
    void dpr_acquire_below_dispatch_is_irql_synch_function() {
        d.allocated("A");
        BugCheck b = onlyBugCheck(d.dprAcquire(0, "A"));
        assertThat(b.rule()).isEqualTo("Irql_Synch_Function");
        assertThat(b.parameter()).isEqualTo(VerifierFamily.IRQL_NOT_DISPATCH);
    }

    @Test
    void release_of_an_owned_lock_below_dispatch_is_irql_synch_function() {
        d.allocated("A").acquire(0, "A");
        d.at(0, Irql.APC_LEVEL);
        BugCheck b = onlyBugCheck(d.release(0, "A"));
        assertThat(b.rule()).isEqualTo("Irql_Synch_Function");
    }

    @Test
    void correct_use_makes_no_bug_check() {
        d.allocated("A").acquire(0, "A");
        d.release(0, "A");
        d.at(1, Irql.DISPATCH_LEVEL).dprAcquire(1, "A");
        d.dprRelease(1, "A");
        d.free(0, "A");
        assertThat(d.machine.bugChecks()).extracting(BugCheckRecord::toString).isEmpty();
    }

    @Test
    void around_wraps_any_implementation_by_name() {
        var wrapped = VerifierProvider.around(new TicketProvider());
        assertThat(wrapped.name()).isEqualTo("verifier+ticket");
        assertThat(wrapped.capabilities()).containsExactly(Capability.MISUSE_DETECTION);
        try (LockDriver t = new LockDriver(wrapped).allocated("A")) {
            assertThat(t.release(0, "A").bugCheck().rule()).isEqualTo("SpinlockRelease");
        }
    }
}
