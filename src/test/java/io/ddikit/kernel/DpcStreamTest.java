package io.ddikit.kernel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** DPCs keep arriving while the body runs, on the processors named only, and stop when it returns. */
class DpcStreamTest {
    @Test
    void dpcs_arrive_on_the_named_processors_while_the_body_runs_and_stop_with_it() throws Exception {
        try (SimulatedMachine m = new SimulatedMachine(MachineConfig.defaults().withProcessors(4).withCallBound(Duration.ofSeconds(5)))) {
            Integer seen = DpcStream.during(m, List.of(1, 3), 7L, (n, p) -> new DpcStream.Dpc("DPC " + n, () -> { }), () -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (m.dpcRuns().size() < 20 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                return m.dpcRuns().size();
            });
            assertThat(seen).as("DPCs that ran while the body waited for 20").isGreaterThanOrEqualTo(20);
            Set<Integer> on = m.dpcRuns().stream().map(DpcRun::processor).collect(Collectors.toSet());
            assertThat(on).isSubsetOf(1, 3).hasSize(2);
            Thread.sleep(100);
            int after = m.dpcRuns().size();
            Thread.sleep(200);
            assertThat(m.dpcRuns()).as("no DPC is queued once the body returned").hasSize(after);
        }
    }
}
