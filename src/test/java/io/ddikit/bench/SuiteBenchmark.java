package io.ddikit.bench;

import io.ddikit.grade.Conformance;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.kernel.LockEffect;
import io.ddikit.kernel.MachineConfig;
import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;
import io.ddikit.cli.SuiteSession;
import io.ddikit.run.TargetResolver;
import io.ddikit.spi.BugCheck;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockFamily;
import io.ddikit.spi.ndis.NdisSpinLockProvider;
import io.ddikit.suite.FaultyTarget;
import io.ddikit.suite.SuiteContext;
import io.ddikit.suite.Target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figures of the suite, printed (not a unit test). Run after {@code mvn -B -q -DskipTests package test-compile}:
 * <pre>
 * java -cp kit/target/ddikit-all.jar:kit/target/test-classes io.ddikit.bench.SuiteBenchmark [part] [runs]
 * </pre>
 * Parts: {@code wall} (full-suite wall time per correct implementation, median of 5), {@code detection}
 * (detection rate and median time to detection of each contention fault over {@code runs} runs, default 50,
 * each with its own seed, running the scenarios of the clause it breaks), {@code throughput} (acquire/release
 * pairs per second through the kit against a bare loop over the same implementation, in one run),
 * {@code false-alarms} ({@code runs} consecutive full-suite runs of every correct implementation, default 100),
 * {@code false-alarms-loaded} (the same while one busy process per host core runs beside it),
 * {@code detection-loaded} (detection with one busy process per host core beside it), {@code schedules} (the controlled
 * tier's cost and schedules per second), or {@code all} (default: wall, detection, throughput). Detection covers the
 * contention faults; {@code -Dfaults=a,b} limits it to those faults ({@code -Dfaults=all}: the whole catalogue),
 * {@code -Dimpls=a,b} the false-alarm runs to those implementations (which print a line every 10 runs).
 */
public final class SuiteBenchmark {
    /** The faults that show only under contention: a narrow or wide race between processors. */
    static final List<String> CONTENTION_FAULTS = List.of("late-oldirql-read", "non-atomic-tas", "early-oldirql-write",
            "plain-release", "per-processor-word", "ticket-skips-waiter", "hang-on-contention", "raise-after-take",
            "plain-read-spin", "late-oldirql-read-no-hal", "lower-before-clear", "release-keeps-word-at-apc");
    /** The stress tier alone: the controlled tier off. */
    static final SuiteContext.Schedules STRESS = new SuiteContext.Schedules(0, null);
    /** What a run does by default: the controlled tier, then the stress tier. */
    static final SuiteContext.Schedules CONTROLLED = SuiteContext.Schedules.defaults();
    /** The controlled tier alone (with the pause-point scenarios, which both tiers share). */
    static final SuiteContext.Schedules CONTROLLED_ONLY = CONTROLLED.controlledOnly();
    /** Bound on one call in the benchmark's runs (as in the self-test). */
    static final Duration CALL_BOUND = Duration.ofSeconds(2);
    /** The family the benchmark runs. */
    static final String FAMILY = "ndis-spin-lock";

    private final SuiteSession session;
    private final TargetResolver resolver;

    private SuiteBenchmark() throws Exception {
        session = SuiteSession.open(SuiteSession.Settings.project(1)
                        .withPaths(List.of(Path.of("docs-source/ndis")), List.of(Path.of("features/ndis-spin-lock")))
                        .withCallTimeout(CALL_BOUND.toMillis() / 1000.0), new java.io.PrintWriter(java.io.Writer.nullWriter()));
        resolver = TargetResolver.over(List.of());
    }

    /** The bundled implementations of the NDIS family, by name. */
    private Map<String, Target> ndis() throws Exception {
        Map<String, Target> byName = new java.util.LinkedHashMap<>();
        for (Target t : resolver.discover().values()) {
            if (t.family().equals(FAMILY)) {
                byName.put(t.name(), t);
            }
        }
        return byName;
    }

    public static void main(String[] args) throws Exception {
        String part = args.length > 0 ? args[0] : "all";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : -1;
        SuiteBenchmark b = new SuiteBenchmark();
        System.out.printf("host: %d processors, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        if (part.equals("wall") || part.equals("all")) {
            b.wall();
        }
        if (part.equals("detection") || part.equals("all")) {
            b.detection(runs > 0 ? runs : 50);
        }
        if (part.equals("throughput") || part.equals("all")) {
            b.throughput();
        }
        if (part.equals("false-alarms")) {
            b.falseAlarms(runs > 0 ? runs : 100);
        }
        if (part.equals("schedules")) {
            b.schedules();
        }
        if (part.equals("detection-loaded")) {
            loaded(() -> b.detection(runs > 0 ? runs : 50));
        }
        if (part.equals("false-alarms-loaded")) {
            loaded(() -> b.falseAlarms(runs > 0 ? runs : 100));
        }
    }

    private interface Part {
        void run() throws Exception;
    }

    /** Runs {@code part} with every host core kept busy by another process. */
    private static void loaded(Part part) throws Exception {
        List<Process> load = hogs();
        try {
            System.out.printf("%nwith %d busy processes (yes > /dev/null) beside the suite:", load.size());
            part.run();
        } finally {
            load.forEach(Process::destroyForcibly);
        }
    }

    private static List<Process> hogs() throws java.io.IOException {
        // another process keeps every host core busy meanwhile: one `yes` per core, its output discarded
        List<Process> load = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            load.add(new ProcessBuilder("yes").redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        // and they end with the benchmark, however it ends
        Runtime.getRuntime().addShutdownHook(new Thread(() -> load.forEach(Process::destroyForcibly)));
        return load;
    }

    private ImplementationVerdict run(Target t, long seed, String tags, java.util.function.Consumer<ScenarioResult> progress)
            throws Exception {
        return run(t, seed, tags, progress, CONTROLLED);
    }

    private ImplementationVerdict run(Target t, long seed, String tags, java.util.function.Consumer<ScenarioResult> progress,
                                      SuiteContext.Schedules schedules) throws Exception {
        return session.with(seed, tags, schedules).run(t, Files.createTempDirectory("ddikit-bench-"), progress);
    }

    /**
     * Schedules per second of the controlled tier: the full suite of the reference implementation with the default
     * exploration and with none, in turns, five times; the difference is the controlled tier's time.
     */
    private void schedules() throws Exception {
        System.out.println("\ncontrolled tier: full suite of each correct implementation with --explore 200 and --explore 0, in turns (median of 5)");
        int contentionScenarios = 6;
        for (Target t : ndis().values()) {
            run(t, 1, "", r -> { });
            long[] with = new long[5];
            long[] without = new long[5];
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                run(t, 100 + i, "", r -> { }, CONTROLLED);
                with[i] = (System.nanoTime() - start) / 1_000_000;
                start = System.nanoTime();
                run(t, 100 + i, "", r -> { }, STRESS);
                without[i] = (System.nanoTime() - start) / 1_000_000;
            }
            long w = median(with);
            long wo = median(without);
            double perSecond = contentionScenarios * (double) CONTROLLED.explore() / Math.max(1, w - wo) * 1000;
            System.out.printf("  %-10s with %5d ms, stress tier only %5d ms (ratio %.2f); %,.0f schedules per second%n",
                    t.name(), w, wo, (double) w / wo, perSecond);
        }
    }

    private void wall() throws Exception {
        System.out.println("\nfull-suite wall time per implementation (median of 5 runs, after one warm-up run)");
        for (Target t : ndis().values()) {
            run(t, 1, "", r -> { });
            long[] ms = new long[5];
            for (int i = 0; i < ms.length; i++) {
                long start = System.nanoTime();
                ImplementationVerdict v = run(t, 100 + i, "", r -> { });
                ms[i] = (System.nanoTime() - start) / 1_000_000;
                if (v.conformance() != Conformance.CONFORMS) {
                    System.out.printf("  FALSE ALARM: %s %s with seed %d%n", t.name(), v.conformance(), 100 + i);
                }
            }
            System.out.printf("  %-10s median %5d ms  (runs: %s)%n", t.name(), median(ms), Arrays.toString(ms));
        }
    }

    private void detection(int runs) throws Exception {
        int stressRuns = Integer.getInteger("stressRuns", runs);
        System.out.printf("%ndetection: seeds 1..N, scenarios of the clause the fault breaks (the pause-point scenarios run in"
                + " both); the stress tier alone (--explore 0, %d runs), then the controlled tier alone (%d runs); call bound %d s%n",
                stressRuns, runs, CALL_BOUND.toSeconds());
        System.out.printf("  %-26s %-32s %-32s%n", "fault", "stress: caught, median, max", "controlled: caught, median, max");
        Map<String, FaultyTarget> faults = new java.util.LinkedHashMap<>();
        resolver.faults().stream().filter(f -> f.target().family().equals(FAMILY)).forEach(f -> faults.put(f.target().name(), f));
        String which = System.getProperty("faults");
        List<String> names = which == null ? CONTENTION_FAULTS : which.equals("all") ? List.copyOf(faults.keySet())
                : List.of(which.split(","));
        for (String name : names) {
            FaultyTarget f = faults.get(name);
            String stress = detection(f, stressRuns, STRESS);
            String controlled = detection(f, runs, CONTROLLED_ONLY);
            System.out.printf("  %-26s %-32s %-32s%n", name, stress, controlled);
        }
    }

    /** Caught in how many runs, with the median and the longest time to detection. */
    private String detection(FaultyTarget f, int runs, SuiteContext.Schedules schedules) throws Exception {
        String tags = String.join(" or ", f.breaks().stream().map(c -> "@clause:" + c).toList());
        int caught = 0;
        List<Long> times = new ArrayList<>();
        for (int seed = 1; seed <= runs; seed++) {
            long start = System.nanoTime();
            AtomicLong detectedAt = new AtomicLong(-1);
            run(f.target(), seed, tags, r -> {
                if ((r.verdict() == Verdict.FAILED || r.verdict() == Verdict.ERROR) && detectedAt.get() < 0
                        && r.clauses().stream().anyMatch(f.breaks()::contains)) {
                    detectedAt.set(System.nanoTime());
                }
            }, schedules);
            if (detectedAt.get() >= 0) {
                caught++;
                times.add((detectedAt.get() - start) / 1_000_000);
            }
        }
        long[] t = times.stream().mapToLong(Long::longValue).toArray();
        long max = Arrays.stream(t).max().orElse(-1);
        return String.format("%3d/%d %6d ms %6d ms", caught, runs, t.length == 0 ? -1 : median(t), max);
    }

    private void throughput() throws Exception {
        System.out.println("\nharness throughput: acquire/release pairs per second, reference implementation, one processor");
        NdisSpinLockProvider reference = ndis().get("reference").handle(NdisSpinLockProvider.class);
        int pairs = 200_000;
        double[] bare = new double[5];
        double[] loop = new double[5];
        double[] calls = new double[5];
        for (int round = 0; round < 5; round++) {
            bare[round] = bare(reference, pairs);
            try (SimulatedMachine m = new SimulatedMachine(MachineConfig.defaults().withProcessors(1).withCallBound(Duration.ofSeconds(60)))) {
                NdisSpinLockFamily f = reference.create(m.hal());
                NdisSpinLock lock = f.newLock();
                m.call(0, "NdisAllocateSpinLock", "A", () -> f.allocateSpinLock(lock));
                long start = System.nanoTime();
                m.call(0, "loop", "A", LockEffect.NONE, () -> {
                    for (int i = 0; i < pairs; i++) {
                        f.acquireSpinLock(lock);
                        f.releaseSpinLock(lock);
                    }
                });
                loop[round] = pairs / ((System.nanoTime() - start) / 1e9);
                int callPairs = 5_000;
                start = System.nanoTime();
                for (int i = 0; i < callPairs; i++) {
                    m.call(0, "NdisAcquireSpinLock", "A", () -> f.acquireSpinLock(lock));
                    m.call(0, "NdisReleaseSpinLock", "A", () -> f.releaseSpinLock(lock));
                }
                calls[round] = callPairs / ((System.nanoTime() - start) / 1e9);
            }
        }
        double b = medianD(bare);
        System.out.printf("  bare loop, HAL stub:                          %,12.0f pairs/s%n", b);
        System.out.printf("  in one kit call on a simulated processor:     %,12.0f pairs/s  (ratio to bare %.2f)%n", medianD(loop), medianD(loop) / b);
        System.out.printf("  one kit call per API call (as steps do):      %,12.0f pairs/s  (ratio to bare %.4f)%n", medianD(calls), medianD(calls) / b);
    }

    /** The same implementation in a plain loop on this thread, over the least HAL that works. */
    private static double bare(NdisSpinLockProvider p, int pairs) {
        Hal hal = new Hal() {
            private Irql irql = Irql.PASSIVE_LEVEL;

            @Override
            public Irql currentIrql() {
                return irql;
            }

            @Override
            public Irql raiseIrql(Irql newIrql) {
                Irql old = irql;
                irql = newIrql;
                return old;
            }

            @Override
            public void lowerIrql(Irql newIrql) {
                irql = newIrql;
            }

            @Override
            public int currentProcessorNumber() {
                return 0;
            }

            @Override
            public void spinWait() {
                Thread.onSpinWait();
            }

            @Override
            public void bugCheck(BugCheck bugCheck) {
                throw new IllegalStateException(bugCheck.toString());
            }
        };
        NdisSpinLockFamily f = p.create(hal);
        NdisSpinLock lock = f.newLock();
        f.allocateSpinLock(lock);
        long start = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
            f.acquireSpinLock(lock);
            f.releaseSpinLock(lock);
        }
        return pairs / ((System.nanoTime() - start) / 1e9);
    }

    private void falseAlarms(int runs) throws Exception {
        System.out.printf("%nfalse alarms: %d consecutive full-suite runs of each correct implementation%n", runs);
        String only = System.getProperty("impls", "");
        for (Target t : ndis().values()) {
            if (!only.isEmpty() && !Arrays.asList(only.split(",")).contains(t.name())) {
                continue;
            }
            int alarms = 0;
            long start = System.nanoTime();
            for (int seed = 1; seed <= runs; seed++) {
                ImplementationVerdict v = run(t, seed, "", r -> { });
                if (v.conformance() != Conformance.CONFORMS) {
                    alarms++;
                    System.out.printf("    FALSE ALARM %s seed %d: %s%n", t.name(), seed, v.conformance());
                }
                if (seed % 10 == 0) {
                    System.out.printf("    %s: %d runs, %d false alarms so far (%d s)%n", t.name(), seed, alarms,
                            (System.nanoTime() - start) / 1_000_000_000);
                }
            }
            System.out.printf("  %-10s %d false alarms in %d runs (%d s)%n", t.name(), alarms, runs, (System.nanoTime() - start) / 1_000_000_000);
        }
    }

    private static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static double medianD(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
