package io.ddikit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The top command: {@code ddikit <subcommand>}. */
@Command(name = "ddikit",
        mixinStandardHelpOptions = true,
        versionProvider = DdikitCommand.Version.class,
        description = "Documentation-driven conformance test kit: reference pages in, a verdict per sentence out.",
        subcommands = {CommandLine.HelpCommand.class, ClausesCommand.class, CheckCommand.class, ScaffoldCommand.class,
                RunCommand.class, ReportCommand.class, SelftestCommand.class})
public final class DdikitCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DdikitCommand());
        cl.setExecutionExceptionHandler(new KitErrorHandler());
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("ddikit: " + ex.getMessage());
            err.println("Try 'ddikit " + (ex.getCommandLine() == cl ? "" : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return ExitCodes.USAGE_OR_INPUT;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ddikit " + io.ddikit.result.KitVersion.current()};
        }
    }

    /** A bug in the kit: one line for the user, the stack trace only with DDIKIT_DEBUG set. */
    static final class KitErrorHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
            PrintWriter err = cl.getErr();
            err.println("ddikit: internal error: " + ex + " (set DDIKIT_DEBUG=1 for the stack trace)");
            if (System.getenv("DDIKIT_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return ExitCodes.KIT_ERROR;
        }
    }
}
