package io.ddikit.result;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Puts the results of several runs together: shards of the suite run on different machines, and runs of different
 * implementations, into one set of results per implementation.
 *
 * <p>Runs only merge when they are comparable: {@link #mismatches} names, for each pair of runs that are not, what
 * differs (the pages' fingerprints, the kit's version; for one implementation, the simulated processors, its version
 * or its capabilities). {@link #merge} then takes the union of one implementation's scenario results; a scenario
 * found in two runs (same feature and line) keeps its worse verdict, with a warning.
 *
 * <pre>{@code
 * List<String> problems = RunMerger.mismatches(parts);   // empty: they merge
 * RunMerger.Merged m = RunMerger.merge(partsOfOneImplementation, warnings::add);
 * }</pre>
 */
public final class RunMerger {
    /** From worst to best: a scenario found twice keeps the one that comes first here. */
    private static final List<Verdict> WORST_FIRST = List.of(Verdict.FAILED, Verdict.ERROR, Verdict.UNTESTED,
            Verdict.OUTDATED, Verdict.NOT_APPLICABLE, Verdict.UNTESTABLE, Verdict.PASSED);

    private RunMerger() {
    }

    /**
     * One run's results.
     *
     * @param source where they were read from (a folder), as the user named it; messages name it
     */
    public record Part(String source, ImplementationInfo implementation, RunInfo run, List<ScenarioResult> scenarios) {
        public Part {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(implementation, "implementation");
            Objects.requireNonNull(run, "run");
            scenarios = List.copyOf(scenarios);
        }
    }

    /** One implementation's results, merged. */
    public record Merged(ImplementationInfo implementation, RunInfo run, List<ScenarioResult> scenarios) {
        public Merged {
            scenarios = List.copyOf(scenarios);
        }
    }

    /**
     * Why these runs should not be merged, one line each, each naming both runs' sources and the values that
     * differ; empty when they may be. Every run is compared with the first for the kit version, with the first of its
     * API family for the pages (the families' pages differ), and with the first of its implementation (family and
     * name) for the processors, the version and the capabilities.
     */
    public static List<String> mismatches(List<Part> parts) {
        Set<String> out = new LinkedHashSet<>();
        if (parts.isEmpty()) {
            return List.of();
        }
        Part first = parts.get(0);
        Map<String, Part> firstOfImpl = new LinkedHashMap<>();
        Map<String, Part> firstOfFamily = new LinkedHashMap<>();
        for (Part p : parts) {
            Part family = firstOfFamily.computeIfAbsent(p.implementation().family(), k -> p);
            if (!Objects.equals(first.run().kitVersion(), p.run().kitVersion())) {
                out.add(first.source() + " and " + p.source() + " were taken with different kit versions: "
                        + first.run().kitVersion() + " in " + first.source() + " and " + p.run().kitVersion() + " in " + p.source());
            }
            String pages = pagesDiffer(family.source(), family.run().pages(), p.source(), p.run().pages());
            if (pages != null) {
                out.add(family.source() + " and " + p.source() + " were taken against different pages: " + pages);
            }
            Part f = firstOfImpl.putIfAbsent(p.implementation().family() + "/" + p.implementation().name(), p);
            if (f == null) {
                continue;
            }
            String name = p.implementation().name();
            if (f.run().processors() != p.run().processors()) {
                out.add(f.source() + " and " + p.source() + " ran " + name + " on different simulated processor counts: "
                        + f.run().processors() + " in " + f.source() + " and " + p.run().processors() + " in " + p.source());
            }
            if (!Objects.equals(f.implementation().version(), p.implementation().version())) {
                out.add(f.source() + " and " + p.source() + " ran different versions of " + name + ": "
                        + f.implementation().version() + " in " + f.source() + " and " + p.implementation().version()
                        + " in " + p.source());
            }
            if (!Set.copyOf(f.implementation().capabilities()).equals(Set.copyOf(p.implementation().capabilities()))) {
                out.add(f.source() + " and " + p.source() + " ran " + name + " with different capabilities: "
                        + f.implementation().capabilities() + " in " + f.source() + " and "
                        + p.implementation().capabilities() + " in " + p.source());
            }
        }
        return List.copyOf(out);
    }

    /**
     * The first page whose fingerprint differs between two runs, as {@code "<file> is <fp> in <a> and <fp> in <b>"}
     * (a page one of them did not see is {@code absent from} it), or null when they saw the same pages.
     */
    public static String pagesDiffer(String a, Map<String, String> pagesA, String b, Map<String, String> pagesB) {
        Set<String> files = new java.util.TreeSet<>(pagesA.keySet());
        files.addAll(pagesB.keySet());
        for (String file : files) {
            String fa = pagesA.get(file);
            String fb = pagesB.get(file);
            if (!Objects.equals(fa, fb)) {
                return file + " is " + (fa == null ? "absent from " + a : fa + " in " + a) + " and "
                        + (fb == null ? "absent from " + b : fb + " in " + b);
            }
        }
        return null;
    }

    /**
     * Merges the runs of one implementation.
     * <ul>
     *   <li>scenarios: the union, in feature and line order; one found in two runs keeps its worse verdict (failed,
     *       error, untested, outdated, not applicable, passed) and {@code warnings} is told;</li>
     *   <li>the run: the first run's kit, processors, seed, pages, JVM, OS and host processors; the earliest start;
     *       the latest end, or none when a run had not ended (the merged run is then incomplete); the first problem,
     *       with its source; the hosts of all; and the runs it was made from as {@link RunInfo#shards()} (a run that
     *       was itself merged brings its own shards).</li>
     * </ul>
     *
     * @throws IllegalArgumentException when {@code parts} is empty or holds several implementations
     */
    public static Merged merge(List<Part> parts, Consumer<String> warnings) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        Part first = parts.get(0);
        String name = first.implementation().name();
        if (parts.stream().anyMatch(p -> !p.implementation().name().equals(name))) {
            throw new IllegalArgumentException("runs of several implementations cannot merge into one");
        }
        Map<String, ScenarioResult> byLocation = new LinkedHashMap<>();
        Map<String, String> sourceOf = new LinkedHashMap<>();
        for (Part p : parts) {
            for (ScenarioResult r : p.scenarios()) {
                String key = r.location();
                ScenarioResult had = byLocation.get(key);
                if (had == null) {
                    byLocation.put(key, r);
                    sourceOf.put(key, p.source());
                    continue;
                }
                ScenarioResult kept = rank(r.verdict()) < rank(had.verdict()) ? r : had;
                warnings.accept(name + ": scenario " + key + " '" + r.name() + "' ran in both " + sourceOf.get(key)
                        + " (" + had.verdict().label() + ") and " + p.source() + " (" + r.verdict().label() + "): keeping "
                        + kept.verdict().label());
                if (kept == r) {
                    byLocation.put(key, r);
                    sourceOf.put(key, p.source());
                }
            }
        }
        List<ScenarioResult> scenarios = new ArrayList<>(byLocation.values());
        scenarios.sort(Comparator.comparing((ScenarioResult r) -> String.valueOf(r.feature())).thenComparingInt(ScenarioResult::line));

        Instant started = null;
        Instant ended = null;
        boolean allEnded = true;
        String problem = null;
        Set<String> hosts = new LinkedHashSet<>();
        List<RunInfo.Shard> shards = new ArrayList<>();
        for (Part p : parts) {
            RunInfo r = p.run();
            if (r.started() != null && (started == null || r.started().isBefore(started))) {
                started = r.started();
            }
            if (r.ended() == null) {
                allEnded = false;
            } else if (ended == null || r.ended().isAfter(ended)) {
                ended = r.ended();
            }
            if (problem == null && r.problem() != null) {
                problem = p.source() + ": " + r.problem();
            }
            if (r.shards().isEmpty()) {
                shards.add(new RunInfo.Shard(p.source(), r.host(), r.seed(), r.started(), r.ended(), p.scenarios().size()));
                if (r.host() != null && !r.host().isBlank()) {
                    hosts.add(r.host());
                }
            } else {
                shards.addAll(r.shards());
                r.shards().stream().map(RunInfo.Shard::host).filter(h -> h != null && !h.isBlank()).forEach(hosts::add);
            }
        }
        RunInfo f = first.run();
        // a merge is only as isolated as its least isolated shard
        RunInfo.Isolation isolation = f.isolation();
        for (Part p : parts) {
            if (!p.run().sandboxed()) {
                isolation = p.run().isolation();
                break;
            }
        }
        RunInfo run = new RunInfo(f.kitVersion(), f.processors(), f.seed(), f.jvm(), f.os(), f.hostCpus(), started,
                allEnded ? ended : null, f.pages(), problem, hosts.isEmpty() ? null : String.join(", ", hosts), shards,
                isolation);
        return new Merged(first.implementation(), run, scenarios);
    }

    private static int rank(Verdict v) {
        return WORST_FIRST.indexOf(v);
    }
}
