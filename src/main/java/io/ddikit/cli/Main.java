package io.ddikit.cli;

import picocli.CommandLine;

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
}
