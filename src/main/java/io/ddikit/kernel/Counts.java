package io.ddikit.kernel;

import java.util.HashMap;
import java.util.Map;

/**
 * A snapshot of one processor's counters. Take one before and one after, and compare with
 * {@link #minus(Counts)}: {@code after.minus(before).raises() == 0}.
 *
 * @param processor the processor
 * @param raises    {@code KeRaiseIrql} calls made by the implementation (kit setup is not counted)
 * @param lowers    {@code KeLowerIrql} calls made by the implementation
 * @param spins     {@code YieldProcessor} calls (spin-wait turns)
 * @param apiCalls  calls made into the implementation on this processor, by API name
 */
public record Counts(int processor, long raises, long lowers, long spins, Map<String, Long> apiCalls) {
    public Counts {
        apiCalls = Map.copyOf(apiCalls);
    }

    /** The calls of one API, 0 when none. */
    public long apiCalls(String apiName) {
        return apiCalls.getOrDefault(apiName, 0L);
    }

    /** What happened between {@code earlier} and this snapshot. */
    public Counts minus(Counts earlier) {
        Map<String, Long> calls = new HashMap<>(apiCalls);
        earlier.apiCalls.forEach((k, v) -> calls.merge(k, -v, Long::sum));
        calls.values().removeIf(v -> v == 0);
        return new Counts(processor, raises - earlier.raises, lowers - earlier.lowers, spins - earlier.spins, calls);
    }
}
