package io.ddikit.steps.ndisrw;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A contention's schedules are drawn from numbers that are the same in every process. */
class RwControlledTierTest {
    @Test
    void a_plans_accesses_give_a_key_made_of_their_order_only() {
        // READ is 0 and WRITE is 1: (31 + 1) * 31 + 2, whatever the process (no identity hash code in it)
        assertThat(RwControlledTier.accessesKey(List.of(Access.READ, Access.WRITE))).isEqualTo(994L);
        assertThat(RwControlledTier.accessesKey(List.of(Access.WRITE, Access.READ)))
                .isNotEqualTo(RwControlledTier.accessesKey(List.of(Access.READ, Access.WRITE)));
        assertThat(RwControlledTier.accessesKey(List.of(Access.READ))).isEqualTo(32L);
    }
}
