package io.ddikit.cli;

import io.ddikit.result.ImplementationInfo;
import io.ddikit.result.RunInfo;
import io.ddikit.run.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The lock of a report folder within one process; {@link ReportFolderInUseTest} takes it from another. */
class ReportFolderLockTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final String STARTED = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    @Test
    void a_second_lock_on_a_folder_is_refused_naming_the_folder_and_the_holder(@TempDir Path tmp) throws Exception {
        Path reports = tmp.resolve("reports");
        try (ReportFolderLock first = ReportFolderLock.take(reports, "ddikit run", ReportFolderLock.WRITING)) {
            assertThatThrownBy(() -> ReportFolderLock.take(reports, "ddikit report", ReportFolderLock.WRITING))
                    .isInstanceOf(Project.InputError.class)
                    .hasMessageMatching(java.util.regex.Pattern.quote(reports + " is in use by another run of ddikit (pid " + PID
                            + ", ddikit run, started ") + STARTED + "\\); wait for it or give another --report folder");
            // through a link to the same folder too
            Path link = Files.createSymbolicLink(tmp.resolve("link"), reports);
            assertThatThrownBy(() -> ReportFolderLock.take(link, "ddikit run", ReportFolderLock.READING))
                    .isInstanceOf(Project.InputError.class)
                    .hasMessage(link + " is in use by another run of ddikit (" + first.holder() + "); wait for it to end");
        }
    }

    @Test
    void the_holder_is_named_by_pid_command_and_start_and_the_lock_file_is_empty_after(@TempDir Path reports) throws Exception {
        // (the lock file itself is read by another process: ReportFolderInUseTest; opening it here would drop the lock)
        try (ReportFolderLock lock = ReportFolderLock.take(reports, "ddikit selftest", ReportFolderLock.WRITING)) {
            assertThat(lock.holder()).matches("pid " + PID + ", ddikit selftest, started " + STARTED);
        }
        assertThat(reports.resolve(ReportFolderLock.FILE)).isEmptyFile();
    }

    @Test
    void a_released_lock_can_be_taken_again(@TempDir Path reports) throws Exception {
        ReportFolderLock.take(reports, "ddikit run", ReportFolderLock.WRITING).close();
        try (ReportFolderLock again = ReportFolderLock.take(reports, "ddikit run", ReportFolderLock.WRITING)) {
            assertThat(again.isOf(reports)).isTrue();
        }
    }

    @Test
    void a_folder_the_lock_made_is_removed_again_when_nothing_else_was_written_in_it(@TempDir Path tmp) throws Exception {
        Path unused = tmp.resolve("unused");
        ReportFolderLock.take(unused, "ddikit run", ReportFolderLock.WRITING).close();
        assertThat(unused).doesNotExist();

        Path used = tmp.resolve("used");
        try (ReportFolderLock lock = ReportFolderLock.take(used, "ddikit run", ReportFolderLock.WRITING)) {
            Files.writeString(used.resolve("index.html"), "report");
        }
        assertThat(used.resolve("index.html")).isRegularFile();
        assertThat(used.resolve(ReportFolderLock.FILE)).isEmptyFile();
    }

    @Test
    void a_folder_that_was_there_stays_even_when_empty(@TempDir Path reports) throws Exception {
        ReportFolderLock.take(reports, "ddikit run", ReportFolderLock.WRITING).close();
        assertThat(reports).isDirectory();
    }

    @Test
    void a_missing_folder_only_read_is_neither_made_nor_locked(@TempDir Path tmp) throws Exception {
        assertThat(ReportFolderLock.takeIfExists(tmp.resolve("nope"), "ddikit report", ReportFolderLock.WRITING)).isNull();
        assertThat(ReportFolderLock.takeToRead(tmp.resolve("nope"), "ddikit report")).isNull();
        assertThat(tmp.resolve("nope")).doesNotExist();
    }

    @Test
    void a_folder_only_read_that_cannot_be_written_is_read_without_a_lock(@TempDir Path tmp) throws Exception {
        Path readOnly = Files.createDirectory(tmp.resolve("handed-over"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(readOnly), "permissions do not bind this user (root)");
            assertThat(ReportFolderLock.takeToRead(readOnly, "ddikit report")).isNull();
            assertThatThrownBy(() -> ReportFolderLock.take(readOnly, "ddikit report", ReportFolderLock.WRITING))
                    .isInstanceOf(IOException.class);
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void the_lock_file_is_never_taken_for_results(@TempDir Path reports) throws Exception {
        try (ReportFolderLock lock = ReportFolderLock.take(reports, "ddikit run", ReportFolderLock.WRITING)) {
            assertThatThrownBy(() -> StoredResults.under(reports)).isInstanceOf(Project.InputError.class)
                    .hasMessage(reports + ": no results (no <implementation>/run.json in it)");
            ResultStore.write(reports.resolve("ndis-spin-lock/reference"), new ImplementationInfo("ndis-spin-lock", "reference", "1.0", List.of()),
                    RunInfo.startingHere(4, 1, Map.of()).ended(Instant.now()), List.of());
            assertThat(StoredResults.under(reports)).extracting(StoredResults.Found::dir).containsExactly(reports.resolve("ndis-spin-lock/reference"));
        }
    }

    @Test
    void locks_are_released_last_first_and_nulls_skipped(@TempDir Path tmp) throws Exception {
        ReportFolderLock a = ReportFolderLock.take(tmp.resolve("a"), "ddikit report", ReportFolderLock.READING);
        ReportFolderLock b = ReportFolderLock.take(tmp.resolve("b"), "ddikit report", ReportFolderLock.WRITING);
        ReportFolderLock.releaseAll(java.util.Arrays.asList(a, null, b));
        ReportFolderLock.take(tmp.resolve("a"), "ddikit run", ReportFolderLock.WRITING).close();
        ReportFolderLock.take(tmp.resolve("b"), "ddikit run", ReportFolderLock.WRITING).close();
    }
}
