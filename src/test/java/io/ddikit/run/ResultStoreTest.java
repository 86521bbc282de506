package io.ddikit.run;

import io.ddikit.result.ImplementationInfo;
import io.ddikit.result.RunInfo;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Results reach the disk as each scenario ends, and what a killed run left is read back. */
class ResultStoreTest {
    private static final ImplementationInfo IMPL = new ImplementationInfo("acme", "2.0", List.of("misuse-detection"));
    private static final RunInfo RUN = new RunInfo("1.0", 4, 42L, "jvm", "os", 2, Instant.parse("2026-01-01T00:00:00Z"), null, null, null);

    private static ScenarioResult result(int line, Verdict v) {
        return new ScenarioResult("acme", "features/x.feature", line, "s" + line, List.of("A.remarks.x"), v, "", 3,
                "", 0, v == Verdict.FAILED ? "NdisReleaseSpinLock left IRQL at PASSIVE_LEVEL" : "", "");
    }

    @Test
    void a_run_that_never_finished_is_read_back_incomplete_with_every_scenario_written(@TempDir Path dir) throws IOException {
        ResultStore store = ResultStore.create(dir, IMPL, RUN);
        store.append(result(3, Verdict.PASSED));
        store.append(result(9, Verdict.FAILED));
        // no finish(): the run was killed; a last line was cut short while being written
        Files.writeString(dir.resolve(ResultStore.SCENARIOS_FILE), "{\"implementation\":\"ac", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        ResultStore.Stored stored = ResultStore.read(dir);
        assertThat(stored.run().complete()).isFalse();
        assertThat(stored.implementation()).isEqualTo(IMPL);
        assertThat(stored.scenarios()).containsExactly(result(3, Verdict.PASSED), result(9, Verdict.FAILED));
    }

    @Test
    void a_finished_run_is_marked_complete(@TempDir Path dir) throws IOException {
        ResultStore store = ResultStore.create(dir, IMPL, RUN);
        store.append(result(3, Verdict.NOT_APPLICABLE));
        RunInfo ended = RUN.ended(Instant.parse("2026-01-01T00:01:00Z"));
        store.finish(IMPL, ended);

        ResultStore.Stored stored = ResultStore.read(dir);
        assertThat(stored.run()).isEqualTo(ended);
        assertThat(stored.run().complete()).isTrue();
        assertThat(stored.scenarios()).containsExactly(result(3, Verdict.NOT_APPLICABLE));
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }
}
