package io.ddikit.kernel;

import io.ddikit.spi.Irql;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One logical processor: its thread, its task queue, its IRQL and its bookkeeping. Fields marked
 * "own thread" are touched only by the processor's thread; the others are safe to read from anywhere.
 */
final class Processor {
    /** A DPC waiting to run. */
    record QueuedDpc(String label, Runnable body, long sequence) {
    }

    final int index;
    final SimulatedMachine machine;
    final Thread thread;
    final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    final ConcurrentLinkedQueue<QueuedDpc> dpcs = new ConcurrentLinkedQueue<>();
    final AtomicLong raises = new AtomicLong();
    final AtomicLong lowers = new AtomicLong();
    final AtomicLong spins = new AtomicLong();
    final Map<String, AtomicLong> apiCalls = new ConcurrentHashMap<>();
    final List<String> held = new CopyOnWriteArrayList<>();
    final List<PausePoint> pausePoints = new CopyOnWriteArrayList<>();
    final List<BugCheckRecord> bugChecks = new CopyOnWriteArrayList<>();
    final TraceRing trace;

    volatile Irql irql = Irql.PASSIVE_LEVEL;
    /** The innermost API call running, or null. */
    volatile ApiCall currentCall;
    /** The pause point the processor is held at, or null. */
    volatile PausePoint heldAt;
    /** The DPC running, or null. */
    volatile String runningDpc;
    /** While a DPC runs: the call it interrupted (or null, between calls) and the IRQL the processor was at. */
    volatile ApiCall interruptedCall;
    volatile Irql interruptedIrql;

    // own thread
    final Random random;
    int spinsSinceYield;
    int yieldEvery = 16;

    Processor(SimulatedMachine machine, int index, int traceCapacity, long seed) {
        this.machine = machine;
        this.index = index;
        this.trace = new TraceRing(traceCapacity);
        this.random = new Random(seed * 31 + index);
        this.thread = new Thread(this::loop, "ddikit-cpu-" + index);
        this.thread.setDaemon(true);
    }

    Counts counts() {
        Map<String, Long> calls = new java.util.HashMap<>();
        apiCalls.forEach((k, v) -> calls.put(k, v.get()));
        return new Counts(index, raises.get(), lowers.get(), spins.get(), calls);
    }

    boolean busy() {
        return currentCall != null || runningDpc != null || heldAt != null;
    }

    private void loop() {
        machine.bind(this);
        try {
            while (!machine.isClosing()) {
                Runnable task = tasks.take();
                if (task == SimulatedMachine.STOP) {
                    return;
                }
                io.ddikit.sched.Noise.Config noise = machine.noise();
                if (noise != io.ddikit.sched.Noise.bound()) {
                    io.ddikit.sched.Noise.bind(noise);
                }
                try {
                    machine.deliverDpcs(this);
                    task.run();
                    machine.deliverDpcs(this);
                } catch (io.ddikit.spi.BugCheckException e) {
                    // a bug check in a DPC run while idle: recorded by the machine; keep serving
                    machine.recordIfNew(this, e);
                }
            }
        } catch (InterruptedException | MachineStoppedError e) {
            // the machine is closing
        }
    }
}
