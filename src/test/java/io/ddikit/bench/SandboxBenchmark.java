package io.ddikit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the sandbox costs: the wall time of {@code ddikit run --impl reference} (the kit's JVM, a listing worker and
 * one implementation's worker) with the sandbox and with {@code --no-sandbox}, taken in turns in one run of this
 * program so that both see the same machine; prints each time and the medians. Not a unit test.
 *
 * <pre>
 * mvn -B -q -DskipTests package &amp;&amp; java -cp kit/target/ddikit-all.jar:kit/target/test-classes io.ddikit.bench.SandboxBenchmark [runs] [jar]
 * </pre>
 * {@code runs} defaults to 5; {@code jar} (default {@code kit/target/ddikit-all.jar}) may name the jar of another build
 * of the kit, which is then timed as a third variant without options (the worker start of that build).
 */
public final class SandboxBenchmark {
    private SandboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String jar = Path.of("kit/target/ddikit-all.jar").toAbsolutePath().toString();
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("sandboxed", List.of(jar));
        variants.put("--no-sandbox", List.of(jar, "--no-sandbox"));
        if (args.length > 1) {
            variants.put("other build (" + args[1] + ")", List.of(Path.of(args[1]).toAbsolutePath().toString()));
        }
        Map<String, List<Long>> times = new LinkedHashMap<>();
        variants.keySet().forEach(k -> times.put(k, new ArrayList<>()));
        // one warm-up of each (file caches), not counted
        for (Map.Entry<String, List<String>> v : variants.entrySet()) {
            time(v.getValue());
        }
        for (int i = 0; i < runs; i++) {
            for (Map.Entry<String, List<String>> v : variants.entrySet()) {
                long ms = time(v.getValue());
                times.get(v.getKey()).add(ms);
                System.out.printf(Locale.ROOT, "run %d %-40s %6d ms%n", i + 1, v.getKey(), ms);
            }
        }
        long sandboxed = median(times.get("sandboxed"));
        long plain = median(times.get("--no-sandbox"));
        for (Map.Entry<String, List<Long>> t : times.entrySet()) {
            System.out.printf(Locale.ROOT, "median %-40s %6d ms%n", t.getKey(), median(t.getValue()));
        }
        System.out.printf(Locale.ROOT, "the sandbox costs %d ms per run of one implementation (two workers: the listing and the run)%n",
                sandboxed - plain);
    }

    private static long time(List<String> variant) throws IOException, InterruptedException {
        Path report = Files.createTempDirectory("ddikit-bench-sandbox");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", variant.get(0), "run", "--impl", "reference", "-q", "--seed", "1", "--report", report.toString()));
        cmd.addAll(variant.subList(1, variant.size()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int exit = p.waitFor();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited " + exit);
        }
        try (var s = Files.walk(report)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        return ms;
    }

    private static long median(List<Long> xs) {
        long[] a = xs.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }
}
