package io.ddikit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The wall time of the full suite for one implementation of each family in a fresh process (the kit's JVM and the
 * implementation's sandboxed worker JVM, as a vendor runs it with the {@code ddikit} launcher), next to the JVM start
 * of {@code ddikit --version}, and the ratio. Printed, not a unit test. Run after {@code mvn -B -q -DskipTests package test-compile}:
 * <pre>
 * java -cp kit/target/test-classes io.ddikit.bench.FamilyWallBenchmark [runs] [family=impl ...]
 * </pre>
 * Default: 5 runs each, {@code ndis-spin-lock=reference ke-spin-lock=reference}; the families' runs and the
 * {@code --version} runs are taken in turns, so that load on the host falls on both alike. Medians are printed.
 */
public final class FamilyWallBenchmark {
    private FamilyWallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String[]> targets = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            targets.add(args[i].split("=", 2));
        }
        if (targets.isEmpty()) {
            targets.add(new String[] {"ndis-spin-lock", "reference"});
            targets.add(new String[] {"ke-spin-lock", "reference"});
        }
        Path jar = Path.of("kit/target/ddikit-all.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with mvn -B -q -DskipTests package first");
        }
        String launcher = Path.of("ddikit").toAbsolutePath().toString();
        List<Long> version = new ArrayList<>();
        List<List<Long>> suites = new ArrayList<>();
        targets.forEach(t -> suites.add(new ArrayList<>()));
        Path report = Files.createTempDirectory("ddikit-family-wall-");
        time(List.of(launcher, "--version")); // warm the file cache
        for (int r = 0; r < runs; r++) {
            version.add(time(List.of(launcher, "--version")));
            for (int i = 0; i < targets.size(); i++) {
                String[] t = targets.get(i);
                suites.get(i).add(time(List.of(launcher, "run", "--family", t[0], "--impl", t[1], "--quiet",
                        "--seed", String.valueOf(r + 1), "--report", report.resolve(t[0] + "-" + r).toString())));
            }
        }
        long v = median(version);
        System.out.printf("ddikit --version (JVM start): median %,d ms of %d%n", v, runs);
        for (int i = 0; i < targets.size(); i++) {
            long s = median(suites.get(i));
            System.out.printf("full suite, %s %s, fresh process: median %,d ms of %d (%.1f x the JVM start)%n",
                    targets.get(i)[0], targets.get(i)[1], s, runs, (double) s / v);
        }
    }

    private static long time(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int code = p.waitFor();
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + code);
        }
        return millis;
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
