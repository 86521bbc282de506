package io.ddikit.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** The {@code ddikit} command line. Exit codes are documented in {@link ExitCodes}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code, without exiting. */
    public static int run(String... args) {
        return DdikitCommand.commandLine().execute(args);
    }

    /** Runs the command line with its output and errors going to the given writers; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = DdikitCommand.commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }
}
