package io.ddikit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddikit.campaign.Bundle;
import io.ddikit.campaign.Invocation;
import io.ddikit.campaign.RunDiff;
import io.ddikit.result.KitVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ddikit verify BUNDLE}: checks every hash of a submission, then runs its implementation again from the bundle,
 * in the sandbox, with the same seeds and options, and says whether every verdict reproduces.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks a bundle of './ddikit bundle': every entry against its manifest, the kit's version, the pages' "
                + "fingerprints and the features' hashes against this kit's; then runs the bundled implementation again with the "
                + "same seeds and options and compares every verdict.",
                "Exit 0 when everything matches and every verdict reproduces, 1 when something differs (each difference one line), "
                        + "2 on bad input, 3 or 4 when the run again could not be made."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle (.zip).")
    Path bundle;

    @Option(names = "--keep", paramLabel = "DIR", description = "Extract the bundle and write the run again into this (new or empty) folder and keep it (default: a temporary folder, removed).")
    Path keep;

    @Option(names = "--docs", paramLabel = "PATH", defaultValue = Project.DEFAULT_DOCS, split = ",",
            description = "Pages to run again with (default: ${DEFAULT-VALUE}).")
    List<Path> docs;

    @Option(names = "--features", paramLabel = "PATH", defaultValue = Project.DEFAULT_FEATURES, split = ",",
            description = "Features to run again with (default: ${DEFAULT-VALUE}).")
    List<Path> features;

    @Option(names = "--no-sandbox", description = "Run again without the sandbox (the report then says 'not sandboxed').")
    boolean noSandbox;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = null;
        try {
            dir = keep != null ? prepare(keep) : Files.createTempDirectory("ddikit-verify");
            Bundle.Opened opened = Bundle.open(bundle, dir.resolve("bundle"));
            out.println("bundle " + bundle + " (manifest " + opened.id() + ")");
            List<String> differences = new ArrayList<>(opened.mismatches());
            if (!differences.isEmpty()) {
                differences.forEach(d -> out.println("  differs: " + d));
                out.println("verification failed: " + differences.size() + " entries do not match the manifest; not run again");
                out.flush();
                return ExitCodes.NOT_CONFORMING;
            }
            JsonNode manifest = opened.manifest();
            String version = manifest.path("kit").path("version").asText();
            if (!version.equals(KitVersion.current())) {
                differences.add("kit: the bundle was made with ddikit " + version + ", this is " + KitVersion.current());
            }
            String jar = manifest.path("kit").path("jar").asText();
            String mine = Invocation.runningKitJar();
            if (!jar.equals(mine)) {
                out.println("  note: the kit's jar is " + mine + ", the bundle's was " + jar + " (same version: a rebuild of the same sources differs in its timestamps)");
            }
            manifest.path("features").fields().forEachRemaining(f -> {
                Path p = Path.of(f.getKey());
                try {
                    String now = Files.isRegularFile(p) ? Invocation.sha256(p) : null;
                    if (now == null) {
                        differences.add(f.getKey() + ": a feature of the bundle's run that this kit does not have");
                    } else if (!now.equals(f.getValue().asText())) {
                        differences.add(f.getKey() + ": the feature differs from the bundle's (" + now + ", was " + f.getValue().asText() + ")");
                    }
                } catch (IOException e) {
                    differences.add(f.getKey() + ": cannot be read: " + e.getMessage());
                }
            });
            Invocation invocation = opened.invocation();
            Path again = dir.resolve("again");
            List<String> args = new ArrayList<>(List.of("run", "--report", again.toString(), "-q"));
            docs.forEach(d -> args.addAll(List.of("--docs", d.toString())));
            features.forEach(f -> args.addAll(List.of("--features", f.toString())));
            for (Map.Entry<String, Path> f : opened.implementationFiles()) {
                args.addAll(List.of(f.getKey(), f.getValue().toString()));
            }
            if (noSandbox) {
                args.add("--no-sandbox");
            }
            args.addAll(invocation.args());
            out.println("running again: ddikit " + String.join(" ", invocation.args()));
            out.flush();
            StringWriter runOut = new StringWriter();
            StringWriter runErr = new StringWriter();
            int code = Main.run(new PrintWriter(runOut, true), new PrintWriter(runErr, true), args.toArray(String[]::new));
            if (code == ExitCodes.USAGE_OR_INPUT || !Files.isRegularFile(again.resolve("conformance.json"))) {
                err.print(runErr);
                err.println("ddikit verify: the bundle's run could not be made again (exit " + code + ")");
                return code == ExitCodes.OK ? ExitCodes.KIT_ERROR : code;
            }
            JsonNode now = new ObjectMapper().readTree(again.resolve("conformance.json").toFile());
            Map<String, String> pagesNow = new java.util.TreeMap<>();
            now.path("pages").forEach(p -> pagesNow.put(p.path("file").asText(), p.path("fingerprint").asText()));
            manifest.path("pages").fields().forEachRemaining(p -> {
                String fp = pagesNow.get(p.getKey());
                if (fp == null) {
                    differences.add(p.getKey() + ": a page of the bundle's run that this kit does not have");
                } else if (!fp.equals(p.getValue().asText())) {
                    differences.add(p.getKey() + ": the page's fingerprint is " + fp + ", the bundle's run had " + p.getValue().asText());
                }
            });
            RunDiff diff = RunDiff.between(RunDiff.Snapshot.read(opened.report()), RunDiff.Snapshot.read(again));
            for (RunDiff.ImplementationDiff i : diff.implementations()) {
                switch (i.status()) {
                    case "added" -> differences.add(i.implementation() + ": ran again but is not in the bundle's results");
                    case "removed" -> differences.add(i.implementation() + ": in the bundle's results but did not run again");
                    default -> i.changes().forEach(c -> differences.add(i.implementation() + " " + c.clause() + ": the bundle says "
                            + (c.before() == null ? "(absent)" : c.before().label()) + ", the run again gave "
                            + (c.after() == null ? "(absent)" : c.after().label())));
                }
            }
            long clauses = diff.implementations().stream().count();
            if (differences.isEmpty()) {
                out.println("verified: every hash matches and every verdict reproduces (" + clauses + " implementations, seeds "
                        + manifest.path("seeds") + ")");
                out.flush();
                return ExitCodes.OK;
            }
            differences.forEach(d -> out.println("  differs: " + d));
            out.println("verification failed: " + differences.size() + " differences");
            out.flush();
            return ExitCodes.NOT_CONFORMING;
        } catch (Bundle.BundleException | RunDiff.UnreadableException | Project.InputError e) {
            err.println("ddikit verify: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        } catch (IOException e) {
            err.println("ddikit verify: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        } finally {
            if (keep == null && dir != null) {
                delete(dir);
            }
        }
    }

    private static Path prepare(Path keep) throws Project.InputError, IOException {
        if (Files.exists(keep)) {
            try (var s = Files.list(keep)) {
                if (s.findAny().isPresent()) {
                    throw new Project.InputError("--keep " + keep + ": the folder is not empty");
                }
            }
        }
        return Files.createDirectories(keep);
    }

    private static void delete(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is the system's to clean
        }
    }
}
