package io.ddikit.isolate;

import io.ddikit.result.ImplementationInfo;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kit's check of a worker's events: what an honest worker sends passes; anything else is a violation naming it. */
class EventCheckTest {
    private static final ImplementationInfo ACME = new ImplementationInfo("ndis-spin-lock", "acme", "1.0", List.of());
    private static final String AT = "features/ndis/x.feature:12";
    private static final Map<String, List<String>> SELECTED = Map.of(AT, List.of("A.remarks.kit-knows"),
            "features/ndis/x.feature:20", List.of("A.remarks.other"));

    private static EventCheck run() {
        return EventCheck.run(new EventCheck.Expected(ACME, SELECTED));
    }

    private static Event begin(ImplementationInfo i) {
        return new Event(Event.BEGIN, null, i, null, null, null, null, null);
    }

    private static Event start(String location) {
        return new Event(Event.START, null, null, "a scenario", location, null, null, null);
    }

    private static Event end(String feature, int line, Verdict v, String source, String message) {
        return new Event(Event.END, null, null, null, null, new ScenarioResult("forged-name", feature, line, "a scenario",
                List.of("Forged.clause"), v, source, 1, "", 0, message, ""), null, null);
    }

    @Test
    void an_honest_run_passes_and_its_results_carry_the_kits_own_clauses_and_name() throws Exception {
        EventCheck c = run();
        c.check(begin(ACME));
        c.check(start(AT));
        assertThat(c.current()).isEqualTo(AT);
        Event e = c.check(end("features/ndis/x.feature", 12, Verdict.FAILED, "", "IRQL was PASSIVE_LEVEL"));
        assertThat(e.result().clauses()).containsExactly("A.remarks.kit-knows");
        assertThat(e.result().implementation()).isEqualTo("acme");
        assertThat(c.current()).isNull();
        c.check(Event.of(Event.DONE));
    }

    @Test
    void a_scenario_the_kit_did_not_select_is_refused() throws Exception {
        EventCheck c = run();
        c.check(begin(ACME));
        assertThatThrownBy(() -> c.check(start("features/ndis/x.feature:99")))
                .isInstanceOf(EventCheck.Violation.class)
                .hasMessageContaining("a start of features/ndis/x.feature:99, which is no scenario the kit selected");
    }

    @Test
    void a_scenario_started_twice_is_refused() throws Exception {
        EventCheck c = run();
        c.check(begin(ACME));
        c.check(start(AT));
        c.check(end("features/ndis/x.feature", 12, Verdict.PASSED, "", ""));
        assertThatThrownBy(() -> c.check(start(AT))).hasMessageContaining("started twice");
    }

    @Test
    void a_result_for_another_scenario_than_the_one_under_way_is_refused() throws Exception {
        EventCheck c = run();
        c.check(begin(ACME));
        c.check(start(AT));
        assertThatThrownBy(() -> c.check(end("features/ndis/x.feature", 20, Verdict.PASSED, "", "")))
                .hasMessageContaining("a result for features/ndis/x.feature:20 while " + AT + " was under way");
    }

    @Test
    void a_result_with_no_scenario_under_way_is_refused() throws Exception {
        EventCheck c = run();
        c.check(begin(ACME));
        assertThatThrownBy(() -> c.check(end("features/ndis/x.feature", 12, Verdict.PASSED, "", "")))
                .hasMessageContaining("while no scenario was under way");
    }

    @Test
    void events_before_begin_and_after_done_are_refused() throws Exception {
        assertThatThrownBy(() -> run().check(start(AT))).hasMessageContaining("a 'start' event before 'begin'");
        EventCheck c = run();
        c.check(begin(ACME));
        c.check(Event.of(Event.DONE));
        assertThatThrownBy(() -> c.check(start(AT))).hasMessageContaining("a 'start' event after 'done'");
    }

    @Test
    void done_while_a_scenario_is_under_way_is_refused() throws Exception {
        EventCheck c = run();
        c.check(begin(ACME));
        c.check(start(AT));
        assertThatThrownBy(() -> c.check(Event.of(Event.DONE))).hasMessageContaining("'done' while scenario " + AT);
    }

    @Test
    void an_error_source_that_does_not_fit_the_verdict_is_refused() throws Exception {
        EventCheck c = run();
        c.check(begin(ACME));
        c.check(start(AT));
        assertThatThrownBy(() -> c.check(end("features/ndis/x.feature", 12, Verdict.PASSED, "kit", "")))
                .hasMessageContaining("a passed result for " + AT + " with error source 'kit'");
        EventCheck d = run();
        d.check(begin(ACME));
        d.check(start(AT));
        assertThatThrownBy(() -> d.check(end("features/ndis/x.feature", 12, Verdict.ERROR, "", "")))
                .hasMessageContaining("with error source ''");
    }

    @Test
    void outdated_is_the_graders_word_and_never_a_workers() throws Exception {
        EventCheck c = run();
        c.check(begin(ACME));
        c.check(start(AT));
        assertThatThrownBy(() -> c.check(end("features/ndis/x.feature", 12, Verdict.OUTDATED, "", "")))
                .hasMessageContaining("only the kit's grading gives");
    }

    @Test
    void an_implementation_that_describes_itself_otherwise_than_when_listed_is_refused() {
        assertThatThrownBy(() -> run().check(begin(new ImplementationInfo("ndis-spin-lock", "acme", "2.0", List.of()))))
                .isInstanceOf(EventCheck.Violation.class)
                .hasMessage("the implementation described itself differently when it was listed (acme 1.0, capabilities [])"
                        + " and when it was run (acme 2.0, capabilities [])");
    }

    @Test
    void a_listing_event_in_a_run_and_unknown_kinds_are_refused() throws Exception {
        EventCheck c = run();
        assertThatThrownBy(() -> c.check(new Event(Event.IMPLEMENTATIONS, List.of(), null, null, null, null, null, null)))
                .hasMessageContaining("a 'implementations' event in a run worker");
        assertThatThrownBy(() -> c.check(Event.of("input-error"))).hasMessageContaining("unknown kind 'input-error'");
    }

    @Test
    void a_listing_needs_provider_class_names_and_comes_once() throws Exception {
        EventCheck c = EventCheck.listing();
        Event.Listed bad = new Event.Listed("ndis-spin-lock", "acme", "1", List.of(), "not a class name", true);
        assertThatThrownBy(() -> c.check(new Event(Event.IMPLEMENTATIONS, List.of(bad), null, null, null, null, null, null)))
                .hasMessageContaining("without a valid provider class name");
        EventCheck d = EventCheck.listing();
        Event.Listed ok = new Event.Listed("ndis-spin-lock", "acme", "1", List.of(), "com.acme.Provider", true);
        d.check(new Event(Event.IMPLEMENTATIONS, List.of(ok), null, null, null, null, null, null));
        assertThatThrownBy(() -> d.check(new Event(Event.IMPLEMENTATIONS, List.of(ok), null, null, null, null, null, null)))
                .hasMessageContaining("a second listing");
        d.check(Event.of(Event.DONE));
    }

    @Test
    void long_texts_are_cut_with_a_note_of_their_size() throws Exception {
        EventCheck c = run();
        c.check(begin(ACME));
        c.check(start(AT));
        Event e = c.check(end("features/ndis/x.feature", 12, Verdict.FAILED, "", "m".repeat(100_000)));
        assertThat(e.result().message()).hasSizeLessThan(9_000).endsWith("…[cut by ddikit: 100,000 characters in all]");
        Event p = c.check(Event.message(Event.PROBLEM, "p".repeat(50_000)));
        assertThat(p.message()).hasSizeLessThan(9_000);
    }
}
