package io.ddikit.e2e;

import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;
import io.ddikit.suite.FaultyTarget;
import io.ddikit.suite.SuiteContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controlled tier catches each fault that needs an interleaving by the clause it breaks, under a schedule whose
 * id the failure names, and that schedule, replayed alone, makes the same interleaving (the same decision hash) and
 * the same failure. Nothing here depends on the host's timing: the schedules are the kit's.
 */
class ControlledScheduleTest {

    private static List<ScenarioResult> run(FaultyTarget fault, SuiteContext.Schedules schedules, String tags) throws Exception {
        return Suite.run(fault, schedules, tags);
    }

    private static FaultyTarget fault(String name) throws Exception {
        return Suite.fault(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"raise-after-take", "plain-read-spin", "late-oldirql-read-no-hal", "lower-before-clear",
            "release-keeps-word-at-apc", "non-atomic-tas", "late-oldirql-read", "early-oldirql-write"})
    void a_fault_is_caught_under_a_schedule_that_replays_exactly(String name) throws Exception {
        FaultyTarget f = fault(name);
        String tags = String.join(" or ", f.breaks().stream().map(c -> "@clause:" + c).toList());
        List<ScenarioResult> results = run(f, SuiteContext.Schedules.defaults(), tags);
        Optional<ScenarioResult> caught = results.stream()
                .filter(r -> r.verdict() == Verdict.FAILED && r.message().contains("replay: ")).findFirst();
        assertThat(caught).as("%s: a scenario of %s failed under a schedule; results: %s", name, f.breaks(), results).isPresent();
        ScenarioResult first = caught.get();
        Matcher m = Pattern.compile("schedule (\\S+) \\(decisions (\\w+), (\\d+) steps\\)").matcher(first.message());
        assertThat(m.find()).as(first.message()).isTrue();
        String id = m.group(1);
        String hash = m.group(2);
        assertThat(first.message()).contains("--replay " + id).contains("step  processor  IRQL");

        String scenario = "@clause:" + first.clauses().get(0);
        List<ScenarioResult> replayed = run(f, new SuiteContext.Schedules(0, id), scenario);
        ScenarioResult again = replayed.stream().filter(r -> r.line() == first.line()).findFirst().orElseThrow();
        assertThat(again.verdict()).as(again.message()).isEqualTo(Verdict.FAILED);
        assertThat(again.message()).as("the replay of %s makes the same interleaving", id)
                .contains("schedule " + id + " (decisions " + hash + ",");
        assertThat(again.message().lines().findFirst()).isEqualTo(first.message().lines().findFirst());
    }
}
