package io.ddikit.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure found under a schedule is shown as its message, then its counterexample in a table of its own. */
class CounterexampleSplitTest {
    private static final String MESSAGE = "deadlock: every processor still running only spins (clause C)\n"
            + "schedule pct3-1f2e (decisions 0123456789abcdef, 40 steps); replay: ./ddikit run --impl x --clause C --replay pct3-1f2e\n"
            + "  step  processor  IRQL  in  lock  about to\n"
            + "  1     P0         PASSIVE_LEVEL  NdisAcquireSpinLock  free  call KeRaiseIrql to DISPATCH_LEVEL\n";

    @Test
    void the_counterexample_starts_at_the_schedule_line() {
        int at = ReportModelBuilder.scheduleAt(MESSAGE);
        assertThat(MESSAGE.substring(0, at)).isEqualTo("deadlock: every processor still running only spins (clause C)\n");
        assertThat(MESSAGE.substring(at)).startsWith("schedule pct3-1f2e (decisions").contains("  1     P0");
    }

    @Test
    void a_message_without_a_schedule_has_no_counterexample() {
        assertThat(ReportModelBuilder.scheduleAt("the IRQL was not restored (clause C)")).isEqualTo(-1);
        assertThat(ReportModelBuilder.scheduleAt("a schedule of work\nschedule is not a counterexample without a replay")).isEqualTo(-1);
        assertThat(ReportModelBuilder.scheduleAt("")).isEqualTo(-1);
    }
}
