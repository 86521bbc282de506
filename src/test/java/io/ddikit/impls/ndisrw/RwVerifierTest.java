package io.ddikit.impls.ndisrw;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddikit.impls.ndisrw.verifier.RwVerifierFamily;
import io.ddikit.impls.ndisrw.verifier.RwVerifierProvider;
import io.ddikit.kernel.CallResult;
import io.ddikit.spi.BugCheck;
import io.ddikit.spi.Irql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The verifier reports each misuse the pages rule out, before the inner lock sees it, and lets correct use through. */
@Timeout(60)
class RwVerifierTest {
    private static final Irql PASSIVE = Irql.PASSIVE_LEVEL;
    private static final Irql DISPATCH = Irql.DISPATCH_LEVEL;

    private static RwLockDriver driver() {
        return new RwLockDriver(new RwVerifierProvider()).initialized("A");
    }

    private static void reported(CallResult r, long parameter, String rule, String words) {
        assertThat(r.bugChecked()).as(r.describe()).isTrue();
        BugCheck b = r.bugCheck();
        assertThat(b.code()).isEqualTo(BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION);
        assertThat(b.parameter()).as(b.toString()).isEqualTo(parameter);
        assertThat(b.rule()).isEqualTo(rule);
        assertThat(b.message()).contains(words);
    }

    @Test
    void correct_use_with_nesting_recursion_and_both_variants_is_not_reported() {
        try (RwLockDriver d = driver().initialized("B")) {
            assertThat(d.read(0, "A", "R1").returned()).isTrue();
            assertThat(d.read(0, "A", "R2").returned()).isTrue();
            assertThat(d.dprWrite(0, "B", "W").returned()).isTrue();
            assertThat(d.dprRelease(0, "B", "W").returned()).isTrue();
            assertThat(d.release(0, "A", "R2").returned()).isTrue();
            assertThat(d.release(0, "A", "R1").exitIrql()).isEqualTo(PASSIVE);
            assertThat(d.read(1, "A", "R1").returned()).as("a LOCK_STATE can serve again once released").isTrue();
            assertThat(d.machine.bugChecks()).isEmpty();
        }
    }

    @Test
    void a_lock_never_initialised_is_reported_on_every_call() {
        try (RwLockDriver d = new RwLockDriver(new RwVerifierProvider())) {
            reported(d.read(0, "B", "R"), RwVerifierFamily.USE_BEFORE_INITIALIZE, "",
                    "NdisAcquireReadWriteLock on processor 0: lock #1 was never initialised with NdisInitializeReadWriteLock");
            reported(d.at(1, DISPATCH).dprRelease(1, "B", "R"), RwVerifierFamily.USE_BEFORE_INITIALIZE, "", "lock #1");
        }
    }

    @Test
    void acquire_above_dispatch_level_and_release_below_it_name_irql_synch_function() {
        try (RwLockDriver d = driver()) {
            reported(d.at(0, Irql.of(5)).read(0, "A", "R"), RwVerifierFamily.ACQUIRE_ABOVE_DISPATCH,
                    RwVerifierFamily.IRQL_RULE, "called at DIRQL 5");
            d.at(1, PASSIVE).read(1, "A", "S");
            reported(d.at(1, PASSIVE).release(1, "A", "S"), RwVerifierFamily.RELEASE_NOT_AT_DISPATCH,
                    RwVerifierFamily.IRQL_RULE, "released at PASSIVE_LEVEL");
        }
    }

    @Test
    void dpr_calls_below_dispatch_level_are_reported() {
        try (RwLockDriver d = driver()) {
            reported(d.at(0, PASSIVE).dprRead(0, "A", "R"), RwVerifierFamily.DPR_NOT_AT_DISPATCH, "", "used at PASSIVE_LEVEL");
        }
    }

    @Test
    void a_lock_state_still_held_given_to_another_acquire_is_reported() {
        try (RwLockDriver d = driver().initialized("B")) {
            d.read(0, "A", "S");
            reported(d.write(0, "B", "S"), RwVerifierFamily.LOCK_STATE_IN_USE, "",
                    "given LOCK_STATE S, which still holds read access to lock #1 acquired with NdisAcquireReadWriteLock on processor 0");
        }
    }

    @Test
    void a_release_with_a_lock_state_that_holds_nothing_of_the_lock_is_reported() {
        try (RwLockDriver d = driver().initialized("B")) {
            reported(d.at(0, DISPATCH).release(0, "A", "NEVER"), RwVerifierFamily.NOT_ACQUIRED, "",
                    "lock #1 released with LOCK_STATE NEVER, which holds no acquisition of lock #1");
            d.at(1, PASSIVE).write(1, "B", "W");
            reported(d.release(1, "A", "W"), RwVerifierFamily.NOT_ACQUIRED, "", "(it holds write access to lock #2");
        }
    }

    @Test
    void a_release_of_the_other_variant_is_reported_and_the_inner_lock_never_sees_it() {
        try (RwLockDriver d = driver()) {
            d.write(0, "A", "W");
            reported(d.dprRelease(0, "A", "W"), RwVerifierFamily.UNBALANCED, "",
                    "must be released with NdisReleaseReadWriteLock");
            assertThat(d.release(0, "A", "W").exitIrql()).as("still held, released the right way").isEqualTo(PASSIVE);
            d.at(2, DISPATCH).dprRead(2, "A", "R");
            reported(d.release(2, "A", "R"), RwVerifierFamily.UNBALANCED, "", "must be released with NdisDprReleaseReadWriteLock");
        }
    }
}
