package io.ddikit.kernel;

import io.ddikit.spi.Irql;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One logical processor: its thread, its task queue, its IRQL and its bookkeeping. Fields marked
 * "own thread" are touched only by the processor's thread; the others are safe to read from anywhere.
 *
 * <p>Simulated threads: the processor runs the tasks of one simulated thread at a time ({@link #runningThread}); a task
 * of another thread ({@link ThreadTask}) starts only when the dispatcher may switch, that is while the processor is
 * below DISPATCH_LEVEL and runs no DPC (dispatching is disabled at DISPATCH_LEVEL and above); until then it waits in
 * {@link #ready}, while the running thread's own tasks go on. A task that names no thread runs on the running one.
 */
final class Processor {
    /** A DPC waiting to run. */
    record QueuedDpc(String label, Runnable body, long sequence) {
    }

    /** The name of the processor's own thread, which runs every call made without a thread. */
    static final String OWN = "";

    /**
     * A call or setup of one simulated thread: it runs once that thread runs on the processor, which the dispatcher
     * switches to it only below DISPATCH_LEVEL.
     *
     * @param entry the IRQL the thread enters the task at (the scenario's entry IRQL), or null to keep the thread's own
     */
    record ThreadTask(String thread, Irql entry, Runnable body) implements Runnable {
        @Override
        public void run() {
            body.run();
        }
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
    /** The acquisitions held on this processor, in the order they returned. */
    final List<Holding> holdings = new CopyOnWriteArrayList<>();
    /** Tasks of threads that wait to be dispatched (the processor was at DISPATCH_LEVEL or above), in order. */
    final ConcurrentLinkedDeque<ThreadTask> ready = new ConcurrentLinkedDeque<>();
    /** The IRQL of each thread that is not running (what it left at when the dispatcher switched away from it). */
    final Map<String, Irql> savedIrql = new ConcurrentHashMap<>();
    /** Thread switches made so far. */
    final AtomicLong switches = new AtomicLong();
    final TraceRing trace;

    volatile Irql irql = Irql.PASSIVE_LEVEL;
    /** The simulated thread running on the processor ({@link #OWN} for its own). */
    volatile String runningThread = OWN;
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

    /** Whether the dispatcher may switch threads now: below DISPATCH_LEVEL and in no DPC (own thread, between tasks). */
    private boolean mayDispatch() {
        return irql.isBelow(Irql.DISPATCH_LEVEL) && runningDpc == null;
    }

    /**
     * The next task to run: a waiting thread's task once the dispatcher may switch to it (the first in order), else the
     * running thread's next one; a task of another thread that may not start yet waits in {@link #ready}.
     */
    private Runnable next() throws InterruptedException {
        while (true) {
            if (!ready.isEmpty()) {
                if (mayDispatch()) {
                    return ready.pollFirst();
                }
                for (ThreadTask t : ready) {
                    if (t.thread().equals(runningThread)) {
                        ready.remove(t);
                        return t;
                    }
                }
            }
            Runnable task = tasks.take();
            if (task instanceof ThreadTask t && !t.thread().equals(runningThread) && (!ready.isEmpty() || !mayDispatch())) {
                ready.addLast(t);
                continue;
            }
            return task;
        }
    }

    private void loop() {
        machine.bind(this);
        try {
            while (!machine.isClosing()) {
                Runnable task = next();
                if (task == SimulatedMachine.STOP) {
                    return;
                }
                io.ddikit.sched.Noise.Config noise = machine.noise();
                if (noise != io.ddikit.sched.Noise.bound()) {
                    io.ddikit.sched.Noise.bind(noise);
                }
                try {
                    machine.deliverDpcs(this);
                    if (task instanceof ThreadTask t) {
                        machine.dispatch(this, t);
                    }
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
