package io.ddikit.bench;

import com.sun.jna.Memory;
import io.ddikit.bridge.CLibrary;
import io.ddikit.cli.Main;
import io.ddikit.kernel.MachineConfig;
import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.run.TargetResolver;
import io.ddikit.spi.Hal;
import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockFamily;
import io.ddikit.spi.ndis.NdisSpinLockProvider;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Figures of C implementations, printed (not a unit test): the harness's throughput for the C reference
 * ({@code examples/c-spinlock}) next to the Java reference, in acquire/release pairs per second inside one kit call on
 * one processor, and the wall time of the suite (both spin lock families, sandboxed, as {@code ddikit run} runs it) for
 * each. Build the example first ({@code make -C examples/c-spinlock BUILD=$PWD/kit/target/c-spinlock}), then:
 * <pre>
 * mvn -B -q -o -DskipTests package -pl spi,kit -am && mvn -B -q -o -pl spi,kit -am test-compile
 * java -cp kit/target/ddikit-all.jar:kit/target/test-classes io.ddikit.bench.CBridgeBenchmark [library] [suite-runs]
 * </pre>
 */
public final class CBridgeBenchmark {
    private static final int PAIRS = 200_000;

    private CBridgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path lib = Path.of(args.length > 0 ? args[0] : "kit/target/c-spinlock/libcspin.so").toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        NdisSpinLockProvider javaReference = TargetResolver.over(java.util.List.of()).select("ndis-spin-lock", "reference")
                .handle(NdisSpinLockProvider.class);
        NdisSpinLockProvider c = TargetResolver.overNative(lib, "cspin", "1.0", null).select("ndis-spin-lock", "cspin")
                .handle(NdisSpinLockProvider.class);
        CLibrary library = CLibrary.load(lib, null);
        System.out.printf(Locale.ROOT, "harness throughput, NdisAcquireSpinLock + NdisReleaseSpinLock pairs per second on one processor,"
                + " inside one kit call (median of 5 rounds of %d):%n", PAIRS);
        System.out.printf(Locale.ROOT, "  Java reference, through the SPI        %,12.0f%n", median(() -> pairs(javaReference, PAIRS)));
        System.out.printf(Locale.ROOT, "  C reference, each call through JNA    %,12.0f%n", median(() -> pairs(c, PAIRS / 10)));
        System.out.printf(Locale.ROOT, "  C reference, the loop in C (services only) %,8.0f%n", median(() -> loopInC(library, PAIRS / 10)));

        System.out.printf(Locale.ROOT, "%nsuite wall time, both spin lock families, sandboxed (median of %d):%n", runs);
        double javaWall = medianOf(runs, () -> wall("run", "--impl", "reference", "--family", "ndis-spin-lock", "--family", "ke-spin-lock"));
        double cWall = medianOf(runs, () -> wall("run", "--native", lib.toString(), "--name", "cspin", "--version", "1.0",
                "--family", "ndis-spin-lock", "--family", "ke-spin-lock"));
        System.out.printf(Locale.ROOT, "  Java reference %6.1f s%n  C reference    %6.1f s%n  C / Java       %6.2f (target: at most 2)%n",
                javaWall, cWall, cWall / javaWall);
    }

    private interface Measure {
        double run() throws Exception;
    }

    private static double median(Measure m) throws Exception {
        return medianOf(5, m);
    }

    private static double medianOf(int n, Measure m) throws Exception {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = m.run();
        }
        Arrays.sort(v);
        return v[n / 2];
    }

    /** Pairs per second of {@code n} acquire/release pairs through the SPI, in one action on processor 0. */
    private static double pairs(NdisSpinLockProvider provider, int n) {
        try (SimulatedMachine m = new SimulatedMachine(MachineConfig.defaults().withCallBound(java.time.Duration.ofMinutes(5)))) {
            NdisSpinLockFamily f = provider.create(m.hal());
            NdisSpinLock lock = f.newLock();
            return m.compute(0, () -> {
                f.allocateSpinLock(lock);
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    f.acquireSpinLock(lock);
                    f.releaseSpinLock(lock);
                }
                return n / ((System.nanoTime() - t0) / 1e9);
            });
        }
    }

    /** Pairs per second of {@code n} pairs looped in C inside one trampoline: only the services cross into Java. */
    private static double loopInC(CLibrary library, int n) {
        try (SimulatedMachine m = new SimulatedMachine(MachineConfig.defaults().withCallBound(java.time.Duration.ofMinutes(5)))) {
            Hal hal = m.hal();
            Memory lock = library.allocate(16, (byte) 0);
            return m.compute(0, () -> {
                library.callV(hal, library.function("NdisAllocateSpinLock"), lock);
                long t0 = System.nanoTime();
                library.callPairs(hal, library.function("NdisAcquireSpinLock"), library.function("NdisReleaseSpinLock"), lock, n);
                return n / ((System.nanoTime() - t0) / 1e9);
            });
        }
    }

    /** Seconds one {@code ddikit run} takes (it must exit 0). */
    private static double wall(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 3);
        all[args.length] = "-q";
        all[args.length + 1] = "--report";
        all[args.length + 2] = "kit/target/bench-reports/" + (args[1].equals("--native") ? "c" : "java");
        StringWriter out = new StringWriter();
        long t0 = System.nanoTime();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(out), all);
        double s = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("ddikit " + String.join(" ", args) + " exited " + exit + ":\n" + out);
        }
        return s;
    }
}
