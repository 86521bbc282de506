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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Results reach the disk as each scenario ends, and what a killed run left is read back. */
class ResultStoreTest {
    private static final ImplementationInfo IMPL = new ImplementationInfo("ndis-spin-lock", "acme", "2.0", List.of("misuse-detection"));
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

    @Test
    void a_line_other_than_the_last_that_is_not_a_result_is_an_error_naming_the_file_and_line(@TempDir Path dir) throws IOException {
        ResultStore store = ResultStore.create(dir, IMPL, RUN);
        store.append(result(3, Verdict.PASSED));
        store.close();
        Path file = dir.resolve(ResultStore.SCENARIOS_FILE);
        String good = Files.readAllLines(file).get(0);
        Files.writeString(file, good + "\n{\"implementation\":\"ac\n" + good + "\n");

        assertThatThrownBy(() -> ResultStore.read(dir)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ":2: not a scenario result: ");
    }

    @Test
    void a_run_record_without_its_implementation_is_an_error_naming_the_file(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(ResultStore.RUN_FILE), "{\"run\":null}");
        assertThatThrownBy(() -> ResultStore.read(dir)).isInstanceOf(IOException.class)
                .hasMessage(dir.resolve(ResultStore.RUN_FILE) + ": not a run record: the implementation or the run is missing");
        Files.writeString(dir.resolve(ResultStore.RUN_FILE), "{\"run\":");
        assertThatThrownBy(() -> ResultStore.read(dir)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(dir.resolve(ResultStore.RUN_FILE) + ": not a run record: ");
    }

    @Test
    void a_whole_store_written_at_once_reads_back_equal(@TempDir Path dir) throws IOException {
        RunInfo merged = new RunInfo("1.0", 4, 42L, "jvm", "os", 2, RUN.started(), RUN.started().plusSeconds(9), Map.of("p.md", "sha256:1"),
                null, "runner-1, runner-2", List.of(new RunInfo.Shard("ci-1/acme", "runner-1", 7, RUN.started(), null, 2)));
        ResultStore.write(dir, IMPL, merged, List.of(result(3, Verdict.PASSED), result(9, Verdict.FAILED)));

        ResultStore.Stored stored = ResultStore.read(dir);
        assertThat(stored.run()).isEqualTo(merged);
        assertThat(stored.scenarios()).containsExactly(result(3, Verdict.PASSED), result(9, Verdict.FAILED));
    }

    @Test
    void a_run_record_from_before_hosts_were_recorded_reads_back_without_host_or_shards(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(ResultStore.RUN_FILE), "{\"implementation\":{\"name\":\"acme\",\"version\":\"2.0\","
                + "\"capabilities\":[]},\"run\":{\"kitVersion\":\"1.0\",\"processors\":4,\"seed\":1,\"jvm\":\"j\",\"os\":\"o\","
                + "\"hostCpus\":2,\"started\":\"2026-01-01T00:00:00Z\",\"ended\":null,\"pages\":{},\"problem\":null}}");

        RunInfo run = ResultStore.read(dir).run();
        assertThat(run.host()).isNull();
        assertThat(run.shards()).isEmpty();
        assertThat(run.complete()).isFalse();
    }
}
