package io.ddikit.cli;

import io.ddikit.doc.read.PageReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** The top command: {@code ddikit <subcommand>}. */
@Command(name = "ddikit",
        mixinStandardHelpOptions = true,
        versionProvider = DdikitCommand.Version.class,
        description = "Documentation-driven conformance test kit: reference pages in, a verdict per sentence out.",
        subcommands = {CommandLine.HelpCommand.class, ClausesCommand.class, CheckCommand.class, ScaffoldCommand.class,
                RunCommand.class, ReportCommand.class, SelftestCommand.class, DiffCommand.class, BundleCommand.class, VerifyCommand.class})
public final class DdikitCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Options of every command that reads pages (inherited: given before or after the command's name).
    @Option(names = "--max-page-bytes", paramLabel = "BYTES", scope = ScopeType.INHERIT,
            defaultValue = "" + PageReader.Limits.DEFAULT_MAX_PAGE_BYTES,
            description = "Refuse pages larger than this (default: ${DEFAULT-VALUE}, 4 MiB).")
    long maxPageBytes;

    @Option(names = "--page-timeout", paramLabel = "SECONDS", scope = ScopeType.INHERIT,
            defaultValue = "60", description = "Give up reading a page after this long (default: ${DEFAULT-VALUE}).")
    double pageTimeoutSeconds;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** The page limits the options give; a usage error when they are out of range. */
    PageReader.Limits pageLimits() {
        if (maxPageBytes < 1 || maxPageBytes > Integer.MAX_VALUE - 16) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-page-bytes must be 1 to " + (Integer.MAX_VALUE - 16));
        }
        if (!(pageTimeoutSeconds > 0) || pageTimeoutSeconds > 86_400) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--page-timeout must be more than 0 and at most 86400 seconds");
        }
        return new PageReader.Limits(maxPageBytes, Duration.ofMillis(Math.max(1, Math.round(pageTimeoutSeconds * 1000))));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DdikitCommand());
        cl.setExecutionStrategy(parseResult -> execute(cl, parseResult));
        cl.setExecutionExceptionHandler(new KitErrorHandler());
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("ddikit: " + ex.getMessage());
            err.println("Try 'ddikit " + (ex.getCommandLine() == cl ? "" : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return ExitCodes.USAGE_OR_INPUT;
        });
        return cl;
    }

    /**
     * Runs the chosen command with the page limits of the options in effect. The JVM running out of memory
     * or stack is one line and exit 4, like any kit error, never a stack trace.
     */
    private static int execute(CommandLine cl, CommandLine.ParseResult parseResult) {
        DdikitCommand top = cl.getCommand();
        top.pageLimits(); // out of range: a usage error before any command runs
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } catch (VirtualMachineError e) {
            PrintWriter err = cl.getErr();
            err.println("ddikit: internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + String.format(Locale.ROOT, " (the kit may use %d MB; give it more with DDIKIT_JAVA_OPTS=-Xmx…)",
                    Runtime.getRuntime().maxMemory() >> 20));
            err.flush();
            return ExitCodes.KIT_ERROR;
        }
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
