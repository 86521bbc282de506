package io.ddikit.hostile;

import io.ddikit.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs a {@code ddikit} command in this JVM, as a user would, and keeps what it printed on each stream. */
final class KitCommand {
    private KitCommand() {
    }

    /** Runs {@code args}; what it printed is appended to {@code out} and {@code err}; its exit code is returned. */
    static int run(List<String> args, StringBuilder out, StringBuilder err) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return Main.run(args.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            out.append(o.toString(StandardCharsets.UTF_8));
            err.append(e.toString(StandardCharsets.UTF_8));
        }
    }
}
