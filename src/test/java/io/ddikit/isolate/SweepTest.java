package io.ddikit.isolate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A kit killed outright cannot remove its workers' folders; the next kit does, and only those of dead kits. */
class SweepTest {
    @TempDir
    Path tmp;

    @Test
    void folders_of_kits_that_are_gone_are_removed_and_others_kept() throws Exception {
        long dead = deadPid();
        Path gone = Files.createDirectories(tmp.resolve(IsolatedRunner.HOME_PREFIX + dead + "-123/out/cucumber"));
        Files.writeString(gone.resolve("messages.ndjson"), "{}");
        Path alive = Files.createDirectories(tmp.resolve(IsolatedRunner.HOME_PREFIX + ProcessHandle.current().pid() + "-456"));
        Path other = Files.createDirectories(tmp.resolve(IsolatedRunner.HOME_PREFIX + "not-a-pid"));
        Path unrelated = Files.createDirectories(tmp.resolve("something-else-" + dead + "-1"));

        IsolatedRunner.sweep(tmp);

        assertThat(tmp.resolve(IsolatedRunner.HOME_PREFIX + dead + "-123")).doesNotExist();
        assertThat(alive).isDirectory();
        assertThat(other).isDirectory();
        assertThat(unrelated).isDirectory();
    }

    /** A pid no process has: one that has just ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        return pid;
    }
}
