package io.ddikit.kernel;

import io.ddikit.sched.MemoryOrder;
import io.ddikit.sched.ScheduleId;
import io.ddikit.sched.Scheduler;
import io.ddikit.spi.BugCheck;
import io.ddikit.spi.BugCheckException;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A simulated multiprocessor: N logical processors, each a dedicated daemon platform thread named
 * {@code ddikit-cpu-N} that runs the tasks submitted to it in order, each with its own IRQL (starting at
 * PASSIVE_LEVEL). It owns the {@link Hal} the implementation under test is given. One machine serves
 * one scenario; {@link #close()} it afterwards (it returns promptly even when a call is stuck).
 *
 * <h2>The HAL</h2>
 * Every HAL call acts on the calling processor, found from the calling thread.
 * <table>
 *   <caption>Bug checks raised by the HAL</caption>
 *   <tr><th>Call</th><th>Bug check</th></tr>
 *   <tr><td>{@code raiseIrql} to a level below the current one</td><td>0xC4, parameter 0x30</td></tr>
 *   <tr><td>{@code lowerIrql} to a level above the current one</td><td>0xC4, parameter 0x31</td></tr>
 *   <tr><td>any HAL call from a thread that is not a processor of this machine</td>
 *       <td>0xC4, parameter {@value #NOT_ON_A_PROCESSOR} (recorded with processor -1)</td></tr>
 *   <tr><td>{@code bugCheck(b)}</td><td>{@code b} itself</td></tr>
 * </table>
 * Every bug check is recorded ({@link #bugChecks()}), in order, with its processor and IRQL, and thrown as
 * {@link BugCheckException}; a call during which its processor recorded one is reported as bug-checked
 * even if the implementation swallowed the exception.
 *
 * <h2>DPCs</h2>
 * {@link #queueDpc} queues a DPC to a processor, from that processor or from any thread. Queued DPCs run
 * on their processor's thread at DISPATCH_LEVEL, in order, whenever the processor is below
 * DISPATCH_LEVEL at an interrupt point: inside {@code lowerIrql} to a level below DISPATCH_LEVEL, after
 * the new level took effect and before the call returns; at the start of any HAL call made below
 * DISPATCH_LEVEL; when a setup lowers the IRQL below DISPATCH_LEVEL; when the processor is idle between
 * tasks; and at once when queued by the processor itself while below DISPATCH_LEVEL. A DPC never runs
 * inside another DPC. Each run is recorded ({@link #dpcRuns()}) with global sequence numbers.
 *
 * <h2>Calls, watchdog, poisoning</h2>
 * {@link #call} and {@link #callAsync} run a body (a call into the implementation) on a processor and
 * trace it by API name; a call must end within the configured bound, or the watchdog reports it as
 * {@link CallResult.Outcome#TIMED_OUT} with a report, and the machine is poisoned: it should not be used
 * for further verdicts, and {@link #close()} interrupts the stuck processors and does not wait for them
 * for long (they are daemons; a HAL call on a closing machine throws {@link MachineStoppedError}).
 *
 * <h2>Scheduling control</h2>
 * {@link #pauseAt} holds a processor inside a chosen HAL call (see {@link PausePoint}).
 * {@code spinWait} counts spin-wait turns, calls {@link Thread#onSpinWait()} and now and then yields
 * the thread (how often is drawn from the configured seed) so that other processors progress on a
 * machine with fewer cores than simulated processors.
 *
 * <h2>Controlled schedules</h2>
 * {@link #runControlled} runs a body on several processors at once under a {@link Scheduler}: one processor runs at a
 * time, and every HAL call is a schedule point (raising or lowering the IRQL counts as progress, a spin-wait turn is a
 * yield), as is every memory operation of instrumented implementation code. A schedule may queue a DPC at a chosen
 * point of a processor ({@link PlannedDpc}); it runs there at once when the processor is below DISPATCH_LEVEL. Each step
 * is logged with the processor's IRQL, call and the lock's holders ({@link ScheduleLog} makes the counterexample).
 *
 * <h2>Simulated threads</h2>
 * Besides its own thread, a processor can run calls of named simulated threads ({@link #callAsync(ApiCall, Irql,
 * Runnable)} with {@link ApiCall#thread()}): one thread runs on a processor at a time, and the dispatcher switches to
 * another only between the running thread's calls and only while the processor is below DISPATCH_LEVEL, running no
 * DPC; at DISPATCH_LEVEL and above dispatching is disabled, so a thread that returned from an acquire at
 * DISPATCH_LEVEL keeps its processor until one of its calls lowers the IRQL. A call of a thread that may not run yet
 * waits, not started ({@link PendingCall#hasStarted()}), while the running thread's calls go on. Each thread keeps its
 * own IRQL below DISPATCH_LEVEL while another runs. A call made without a thread runs on whichever thread runs.
 *
 * <h2>Acquisitions</h2>
 * Every acquire that returns is kept as a {@link Holding} (which processor and thread, which lock, which acquisition
 * and access, the IRQL it was entered at) until the release of the same acquisition returns; {@link #holdings()} lists
 * them, and the schedule's log names the holders with their access ({@code held by P0 (read), P1 (read)}).
 *
 * <h2>Interlocked operations</h2>
 * Every call's result counts the interlocked operations (atomic read-modify-writes, monitor enters, locks) that the
 * implementation's instrumented code made during it ({@link CallResult#interlocked()}).
 *
 * <h2>Threads of the host</h2>
 * All public methods are safe to call from any thread. A call, setup action or DPC made from the
 * target processor's own thread (for example from inside a DPC) runs inline.
 */
public final class SimulatedMachine implements AutoCloseable {

    /** The 0xC4 parameter of the bug check for a HAL call from a thread that is not a simulated processor. */
    public static final long NOT_ON_A_PROCESSOR = 0x1000;
    /** The 0xC4 parameter for raising to a lower IRQL. */
    public static final long RAISE_TO_LOWER = 0x30;
    /** The 0xC4 parameter for lowering to a higher IRQL. */
    public static final long LOWER_TO_HIGHER = 0x31;

    static final Runnable STOP = () -> { };
    private static final Runnable WAKE = () -> { };
    private static final Duration CLOSE_WAIT = Duration.ofMillis(500);
    private static final int DUMP_FRAMES = 40;

    private final MachineConfig config;
    private final Processor[] processors;
    private final ThreadLocal<Processor> current = new ThreadLocal<>();
    private final MachineHal hal = new MachineHal();
    private final AtomicLong sequence = new AtomicLong();
    private final List<BugCheckRecord> bugChecks = new CopyOnWriteArrayList<>();
    private final Set<BugCheckException> recorded = Collections.synchronizedSet(
            Collections.newSetFromMap(new IdentityHashMap<>()));
    private final List<DpcRun> dpcRuns = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean closing;
    /** The stress tier's schedule noise for this machine's processors, or null: each binds it before its next task. */
    private volatile io.ddikit.sched.Noise.Config noise;
    private volatile boolean poisoned;

    /** Starts a machine: its processor threads are running and idle at PASSIVE_LEVEL when this returns. */
    public SimulatedMachine(MachineConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.processors = new Processor[config.processors()];
        for (int i = 0; i < processors.length; i++) {
            processors[i] = new Processor(this, i, config.traceCapacity(), config.seed());
        }
        for (Processor p : processors) {
            p.thread.start();
        }
    }

    /** A machine with {@link MachineConfig#defaults()}. */
    public SimulatedMachine() {
        this(MachineConfig.defaults());
    }

    public MachineConfig config() {
        return config;
    }

    /** The number of processors. */
    public int processorCount() {
        return processors.length;
    }

    /** The HAL to give to the implementation under test ({@code NdisSpinLockProvider.create(hal)}). */
    public Hal hal() {
        return hal;
    }

    // ------------------------------------------------------------------ calls

    /**
     * Runs {@code body} on {@code processor} as the API call {@code apiName} on lock {@code lockLabel}
     * and waits for it (at most the call bound). The lock effect is inferred from the name
     * ({@link LockEffect#inferFrom}). Never throws for what the implementation does: the result says it.
     *
     * @param lockLabel the scenario's name for the lock (e.g. {@code A}), or empty
     */
    public CallResult call(int processor, String apiName, String lockLabel, Runnable body) {
        return callAsync(processor, apiName, lockLabel, body).await();
    }

    /** As {@link #call(int, String, String, Runnable)} with an explicit lock effect. */
    public CallResult call(int processor, String apiName, String lockLabel, LockEffect effect, Runnable body) {
        return callAsync(processor, apiName, lockLabel, effect, body).await();
    }

    /** Starts {@code body} on {@code processor} and returns at once; see {@link PendingCall}. */
    public PendingCall callAsync(int processor, String apiName, String lockLabel, Runnable body) {
        return callAsync(processor, apiName, lockLabel, LockEffect.inferFrom(apiName), body);
    }

    /** As {@link #callAsync(int, String, String, Runnable)} with an explicit lock effect. */
    public PendingCall callAsync(int processor, String apiName, String lockLabel, LockEffect effect, Runnable body) {
        processor(processor);
        return start(new ApiCall(processor, apiName, lockLabel == null ? "" : lockLabel, effect), false, null, body);
    }

    /**
     * Starts {@code body} as {@code call}: on its processor, made by its thread ({@link ApiCall#thread()}, empty for the
     * processor's own), which enters it at {@code entry} (null: at the IRQL the thread is at). The call starts once its
     * thread runs: at once when it is the running thread, else when the dispatcher may switch to it (see the class
     * comment); its bound runs from now. A call of the running thread made from its own processor runs inline.
     *
     * @throws KernelException when made from inside a call of another thread of the same processor (a thread switch
     *                         happens only between calls)
     */
    public PendingCall callAsync(ApiCall call, Irql entry, Runnable body) {
        processor(call.processor());
        return start(call, true, entry, body);
    }

    /** As {@link #callAsync(ApiCall, Irql, Runnable)}, waiting for the call (at most its bound). */
    public CallResult call(ApiCall call, Irql entry, Runnable body) {
        return callAsync(call, entry, body).await();
    }

    private PendingCall start(ApiCall call, boolean threaded, Irql entry, Runnable body) {
        Processor p = processors[call.processor()];
        Objects.requireNonNull(body, "body");
        PendingCall pending = new PendingCall(this, call, System.nanoTime() + config.callBound().toNanos());
        if (current.get() == p) {
            if (threaded && !call.thread().equals(p.runningThread)) {
                throw new KernelException(call + " was made from inside processor " + p.index + "'s own work, where "
                        + threadName(p.runningThread) + " runs: a thread switch happens only between calls");
            }
            if (entry != null) {
                enterAt(p, entry);
            }
            pending.complete(invoke(p, call, body, pending));
            return pending;
        }
        Runnable task = () -> {
            try {
                pending.complete(invoke(p, call, body, pending));
            } catch (MachineStoppedError e) {
                pending.complete(timedOut(pending));
                throw e;
            } catch (RuntimeException | Error e) {
                pending.fail(e);
            }
        };
        submit(p, threaded ? new Processor.ThreadTask(call.thread(), entry, task) : task);
        return pending;
    }

    private static String threadName(String thread) {
        return thread.isEmpty() ? "its own thread" : "thread " + thread;
    }

    /** The dispatcher: makes {@code t}'s thread the running one (the processor is below DISPATCH_LEVEL), then its entry IRQL. */
    void dispatch(Processor p, Processor.ThreadTask t) {
        if (!t.thread().equals(p.runningThread)) {
            String from = p.runningThread;
            Irql left = p.irql;
            p.savedIrql.put(from, left);
            p.runningThread = t.thread();
            Irql resumed = p.savedIrql.getOrDefault(t.thread(), Irql.PASSIVE_LEVEL);
            p.savedIrql.remove(t.thread());
            p.irql = resumed;
            p.switches.incrementAndGet();
            trace(p, "thread switch: " + threadName(from) + " (at " + left + ") -> " + threadName(t.thread())
                    + " (at " + resumed + ")", false);
        }
        if (t.entry() != null) {
            enterAt(p, t.entry());
        }
    }

    /** The running thread enters its next call at {@code entry}: a setup, as {@link #setIrql} is. */
    private void enterAt(Processor p, Irql entry) {
        if (!entry.equals(p.irql)) {
            Irql old = p.irql;
            p.irql = entry;
            trace(p, "setup IRQL " + old + " -> " + entry, false);
            deliverDpcs(p);
        }
    }

    /**
     * Runs a kit action (scenario setup, not a call into the implementation) on {@code processor} and
     * waits for it. Exceptions it throws are rethrown here.
     *
     * @throws KernelException when it does not end within the call bound (the machine is then poisoned)
     */
    public void run(int processor, Runnable action) {
        compute(processor, () -> {
            action.run();
            return null;
        });
    }

    /** As {@link #run(int, Runnable)}, returning the action's value. */
    public <T> T compute(int processor, Supplier<T> action) {
        Processor p = processor(processor);
        if (current.get() == p) {
            return action.get();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        submit(p, () -> {
            try {
                f.complete(action.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
                if (t instanceof MachineStoppedError) {
                    throw (MachineStoppedError) t;
                }
            }
        });
        try {
            return f.get(config.callBound().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            poisoned = true;
            throw new KernelException("kit setup on processor " + processor + " did not end within "
                    + config.callBound().toMillis() + " ms\n" + report(p));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelException("interrupted while waiting for setup on processor " + processor, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            if (c instanceof Error) {
                throw (Error) c;
            }
            throw new KernelException("setup on processor " + processor + " failed", c);
        }
    }

    /**
     * Sets a processor's IRQL as a kit action (a scenario's entry IRQL): traced as {@code setup}, not
     * counted as a raise or lower, never stopped at a pause point, never a bug check. Setting it below
     * DISPATCH_LEVEL runs the processor's queued DPCs.
     */
    public void setIrql(int processor, Irql irql) {
        Objects.requireNonNull(irql, "irql");
        run(processor, () -> {
            Processor p = current.get();
            Irql old = p.irql;
            p.irql = irql;
            trace(p, "setup IRQL " + old + " -> " + irql, false);
            deliverDpcs(p);
        });
    }

    /** A processor's IRQL now (read from any thread). */
    public Irql irql(int processor) {
        return processor(processor).irql;
    }

    /**
     * The IRQL of one simulated thread of a processor (empty for its own): the processor's while the thread runs, else the
     * IRQL it was switched away at (PASSIVE_LEVEL for a thread that has not run yet).
     */
    public Irql irql(int processor, String thread) {
        Processor p = processor(processor);
        if (thread.equals(p.runningThread)) {
            return p.irql;
        }
        return p.savedIrql.getOrDefault(thread, Irql.PASSIVE_LEVEL);
    }

    // ------------------------------------------------------------------ DPCs

    /** Queues a DPC to a processor; see the class comment for when it runs. */
    public void queueDpc(int processor, String label, Runnable dpc) {
        Processor p = processor(processor);
        Objects.requireNonNull(dpc, "dpc");
        Processor caller = current.get();
        long seq = trace(p, "DPC queued " + label + " (from " + (caller == null
                ? "thread '" + Thread.currentThread().getName() + "'" : "processor " + caller.index) + ")", false);
        p.dpcs.add(new Processor.QueuedDpc(label, dpc, seq));
        if (caller == p) {
            deliverDpcs(p);
        } else if (!closing) {
            p.tasks.add(WAKE);
        }
    }

    /** Every DPC run so far, in the order they started. */
    public List<DpcRun> dpcRuns() {
        return List.copyOf(dpcRuns);
    }

    /** How many DPCs are queued to a processor and have not run yet. */
    public int pendingDpcs(int processor) {
        return processor(processor).dpcs.size();
    }

    // ------------------------------------------------------------------ controlled schedules

    /** A DPC that a controlled schedule queues to {@code processor} at that processor's {@code atStep}-th schedule point. */
    public record PlannedDpc(int processor, long atStep, String label, Runnable body) {
    }

    /**
     * What became of a controlled run.
     *
     * @param scheduler the schedule, with its end, log and races
     * @param calls     each processor's body, as a call
     * @param timedOut  whether the schedule had not ended within the call bound (code that never reached a
     *                  schedule point, or blocked its thread): the machine is then poisoned
     */
    public record ControlledRun(Scheduler scheduler, List<PendingCall> calls, boolean timedOut) {
    }

    /**
     * Runs {@code body} on processors 0 to {@code processors - 1} at once under the controlled schedule {@code id}:
     * one processor runs at a time, switching only at schedule points (the implementation's memory operations, every
     * HAL call, the harness's {@link Scheduler#here} points). Returns when the schedule has ended (or the call bound
     * passed without its end). Every call the body makes through {@link #call} on its own processor runs inline.
     *
     * @param horizon about how many schedule points the run makes in all
     * @param budget  the most schedule points it may make
     * @param dpc     a DPC the schedule queues on the way, or null
     */
    public ControlledRun runControlled(ScheduleId id, long horizon, long budget, int processors, String name, String lockLabel,
                                       IntConsumer body, PlannedDpc dpc) {
        if (processors < 1 || processors > this.processors.length) {
            throw new KernelException("a controlled run on " + processors + " processors, of " + this.processors.length);
        }
        Scheduler s = new Scheduler(id, processors, horizon, budget, new Scheduler.Observer() {
            @Override
            public String state(int i) {
                return describeState(i, lockLabel);
            }

            @Override
            public String where(int i) {
                Processor p = SimulatedMachine.this.processors[i];
                ApiCall c = p.currentCall;
                String in = c == null ? "the harness" : c.describe();
                return (p.runningDpc != null ? "a DPC (" + p.runningDpc + ") inside " : "") + in + " on processor " + i;
            }

            @Override
            public void stepped(int i, long ownSteps) {
                if (dpc != null && dpc.processor() == i && dpc.atStep() == ownSteps) {
                    queueDpc(i, dpc.label(), dpc.body());
                }
            }
        });
        List<PendingCall> calls = new ArrayList<>();
        for (int i = 0; i < processors; i++) {
            int k = i;
            calls.add(callAsync(i, name, lockLabel, LockEffect.NONE, () -> s.participate(k, () -> body.accept(k))));
        }
        boolean ended;
        try {
            ended = s.awaitEnd(config.callBound().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (!ended) {
            poisoned = true;
            s.stop("the schedule did not end within " + config.callBound().toMillis() + " ms");
        }
        for (PendingCall c : calls) {
            c.poll(Duration.ofMillis(ended ? 1000 : 100));
        }
        return new ControlledRun(s, calls, !ended);
    }

    /** A processor's state in a schedule's log: its IRQL, the call (or DPC) it is in, and who holds the lock. */
    private String describeState(int i, String lockLabel) {
        Processor p = processors[i];
        ApiCall c = p.currentCall;
        StringBuilder sb = new StringBuilder();
        sb.append(p.irql).append(" | ");
        sb.append(c == null ? "-" : c.apiName());
        if (p.runningDpc != null) {
            ApiCall was = p.interruptedCall;
            sb.append(" in a DPC (over ").append(was == null ? "no call" : was.apiName()).append(" at ")
                    .append(p.interruptedIrql).append(')');
        }
        if (!lockLabel.isEmpty()) {
            List<String> holders = new ArrayList<>();
            for (Processor q : processors) {
                for (Holding h : q.holdings) {
                    if (h.lockLabel().equals(lockLabel) && !holders.contains(h.shortName())) {
                        holders.add(h.shortName());
                    }
                }
            }
            sb.append(" | ").append(holders.isEmpty() ? "free" : "held by " + String.join(", ", holders));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ pause points

    /**
     * Arms a pause point: the {@code occurrence}-th {@code op} call that {@code processor} makes from now
     * on (1 = the next) stops at {@code position} until released. See {@link PausePoint}.
     */
    public PausePoint pauseAt(int processor, HalOp op, PausePoint.Position position, int occurrence) {
        Processor p = processor(processor);
        PausePoint pp = new PausePoint(processor, Objects.requireNonNull(op, "op"),
                Objects.requireNonNull(position, "position"), occurrence);
        p.pausePoints.add(pp);
        return pp;
    }

    /**
     * As {@link #pauseAt(int, HalOp, PausePoint.Position, int)}, counting only the raises or lowers (of {@code op}) to a
     * new IRQL below {@code below}: {@code pauseAt(0, LOWER, AFTER, 1, DISPATCH_LEVEL)} stops in the first KeLowerIrql that
     * goes below DISPATCH_LEVEL, passing any that stays there.
     */
    public PausePoint pauseAt(int processor, HalOp op, PausePoint.Position position, int occurrence, Irql below) {
        Processor p = processor(processor);
        PausePoint pp = new PausePoint(processor, Objects.requireNonNull(op, "op"),
                Objects.requireNonNull(position, "position"), occurrence, Objects.requireNonNull(below, "below"));
        p.pausePoints.add(pp);
        return pp;
    }

    /** {@link #pauseAt(int, HalOp, PausePoint.Position, int)} at {@link PausePoint.Position#BEFORE}. */
    public PausePoint pauseAt(int processor, HalOp op, int occurrence) {
        return pauseAt(processor, op, PausePoint.Position.BEFORE, occurrence);
    }

    /** Stops {@code processor} at its {@code turn}-th spin-wait turn from now on (1 = the next). */
    public PausePoint pauseAtSpin(int processor, int turn) {
        return pauseAt(processor, HalOp.SPIN, PausePoint.Position.BEFORE, turn);
    }

    // ------------------------------------------------------------------ observations

    /** Every bug check so far, in order. */
    public List<BugCheckRecord> bugChecks() {
        return List.copyOf(bugChecks);
    }

    /** Spin-wait turns made by one processor so far. */
    public long spinTurns(int processor) {
        return processors[processor].spins.get();
    }

    /** Spin-wait turns made by every processor so far: shows whether waiters ran at all. */
    public long spinTurns() {
        long n = 0;
        for (Processor p : processors) {
            n += p.spins.get();
        }
        return n;
    }

    public Counts counts(int processor) {
        return processor(processor).counts();
    }

    /**
     * Whether every processor but {@code processor} is idle (no call, no DPC, no task or DPC waiting, not held at a pause
     * point) and {@code processor} is not held at one either: then nothing but {@code processor} itself can change anything.
     */
    public boolean idleExcept(int processor) {
        for (Processor p : processors) {
            if (p.heldAt != null) {
                return false;
            }
            if (p.index != processor && (p.busy() || !p.tasks.isEmpty() || !p.dpcs.isEmpty() || !p.ready.isEmpty())) {
                return false;
            }
        }
        return true;
    }

    /** The processor of this machine the calling thread is, or -1 when it is none of them (a kit thread). */
    public int currentProcessor() {
        Processor p = current.get();
        return p != null && p.machine == this ? p.index : -1;
    }

    /** The innermost API call a processor is in now, or null. */
    public ApiCall currentCall(int processor) {
        return processor(processor).currentCall;
    }

    /** While a processor runs a DPC: the IRQL it was at when the DPC interrupted it; otherwise null. */
    public Irql interruptedIrql(int processor) {
        return processor(processor).interruptedIrql;
    }

    /** The label of the DPC a processor is running now, or null. */
    public String runningDpc(int processor) {
        return processor(processor).runningDpc;
    }

    /** The locks a processor holds according to the calls that returned (acquire adds, release removes). */
    public List<String> locksHeld(int processor) {
        return List.copyOf(processor(processor).held);
    }

    /** {@link #locksHeld(int)} of every processor that holds any. */
    public Map<Integer, List<String>> locksHeld() {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        for (Processor p : processors) {
            if (!p.held.isEmpty()) {
                out.put(p.index, List.copyOf(p.held));
            }
        }
        return out;
    }

    /** The acquisitions held on a processor, in the order they returned (see {@link Holding}). */
    public List<Holding> holdings(int processor) {
        return List.copyOf(processor(processor).holdings);
    }

    /** The acquisitions held on every processor, by processor, then in the order they returned. */
    public List<Holding> holdings() {
        List<Holding> out = new ArrayList<>();
        for (Processor p : processors) {
            out.addAll(p.holdings);
        }
        return out;
    }

    /** The simulated thread running on a processor now: empty for its own thread. */
    public String runningThread(int processor) {
        return processor(processor).runningThread;
    }

    /** The threads whose calls wait to be dispatched on a processor, in order (each once). */
    public List<String> readyThreads(int processor) {
        List<String> out = new ArrayList<>();
        for (Processor.ThreadTask t : processor(processor).ready) {
            if (!out.contains(t.thread())) {
                out.add(t.thread());
            }
        }
        return out;
    }

    /** How many thread switches the dispatcher made on a processor so far. */
    public long threadSwitches(int processor) {
        return processor(processor).switches.get();
    }

    /** The last {@code lastN} events of a processor's trace, oldest first. */
    public List<TraceEvent> trace(int processor, int lastN) {
        return processor(processor).trace.last(lastN);
    }

    /**
     * The last {@code lastN} events of a processor's trace as text for a failure message, one event a
     * line, headed {@code last events on processor 1:}.
     */
    public String excerpt(int processor, int lastN) {
        StringBuilder sb = new StringBuilder("last events on processor ").append(processor).append(':');
        for (TraceEvent e : trace(processor, lastN)) {
            sb.append("\n  ").append(e);
        }
        return sb.toString();
    }

    /** The current global sequence number: events after this moment have larger numbers. */
    public long sequenceNow() {
        return sequence.get();
    }

    /** A thread dump of this machine's processor threads (idle ones in one line). */
    public String threadDump() {
        StringBuilder sb = new StringBuilder("thread dump of the simulated processors:");
        for (Processor p : processors) {
            Thread t = p.thread;
            sb.append("\n\"").append(t.getName()).append("\" ").append(t.getState()).append(" at ").append(p.irql);
            if (!p.busy()) {
                sb.append(" idle");
                continue;
            }
            ApiCall c = p.currentCall;
            if (c != null) {
                sb.append(", in ").append(c.describe());
            }
            if (p.runningDpc != null) {
                sb.append(", running DPC ").append(p.runningDpc);
            }
            PausePoint pp = p.heldAt;
            if (pp != null) {
                sb.append(", held at pause point ").append(pp.describe());
            }
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < frames.length && i < DUMP_FRAMES; i++) {
                sb.append("\n    at ").append(frames[i]);
            }
            if (frames.length > DUMP_FRAMES) {
                sb.append("\n    ... ").append(frames.length - DUMP_FRAMES).append(" more");
            }
        }
        return sb.toString();
    }

    /** Whether a call or setup timed out: the machine's state can no longer be trusted. */
    public boolean isPoisoned() {
        return poisoned;
    }

    /**
     * Stops the machine: releases every pause point, stops the processors and interrupts them, and waits
     * for them briefly (about half a second in all). Stuck processor threads are left behind (they are
     * daemons). Idempotent.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        closing = true;
        for (Processor p : processors) {
            p.pausePoints.forEach(PausePoint::release);
            PausePoint pp = p.heldAt;
            if (pp != null) {
                pp.release();
            }
            p.tasks.add(STOP);
            p.thread.interrupt();
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (Processor p : processors) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || Thread.currentThread() == p.thread) {
                continue;
            }
            try {
                p.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ------------------------------------------------------------------ internals

    boolean isClosing() {
        return closing;
    }

    void bind(Processor p) {
        current.set(p);
        ON_THREAD.set(p);
    }

    /** The processor whose thread this is, of whichever machine: a processor's thread serves one processor only. */
    private static final ThreadLocal<Processor> ON_THREAD = new ThreadLocal<>();

    /**
     * Where the calling thread is, as a crash report names it: {@code processor 1 at DISPATCH_LEVEL}, or empty on a
     * thread that is no simulated processor. No HAL call: no schedule point, no pause point, no DPC delivered.
     */
    public static String whereIsThisThread() {
        Processor p = ON_THREAD.get();
        return p == null ? "" : "processor " + p.index + ", entered at " + p.irql;
    }

    /** The IRQL of the calling thread's processor, 0 to 15, or -1 on a thread that is no simulated processor. */
    public static int irqlOfThisThread() {
        Processor p = ON_THREAD.get();
        return p == null ? -1 : p.irql.level();
    }

    /**
     * Turns schedule noise on for this machine's processors ({@code null}: off): each processor's thread binds it before
     * the next call or DPC it runs; no other machine, and no other thread, is disturbed.
     */
    public void noise(io.ddikit.sched.Noise.Config config) {
        this.noise = config;
    }

    io.ddikit.sched.Noise.Config noise() {
        return noise;
    }

    private Processor processor(int index) {
        if (index < 0 || index >= processors.length) {
            throw new KernelException("no processor " + index + " (the machine has " + processors.length + ")");
        }
        return processors[index];
    }

    private void submit(Processor p, Runnable task) {
        if (closing) {
            throw new KernelException("the machine is closed");
        }
        p.tasks.add(task);
    }

    long trace(Processor p, String text, boolean foldable) {
        long seq = sequence.incrementAndGet();
        p.trace.add(seq, text, foldable);
        return seq;
    }

    /** Runs a call on its processor's thread and says what became of it. */
    private CallResult invoke(Processor p, ApiCall call, Runnable body, PendingCall pending) {
        Irql entry = p.irql;
        long r0 = p.raises.get();
        long l0 = p.lowers.get();
        int b0 = p.bugChecks.size();
        MemoryOrder.Snapshot m0 = MemoryOrder.snapshot();
        long enter = trace(p, "API " + call.describe() + " enter at " + entry, false);
        pending.started(entry, enter);
        p.apiCalls.computeIfAbsent(call.apiName(), k -> new AtomicLong()).incrementAndGet();
        ApiCall outer = p.currentCall;
        p.currentCall = call;
        CallResult.Outcome outcome = CallResult.Outcome.RETURNED;
        Throwable thrown = null;
        BugCheck bugCheck = null;
        try {
            body.run();
        } catch (BugCheckException e) {
            recordIfNew(p, e);
            outcome = CallResult.Outcome.BUG_CHECKED;
            bugCheck = e.bugCheck();
        } catch (MachineStoppedError | Scheduler.Stopped e) {
            throw e;
        } catch (Throwable t) {
            outcome = CallResult.Outcome.THREW;
            thrown = Thrown.of(t);
        } finally {
            p.currentCall = outer;
        }
        if (outcome != CallResult.Outcome.BUG_CHECKED && p.bugChecks.size() > b0) {
            outcome = CallResult.Outcome.BUG_CHECKED;
            bugCheck = p.bugChecks.get(b0).bugCheck();
        }
        Irql exit = p.irql;
        long interlocked = MemoryOrder.snapshot().since(m0).interlocked();
        String end;
        switch (outcome) {
            case RETURNED:
                end = "return at " + exit;
                break;
            case THREW:
                end = "threw " + thrown + " at " + exit;
                break;
            default:
                end = "ended by " + bugCheck.codeHex() + " at " + exit;
        }
        long ret = trace(p, "API " + call.describe() + " " + end, false);
        if (outcome == CallResult.Outcome.RETURNED) {
            applyEffect(p, call, entry, ret);
        }
        return new CallResult(call, outcome, entry, exit, p.raises.get() - r0, p.lowers.get() - l0, thrown,
                bugCheck, "", enter, ret, interlocked);
    }

    private static void applyEffect(Processor p, ApiCall call, Irql entry, long sequence) {
        if (call.lockLabel().isEmpty()) {
            return;
        }
        if (call.effect() == LockEffect.ACQUIRE) {
            p.holdings.add(new Holding(p.index, p.runningThread, call.lockLabel(), call.acquisition(), call.access(),
                    call.apiName(), entry, sequence));
            p.held.add(call.lockLabel());
        } else if (call.effect() == LockEffect.RELEASE) {
            for (int i = p.holdings.size() - 1; i >= 0; i--) {
                Holding h = p.holdings.get(i);
                if (h.lockLabel().equals(call.lockLabel())
                        && (call.acquisition().isEmpty() || h.acquisition().equals(call.acquisition()))) {
                    p.holdings.remove(i);
                    break;
                }
            }
            p.held.remove(call.lockLabel());
        }
    }

    /** The watchdog: builds the timed-out result of a call and poisons the machine. */
    CallResult timedOut(PendingCall pending) {
        poisoned = true;
        ApiCall call = pending.call();
        Processor p = processors[call.processor()];
        trace(p, "watchdog: " + call.describe() + " did not return within " + pending.boundMillis() + " ms", false);
        String report = call.describe() + " on " + call.where() + " did not return within "
                + pending.boundMillis() + " ms" + (pending.hasStarted() ? "" : !call.thread().isEmpty()
                        && !call.thread().equals(p.runningThread) ? " (it never started: " + threadName(call.thread())
                        + " was never dispatched, since " + threadName(p.runningThread) + " kept the processor at "
                        + p.irql + ")" : " (it never started: the processor was busy)")
                + "\n" + report(p);
        return new CallResult(call, CallResult.Outcome.TIMED_OUT, pending.entryIrql(), p.irql, 0, 0, null, null,
                report, pending.enterSequence(), -1);
    }

    private String report(Processor stuck) {
        StringBuilder sb = new StringBuilder();
        sb.append("processor ").append(stuck.index).append(" is at ").append(stuck.irql)
                .append(", ").append(stuck.spins.get()).append(" spin-wait turns so far");
        sb.append("\nlocks held, according to the calls that returned:");
        for (Processor p : processors) {
            if (p.held.isEmpty() && p.currentCall == null && p != stuck) {
                continue;
            }
            sb.append("\n  processor ").append(p.index).append(" at ").append(p.irql).append(": ")
                    .append(p.held.isEmpty() ? "none" : p.held.stream().map(l -> "lock " + l)
                            .collect(Collectors.joining(", ")));
            ApiCall c = p.currentCall;
            if (c != null) {
                sb.append(" (in ").append(c.describe()).append(')');
            }
            if (!p.runningThread.isEmpty() || !p.ready.isEmpty()) {
                sb.append("; ").append(threadName(p.runningThread)).append(" runs");
                List<String> waiting = readyThreads(p.index);
                if (!waiting.isEmpty()) {
                    sb.append(", ").append(String.join(", ", waiting.stream().map(SimulatedMachine::threadName).toList()))
                            .append(" wait").append(waiting.size() == 1 ? "s" : "").append(" to be dispatched");
                }
            }
        }
        sb.append('\n').append(excerpt(stuck.index, 20));
        sb.append('\n').append(threadDump());
        return sb.toString();
    }

    /** Runs the processor's queued DPCs if it is below DISPATCH_LEVEL and not already in a DPC. */
    void deliverDpcs(Processor p) {
        if (p.runningDpc != null) {
            return;
        }
        Processor.QueuedDpc d;
        while (p.irql.isBelow(Irql.DISPATCH_LEVEL) && (d = p.dpcs.poll()) != null) {
            runDpc(p, d);
        }
    }

    private void runDpc(Processor p, Processor.QueuedDpc d) {
        Irql before = p.irql;
        p.interruptedCall = p.currentCall;
        p.interruptedIrql = before;
        p.irql = Irql.DISPATCH_LEVEL;
        p.runningDpc = d.label();
        long start = trace(p, "DPC run " + d.label() + " at DISPATCH_LEVEL (was " + before + ")", false);
        Throwable failure = null;
        try {
            d.body().run();
        } catch (MachineStoppedError | Scheduler.Stopped e) {
            throw e;
        } catch (BugCheckException e) {
            recordIfNew(p, e);
            failure = e;
        } catch (Throwable t) {
            failure = Thrown.of(t);
        } finally {
            p.runningDpc = null;
            p.interruptedCall = null;
            p.interruptedIrql = null;
            p.irql = before;
        }
        long end = trace(p, "DPC end " + d.label() + (failure == null ? "" : " threw " + failure), false);
        dpcRuns.add(new DpcRun(p.index, d.label(), d.sequence(), start, end, failure));
        if (failure instanceof BugCheckException) {
            throw (BugCheckException) failure;
        }
    }

    /** Records a bug check thrown on a processor that did not come through the HAL. */
    void recordIfNew(Processor p, BugCheckException e) {
        if (!recorded.contains(e)) {
            record(p, e);
        }
    }

    private BugCheckException record(Processor p, BugCheckException e) {
        recorded.add(e);
        long seq;
        BugCheckRecord r;
        if (p == null) {
            seq = sequence.incrementAndGet();
            r = new BugCheckRecord(-1, null, null, e.bugCheck(), seq);
        } else {
            seq = trace(p, "bug check " + e.bugCheck(), false);
            r = new BugCheckRecord(p.index, p.irql, p.currentCall, e.bugCheck(), seq);
            p.bugChecks.add(r);
        }
        bugChecks.add(r);
        return e;
    }

    /** The HAL of this machine; every method acts on the calling processor. */
    private final class MachineHal implements Hal {

        private Processor self(String routine) {
            Processor p = current.get();
            if (p == null || p.machine != SimulatedMachine.this) {
                throw record(null, new BugCheckException(new BugCheck(BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION,
                        NOT_ON_A_PROCESSOR, "", routine + " called on thread '" + Thread.currentThread().getName()
                        + "', which is not a simulated processor")));
            }
            if (closing) {
                throw new MachineStoppedError(routine + " on processor " + p.index + ": the machine is closing");
            }
            if (p.runningDpc == null && p.irql.isBelow(Irql.DISPATCH_LEVEL)) {
                deliverDpcs(p);
            }
            return p;
        }

        private void pause(Processor p, HalOp op, PausePoint.Position position) {
            pause(p, op, position, null);
        }

        /** A pause at a HAL call whose new IRQL is {@code target} (a raise or a lower). */
        private void pause(Processor p, HalOp op, PausePoint.Position position, Irql target) {
            if (p.pausePoints.isEmpty()) {
                return;
            }
            for (PausePoint pp : p.pausePoints) {
                if (pp.matches(op, position, target) && pp.tick()) {
                    p.pausePoints.remove(pp);
                    p.heldAt = pp;
                    trace(p, "pause at " + pp.describe() + " (at " + p.irql + ")", false);
                    pp.hold(config.callBound().multipliedBy(2));
                    p.heldAt = null;
                    trace(p, pp.hasExpired() ? "pause point expired, going on" : "pause point released", false);
                    if (closing) {
                        throw new MachineStoppedError(op.kernelName() + " on processor " + p.index
                                + ": the machine is closing");
                    }
                }
            }
        }

        @Override
        public Irql currentIrql() {
            Processor p = self(HalOp.CURRENT_IRQL.kernelName());
            Scheduler.here(Scheduler.Kind.LOOK, "call KeGetCurrentIrql");
            pause(p, HalOp.CURRENT_IRQL, PausePoint.Position.BEFORE);
            Irql irql = p.irql;
            pause(p, HalOp.CURRENT_IRQL, PausePoint.Position.AFTER);
            return irql;
        }

        @Override
        public Irql raiseIrql(Irql newIrql) {
            Processor p = self(HalOp.RAISE.kernelName());
            Objects.requireNonNull(newIrql, "newIrql");
            Scheduler.here(Scheduler.Kind.PROGRESS, "call KeRaiseIrql to " + newIrql);
            p.raises.incrementAndGet();
            Irql old = p.irql;
            if (newIrql.isBelow(old)) {
                throw record(p, new BugCheckException(new BugCheck(BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION,
                        RAISE_TO_LOWER, "", "KeRaiseIrql on processor " + p.index + " to " + newIrql + " while at "
                        + old + ": raising to a lower IRQL")));
            }
            pause(p, HalOp.RAISE, PausePoint.Position.BEFORE, newIrql);
            p.irql = newIrql;
            trace(p, "HAL raise " + old + " -> " + newIrql, false);
            pause(p, HalOp.RAISE, PausePoint.Position.AFTER, newIrql);
            return old;
        }

        @Override
        public void lowerIrql(Irql newIrql) {
            Processor p = self(HalOp.LOWER.kernelName());
            Objects.requireNonNull(newIrql, "newIrql");
            Scheduler.here(Scheduler.Kind.PROGRESS, "call KeLowerIrql to " + newIrql);
            p.lowers.incrementAndGet();
            Irql old = p.irql;
            if (newIrql.isAbove(old)) {
                throw record(p, new BugCheckException(new BugCheck(BugCheck.DRIVER_VERIFIER_DETECTED_VIOLATION,
                        LOWER_TO_HIGHER, "", "KeLowerIrql on processor " + p.index + " to " + newIrql + " while at "
                        + old + ": lowering to a higher IRQL")));
            }
            pause(p, HalOp.LOWER, PausePoint.Position.BEFORE, newIrql);
            p.irql = newIrql;
            trace(p, "HAL lower " + old + " -> " + newIrql, false);
            pause(p, HalOp.LOWER, PausePoint.Position.AFTER, newIrql);
            deliverDpcs(p);
        }

        @Override
        public int currentProcessorNumber() {
            Processor p = self(HalOp.PROCESSOR_NUMBER.kernelName());
            Scheduler.here(Scheduler.Kind.LOOK, "call KeGetCurrentProcessorNumber");
            pause(p, HalOp.PROCESSOR_NUMBER, PausePoint.Position.BEFORE);
            return p.index;
        }

        @Override
        public void spinWait() {
            Processor p = self(HalOp.SPIN.kernelName());
            p.spins.incrementAndGet();
            trace(p, "HAL spinWait", true);
            pause(p, HalOp.SPIN, PausePoint.Position.BEFORE);
            if (Scheduler.controlled()) {
                // under a controlled schedule a spin-wait turn is a yield to the other processors
                Scheduler.here(Scheduler.Kind.SPIN, "make a spin-wait turn (YieldProcessor)");
                return;
            }
            Thread.onSpinWait();
            if (++p.spinsSinceYield >= p.yieldEvery) {
                p.spinsSinceYield = 0;
                p.yieldEvery = 8 + p.random.nextInt(57);
                Thread.yield();
            }
        }

        @Override
        public void bugCheck(BugCheck bugCheck) {
            Objects.requireNonNull(bugCheck, "bugCheck");
            Processor p = current.get();
            throw record(p != null && p.machine == SimulatedMachine.this ? p : null, new BugCheckException(bugCheck));
        }
    }
}
