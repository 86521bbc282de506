package io.ddikit.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report folder locked by another process ({@link HoldsReportFolderLock}): {@code run}, {@code report} and
 * {@code selftest} refuse it in one line, exit 2, naming the folder and that process; once the process is killed, the
 * folder is free again.
 */
class ReportFolderInUseTest {
    private static final String STARTED = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    private Process holder;

    private record Ran(int code, String out, String err) {
    }

    private static Ran ddikit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Ran(code, out.toString(), err.toString());
    }

    /** Starts a JVM that locks {@code folder} and waits until it says it holds the lock. */
    private Process holding(Path folder) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        holder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                HoldsReportFolderLock.class.getName(), folder.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String said = CompletableFuture.supplyAsync(() -> {
            try {
                return lines.readLine();
            } catch (java.io.IOException e) {
                return e.toString();
            }
        }).get(120, TimeUnit.SECONDS);
        assertThat(said).as("the holder's first line").isEqualTo("locked");
        return holder;
    }

    @AfterEach
    void killTheHolder() throws Exception {
        if (holder != null) {
            holder.destroyForcibly();
            holder.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static String inUse(String command, Path folder, long pid, String hint) {
        return Pattern.quote("ddikit " + command + ": " + folder + " is in use by another run of ddikit (pid " + pid
                + ", ddikit run, started ") + STARTED + Pattern.quote("); " + hint) + "\\R";
    }

    @Test
    void every_command_that_writes_or_reads_a_folder_in_use_by_another_process_is_refused_until_it_is_killed(@TempDir Path tmp)
            throws Exception {
        Path reports = tmp.resolve("reports");
        long pid = holding(reports).pid();

        Ran run = ddikit("run", "--impl", "reference", "--quiet", "--report", reports.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.err()).matches(inUse("run", reports, pid, ReportFolderLock.WRITING));
        assertThat(run.out()).isEmpty();

        Ran rebuild = ddikit("report", "--from", reports.toString());
        assertThat(rebuild.code()).as(rebuild.err()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(rebuild.err()).matches(inUse("report", reports, pid, ReportFolderLock.WRITING));

        Path merged = tmp.resolve("merged");
        Ran merge = ddikit("report", "--merge", reports.toString(), "--report", merged.toString());
        assertThat(merge.code()).as(merge.err()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(merge.err()).matches(inUse("report", reports, pid, ReportFolderLock.READING));
        assertThat(merged).doesNotExist();

        Ran selftest = ddikit("selftest", "--report", reports.toString());
        assertThat(selftest.code()).as(selftest.err()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(selftest.err()).matches(inUse("selftest", reports, pid, ReportFolderLock.WRITING));

        holder.destroyForcibly(); // SIGKILL: the lock ends with the process, nothing is left to clean
        assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
        try (ReportFolderLock again = ReportFolderLock.take(reports, "ddikit run", ReportFolderLock.WRITING)) {
            assertThat(again.isOf(reports)).isTrue();
        }
        Ran free = ddikit("report", "--from", reports.toString());
        assertThat(free.err()).as("not refused for the lock any more").doesNotContain("in use").contains("no results");
    }

    @Test
    void a_folder_in_use_that_is_only_read_refuses_the_report_but_not_its_own_folder(@TempDir Path tmp) throws Exception {
        Path reports = tmp.resolve("reports");
        Path out = tmp.resolve("out");
        long pid = holding(reports).pid();

        Ran rebuild = ddikit("report", "--from", reports.toString(), "--report", out.toString());

        assertThat(rebuild.code()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(List.of(rebuild.err().split("\\R"))).singleElement().asString()
                .matches(inUse("report", reports, pid, ReportFolderLock.READING).replace("\\R", ""));
        assertThat(out).doesNotExist();
    }
}
