package io.ddikit.kernel;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SimulatedMachine} is built.
 *
 * @param processors    the number of logical processors, 1 to {@value #MAX_PROCESSORS}
 * @param callBound     how long one call (and one setup action) may take before the watchdog reports it
 *                      as timed out; twice this bounds how long a {@link PausePoint} holds a processor
 * @param seed          the seed of the machine's only randomness (when a spinning processor yields its
 *                      thread); print it with a failure so a run can be replayed
 * @param traceCapacity how many events each processor's trace ring keeps
 */
public record MachineConfig(int processors, Duration callBound, long seed, int traceCapacity) {
    /** The largest number of processors a machine may have. */
    public static final int MAX_PROCESSORS = 64;
    /** Default number of processors. */
    public static final int DEFAULT_PROCESSORS = 4;
    /** Default bound of one call. */
    public static final Duration DEFAULT_CALL_BOUND = Duration.ofSeconds(5);
    /** Default seed. */
    public static final long DEFAULT_SEED = 1L;
    /** Default capacity of each processor's trace ring. */
    public static final int DEFAULT_TRACE_CAPACITY = 200;

    public MachineConfig {
        if (processors < 1 || processors > MAX_PROCESSORS) {
            throw new IllegalArgumentException("processors must be 1.." + MAX_PROCESSORS + ", was " + processors);
        }
        Objects.requireNonNull(callBound, "callBound");
        if (callBound.isNegative() || callBound.isZero()) {
            throw new IllegalArgumentException("callBound must be positive, was " + callBound);
        }
        if (traceCapacity < 1) {
            throw new IllegalArgumentException("traceCapacity must be positive, was " + traceCapacity);
        }
    }

    /** 4 processors, 5 s per call, seed 1, 200 trace events per processor. */
    public static MachineConfig defaults() {
        return new MachineConfig(DEFAULT_PROCESSORS, DEFAULT_CALL_BOUND, DEFAULT_SEED, DEFAULT_TRACE_CAPACITY);
    }

    public MachineConfig withProcessors(int n) {
        return new MachineConfig(n, callBound, seed, traceCapacity);
    }

    public MachineConfig withCallBound(Duration bound) {
        return new MachineConfig(processors, bound, seed, traceCapacity);
    }

    public MachineConfig withSeed(long s) {
        return new MachineConfig(processors, callBound, s, traceCapacity);
    }

    public MachineConfig withTraceCapacity(int capacity) {
        return new MachineConfig(processors, callBound, seed, capacity);
    }
}
