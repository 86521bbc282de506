package io.ddikit.cli;

import io.ddikit.campaign.Bundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ddikit bundle}: a run's report and implementation packed for a certifier, with a manifest of hashes. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = {"Packs a finished run's report folder, the implementation files it was given, the hashes of the kit's jar, "
                + "pages and features, and the run's seeds and options into one zip that './ddikit verify' checks and runs again.",
                "Exit 0 when the bundle was written, 2 on bad input."})
final class BundleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "reports", description = "The run's report folder (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The bundle to write (a .zip).")
    Path output;

    @Option(names = "--features", paramLabel = "PATH", defaultValue = Project.DEFAULT_FEATURES, split = ",",
            description = "The features whose hashes the manifest records (default: ${DEFAULT-VALUE}).")
    List<Path> features;

    @Override
    @SuppressWarnings("try") // the lock is held while the folder is read
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!output.getFileName().toString().endsWith(".zip")) {
            err.println("ddikit bundle: " + output + ": a bundle's name ends in .zip");
            return ExitCodes.USAGE_OR_INPUT;
        }
        if (!Files.isDirectory(report)) {
            err.println("ddikit bundle: " + report + ": no such report folder");
            return ExitCodes.USAGE_OR_INPUT;
        }
        try (ReportFolderLock lock = ReportFolderLock.takeToRead(report, "ddikit bundle")) {
            List<Path> files = new ArrayList<>();
            for (Path f : features) {
                if (Files.isDirectory(f)) {
                    try (var s = Files.walk(f)) {
                        s.filter(p -> p.toString().endsWith(".feature")).sorted().forEach(files::add);
                    }
                } else if (Files.isRegularFile(f)) {
                    files.add(f);
                }
            }
            String id = Bundle.write(report, files, Path.of("").toAbsolutePath(), output);
            out.println("bundle: " + output + " (manifest " + id + ")");
            out.flush();
            return ExitCodes.OK;
        } catch (Bundle.BundleException | Project.InputError e) {
            err.println("ddikit bundle: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        } catch (IOException e) {
            err.println("ddikit bundle: cannot write " + output + ": " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        }
    }
}
