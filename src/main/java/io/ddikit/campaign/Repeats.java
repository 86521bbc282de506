package io.ddikit.campaign;

import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How each scenario's verdict spread over a run repeated with different seeds ({@code run --repeat N}): a scenario
 * whose verdict differs between repeats is <em>flaky</em>. The verdict graded is the worst one seen (a failure found
 * by one seed is a failure); the counts tell how hard it is to hit.
 *
 * @param seeds          the seed of each repeat, in order (the schedules the controlled tier explores derive from it)
 * @param implementations per implementation ({@code family/name}), each scenario's spread, by location
 */
public record Repeats(List<Long> seeds, Map<String, Map<String, Spread>> implementations) {

    public Repeats {
        seeds = List.copyOf(seeds);
        Map<String, Map<String, Spread>> copy = new LinkedHashMap<>();
        implementations.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        implementations = java.util.Collections.unmodifiableMap(copy);
    }

    /** One scenario's verdicts over the repeats: how many of each, and the seed of the first that did not pass. */
    public record Spread(String location, String name, Map<Verdict, Integer> counts, Long firstBadSeed) {
        public Spread {
            counts = java.util.Collections.unmodifiableMap(new EnumMap<>(counts));
        }

        public boolean flaky() {
            return counts.values().stream().filter(n -> n > 0).count() > 1;
        }

        /** {@code failed 3 of 20, passed 17 of 20}. */
        public String describe() {
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            List<String> parts = new ArrayList<>();
            counts.forEach((v, n) -> parts.add(v.label() + " " + n + " of " + total));
            return String.join(", ", parts) + (firstBadSeed == null ? "" : "; first seen with seed " + firstBadSeed);
        }
    }

    /** Orders verdicts from worst to best: a verdict seen once outranks the others. */
    private static int rank(Verdict v) {
        return switch (v) {
            case FAILED -> 0;
            case ERROR -> 1;
            case OUTDATED -> 2;
            case UNTESTED -> 3;
            case NOT_APPLICABLE -> 4;
            case UNTESTABLE -> 5;
            case PASSED -> 6;
        };
    }

    /**
     * The scenarios of one implementation over its repeats (one list per repeat, in seed order), merged: each
     * scenario once, in the first repeat's order, as the repeat with its worst verdict reported it.
     */
    public static List<ScenarioResult> merge(List<List<ScenarioResult>> runs) {
        Map<String, ScenarioResult> worst = new LinkedHashMap<>();
        for (List<ScenarioResult> run : runs) {
            for (ScenarioResult r : run) {
                worst.merge(key(r), r, (a, b) -> rank(b.verdict()) < rank(a.verdict()) ? b : a);
            }
        }
        return List.copyOf(worst.values());
    }

    /** Each scenario's spread over the repeats of one implementation ({@code seeds} in the order of {@code runs}). */
    public static Map<String, Spread> spread(List<List<ScenarioResult>> runs, List<Long> seeds) {
        Map<String, Map<Verdict, Integer>> counts = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Long> firstBad = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            for (ScenarioResult r : runs.get(i)) {
                String k = key(r);
                names.putIfAbsent(k, r.name());
                counts.computeIfAbsent(k, x -> new EnumMap<>(Verdict.class)).merge(r.verdict(), 1, Integer::sum);
                if ((r.verdict() == Verdict.FAILED || r.verdict() == Verdict.ERROR) && i < seeds.size()) {
                    firstBad.putIfAbsent(k, seeds.get(i));
                }
            }
        }
        Map<String, Spread> out = new LinkedHashMap<>();
        counts.forEach((k, c) -> out.put(k, new Spread(k, names.get(k), c, firstBad.get(k))));
        return out;
    }

    private static String key(ScenarioResult r) {
        return r.location();
    }

    /** The spread of a scenario of an implementation, if it was repeated. */
    public Optional<Spread> of(String implementation, ScenarioResult r) {
        return Optional.ofNullable(implementations.getOrDefault(implementation, Map.of()).get(key(r)));
    }

    /** The flaky scenarios of every implementation, as {@code family/name} to spreads. */
    public Map<String, List<Spread>> flaky() {
        Map<String, List<Spread>> out = new LinkedHashMap<>();
        implementations.forEach((impl, spreads) -> {
            List<Spread> f = spreads.values().stream().filter(Spread::flaky).toList();
            if (!f.isEmpty()) {
                out.put(impl, f);
            }
        });
        return out;
    }
}
