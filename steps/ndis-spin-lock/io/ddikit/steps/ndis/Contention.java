package io.ddikit.steps.ndis;

import io.ddikit.kernel.LockEffect;
import io.ddikit.kernel.PendingCall;
import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.sched.MemoryOrder;
import io.ddikit.sched.Scheduler;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockFamily;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several processors taking one lock over and over, each entering at IRQLs that differ from round to
 * round and from each other. Inside every critical section it checks, with the kit's own atomics (never
 * with the lock under test), that the processor is alone (an occupancy counter), that it sees the data of
 * the previous owner (a pair of plain fields always written together, and the harness's own record of the
 * last value written), and that it runs at DISPATCH_LEVEL; after every release, that the processor is back
 * at the IRQL it entered at, and that the release made at least one memory operation with release
 * semantics (as {@link MemoryOrder} saw it in the implementation's instrumented code): on hardware with a
 * weaker memory order than this host's, a release made of plain writes lets the next owner read stale data. Findings are kept, the first few of each kind with their details.
 */
final class Contention {
    private static final int KEEP = 5;

    /** How one processor takes the lock. */
    record Plan(int processor, Api acquire, Api release, List<Irql> entries) {
    }

    private final SimulatedMachine machine;
    private final NdisSpinLockFamily family;
    private final NdisSpinLock lock;
    private final String label;
    private final boolean checkData;
    private final long seed;

    // The data the lock protects: plain fields, written only inside the critical section.
    private long first;
    private long second;

    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger owner = new AtomicInteger(-1);
    private final AtomicLong lastWritten = new AtomicLong();
    private final AtomicLong sections = new AtomicLong();
    /** The last release that returned: call, processor, round and entry IRQL, in the page's words. */
    private final java.util.concurrent.atomic.AtomicReference<String> lastRelease = new java.util.concurrent.atomic.AtomicReference<>();
    /** Processors that made spin-wait turns during the last call bound before the watchdog gave up. */
    private final java.util.Set<Integer> spunLastBound = new java.util.TreeSet<>();

    /** What the checks found; shared by the schedules of one controlled tier. */
    static final class Findings {
        final Queue<String> overlaps = new ConcurrentLinkedQueue<>();
        final AtomicLong overlapCount = new AtomicLong();
        final Queue<String> staleData = new ConcurrentLinkedQueue<>();
        final AtomicLong staleCount = new AtomicLong();
        final Queue<String> wrongIrqlInside = new ConcurrentLinkedQueue<>();
        final AtomicLong wrongIrqlInsideCount = new AtomicLong();
        final Queue<String> wrongIrqlAfter = new ConcurrentLinkedQueue<>();
        final AtomicLong wrongIrqlAfterCount = new AtomicLong();

        long total() {
            return overlapCount.get() + staleCount.get() + wrongIrqlInsideCount.get() + wrongIrqlAfterCount.get();
        }

        /** Appends {@code note} to the first finding of each kind kept after the first {@code keptBefore} of that kind. */
        void annotate(long[] keptBefore, String note) {
            List<Queue<String>> queues = List.of(overlaps, staleData, wrongIrqlInside, wrongIrqlAfter);
            for (int k = 0; k < queues.size(); k++) {
                Queue<String> q = queues.get(k);
                List<String> all = new ArrayList<>(q);
                q.clear();
                for (int i = 0; i < all.size(); i++) {
                    q.add(i == keptBefore[k] ? all.get(i) + note : all.get(i));
                }
            }
        }

        long[] kept() {
            return new long[] {overlaps.size(), staleData.size(), wrongIrqlInside.size(), wrongIrqlAfter.size()};
        }
    }

    final Findings findings;
    final Queue<String> overlaps;
    final AtomicLong overlapCount;
    final Queue<String> staleData;
    final AtomicLong staleCount;
    final Queue<String> wrongIrqlInside;
    final AtomicLong wrongIrqlInsideCount;
    final Queue<String> wrongIrqlAfter;
    final AtomicLong wrongIrqlAfterCount;
    /** Per processor: whether it is between an acquire that returned and the release of its round. */
    private final java.util.concurrent.atomic.AtomicIntegerArray holding = new java.util.concurrent.atomic.AtomicIntegerArray(64);
    /** Under a controlled schedule: calls go through the machine (so the schedule's log names them), no host yields. */
    private final boolean controlled;
    /** Under a controlled schedule: the first call that did not return, which ends that processor's loop. */
    private final java.util.concurrent.atomic.AtomicReference<io.ddikit.kernel.CallResult> failedCall = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * @param seed seeds each processor's choice of the rounds in which it gives up its host thread inside the
     *             critical section, which widens the window in which a broken lock lets a second processor in
     */
    Contention(SimulatedMachine machine, NdisSpinLockFamily family, NdisSpinLock lock, String label, boolean checkData, long seed) {
        this(machine, family, lock, label, checkData, seed, new Findings(), false);
    }

    /** One schedule of the controlled tier, its findings kept in {@code findings}. */
    Contention(SimulatedMachine machine, NdisSpinLockFamily family, NdisSpinLock lock, String label, boolean checkData, long seed,
               Findings findings, boolean controlled) {
        this.findings = findings;
        this.overlaps = findings.overlaps;
        this.overlapCount = findings.overlapCount;
        this.staleData = findings.staleData;
        this.staleCount = findings.staleCount;
        this.wrongIrqlInside = findings.wrongIrqlInside;
        this.wrongIrqlInsideCount = findings.wrongIrqlInsideCount;
        this.wrongIrqlAfter = findings.wrongIrqlAfter;
        this.wrongIrqlAfterCount = findings.wrongIrqlAfterCount;
        this.controlled = controlled;
        this.seed = seed;
        this.machine = machine;
        this.family = family;
        this.lock = lock;
        this.label = label;
        this.checkData = checkData;
    }

    /** Spin-wait turns in one call bound, with no critical section finished, that make a hang (waiters ran and got nowhere). */
    static final long SPINS_OF_A_HANG = 10_000;
    /** Extra call bounds granted when the waiters hardly ran at all (a starved host, not a hung lock). */
    static final int STARVED_BOUNDS = 4;

    long sections() {
        return sections.get();
    }

    /**
     * Starts every plan on its processor and waits for all, as long as critical sections keep finishing; returns
     * the calls, of which any still running made no progress for a whole call bound.
     */
    List<PendingCall> run(List<Plan> plans, int rounds) {
        List<PendingCall> calls = new ArrayList<>();
        for (Plan plan : plans) {
            calls.add(machine.callAsync(plan.processor(), rounds + " x " + plan.acquire() + "/" + plan.release(), label,
                    LockEffect.NONE, () -> loop(plan, rounds)));
        }
        // The watchdog here bounds a lack of progress, not the whole run: a slow host (or schedule noise) may take
        // longer than one call bound for all rounds, but a lock that works finishes critical sections all along.
        // A bound with no section finished is a hang only if the waiters ran meanwhile (made spin-wait turns): on a
        // host so loaded that the processors' threads hardly ran, it waits a few bounds more before calling it one.
        java.time.Duration bound = machine.config().callBound();
        long seen = sections.get();
        long spinsSeen = machine.spinTurns();
        long[] perProcessor = spinsPerProcessor(plans);
        int starved = 0;
        waiting:
        for (PendingCall call : calls) {
            while (call.poll(bound).isEmpty()) {
                long now = sections.get();
                long spins = machine.spinTurns();
                long[] nowPerProcessor = spinsPerProcessor(plans);
                if (now != seen) {
                    seen = now;
                    spinsSeen = spins;
                    perProcessor = nowPerProcessor;
                    starved = 0;
                    continue;
                }
                if (spins - spinsSeen >= SPINS_OF_A_HANG || ++starved > STARVED_BOUNDS) {
                    for (int i = 0; i < plans.size(); i++) {
                        if (nowPerProcessor[i] > perProcessor[i]) {
                            spunLastBound.add(plans.get(i).processor());
                        }
                    }
                    break waiting;
                }
                spinsSeen = spins;
                perProcessor = nowPerProcessor;
            }
        }
        return calls;
    }

    private long[] spinsPerProcessor(List<Plan> plans) {
        long[] spins = new long[plans.size()];
        for (int i = 0; i < plans.size(); i++) {
            spins[i] = machine.spinTurns(plans.get(i).processor());
        }
        return spins;
    }

    /**
     * When the watchdog gave up: if no processor was inside its critical section and every processor whose call had not
     * returned spent the last call bound spinning on the lock, the lock was left taken with no owner, which is a
     * failure of the lock (not a hang of its code): the message names the last release that returned, the culprit.
     * Otherwise (a call that neither returns nor spins) null: that is a hang.
     */
    String leftTakenWithNoOwner(List<Plan> plans, List<PendingCall> calls, long boundMillis) {
        if (inside.get() != 0) {
            return null;
        }
        List<Integer> waiting = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            PendingCall c = calls.get(i);
            if (!c.isDone()) {
                waiting.add(plans.get(i).processor());
            } else if (c.result().outcome() != io.ddikit.kernel.CallResult.Outcome.RETURNED) {
                // a call that threw or bug-checked is the finding; the lock it left taken is its consequence
                return null;
            }
        }
        if (waiting.isEmpty() || !spunLastBound.containsAll(waiting)) {
            return null;
        }
        String release = lastRelease.get();
        return "lock " + label + " was taken although no processor held it: no processor was inside its critical section,"
                + " yet processor" + (waiting.size() == 1 ? " " : "s ") + join(waiting) + " spun on it for " + boundMillis
                + " ms without taking it (after " + sections.get() + " critical sections in all); "
                + (release == null ? "no release had returned yet, so it was never free after NdisAllocateSpinLock"
                        : "the last release, " + release + ", returned but left lock " + label + " taken");
    }

    private static String join(List<Integer> processors) {
        List<String> s = processors.stream().map(String::valueOf).toList();
        return s.size() == 1 ? s.get(0) : String.join(", ", s.subList(0, s.size() - 1)) + " and " + s.get(s.size() - 1);
    }

    private void loop(Plan plan, int rounds) {
        Hal hal = machine.hal();
        int p = plan.processor();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed * 31 + p);
        for (int i = 0; i < rounds; i++) {
            Irql entry = plan.entries().get((i + p) % plan.entries().size());
            machine.setIrql(p, entry);
            if (!invoke(p, plan.acquire())) {
                return;
            }
            holding.set(p, 1);
            critical(hal, p, i, entry, controlled || random.nextInt(4) == 0);
            holding.set(p, 0);
            MemoryOrder.Snapshot before = MemoryOrder.snapshot();
            if (!invoke(p, plan.release())) {
                return;
            }
            MemoryOrder.Snapshot release = MemoryOrder.snapshot().since(before);
            lastRelease.set(plan.release() + " on processor " + p + " (round " + (i + 1) + ", entered at " + entry + ")");
            if (checkData && release.onlyPlain()) {
                keep(staleData, staleCount, plan.release() + " on processor " + p + " (round " + (i + 1) + ") freed lock "
                        + label + " with " + release.operations() + " plain memory operation(s) and none with release "
                        + "semantics: the next owner is not guaranteed to see the data written under the lock");
            }
            Irql after = machine.irql(p);
            Irql expected = plan.release().changesIrql() ? entry : Irql.DISPATCH_LEVEL;
            if (!after.equals(expected)) {
                keep(wrongIrqlAfter, wrongIrqlAfterCount, plan.release() + " on processor " + p + " (round " + (i + 1)
                        + ") left IRQL at " + after + "; the caller entered " + plan.acquire() + " at " + entry);
            }
        }
        machine.setIrql(p, Irql.PASSIVE_LEVEL);
    }

    /** Calls {@code api} on processor {@code p}; under a controlled schedule through the machine, false when it did not return. */
    private boolean invoke(int p, Api api) {
        if (!controlled) {
            api.invoke(family, lock);
            return true;
        }
        io.ddikit.kernel.CallResult r = machine.call(p, api.name(), label, () -> api.invoke(family, lock));
        if (r.returned()) {
            return true;
        }
        failedCall.compareAndSet(null, r);
        return false;
    }

    /** Under a controlled schedule: the first call that threw or bug-checked, or null. */
    io.ddikit.kernel.CallResult failedCall() {
        return failedCall.get();
    }

    /** Whether processor {@code p} is inside its critical section (its acquire returned, its release not called yet). */
    boolean holding(int p) {
        return holding.get(p) != 0;
    }

    /** The processors that hold the lock according to the calls that returned ("processor 0"), or empty. */
    String heldBy() {
        List<String> out = new ArrayList<>();
        for (int q = 0; q < machine.processorCount(); q++) {
            if (machine.locksHeld(q).contains(label)) {
                out.add("processor " + q);
            }
        }
        return String.join(" and ", out);
    }

    /** The last release that returned, in the page's words, or null. */
    String lastRelease() {
        return lastRelease.get();
    }

    /** One processor's rounds, as the body of a controlled run. */
    void controlledLoop(Plan plan, int rounds) {
        loop(plan, rounds);
    }

    private void yieldInside(String what) {
        if (controlled) {
            Scheduler.here(Scheduler.Kind.PROGRESS, what);
        } else {
            Thread.yield();
        }
    }

    private void critical(Hal hal, int p, int round, Irql entry, boolean yieldInside) {
        int others = inside.incrementAndGet();
        int previousOwner = owner.getAndSet(p);
        if (yieldInside) {
            yieldInside("go on inside the critical section of lock " + label);
        }
        if (others != 1) {
            keep(overlaps, overlapCount, "processor " + p + " entered the critical section of lock " + label + " (round "
                    + (round + 1) + ", entered at " + entry + ") while "
                    + (previousOwner < 0 ? "another processor" : "processor " + previousOwner) + " was inside");
        }
        Irql now = hal.currentIrql();
        if (!now.equals(Irql.DISPATCH_LEVEL)) {
            keep(wrongIrqlInside, wrongIrqlInsideCount, "processor " + p + " held lock " + label + " at " + now
                    + " (round " + (round + 1) + ", entered at " + entry + "); the lock must be held at DISPATCH_LEVEL");
        }
        if (checkData) {
            long a = first;
            long b = second;
            long expected = lastWritten.get();
            if (a != b || a != expected) {
                keep(staleData, staleCount, "processor " + p + " (round " + (round + 1) + ") found the protected data at ("
                        + a + ", " + b + ") but the previous owner wrote (" + expected + ", " + expected + ")");
            }
            long value = expected + 1;
            first = value;
            if (controlled) {
                Scheduler.here(Scheduler.Kind.PROGRESS, "write the second half of the data lock " + label + " protects");
            } else {
                for (int k = 0; k < 8; k++) {
                    Thread.onSpinWait();
                }
            }
            second = value;
            lastWritten.set(value);
        }
        if (yieldInside && inside.get() != 1) {
            int other = owner.get();
            keep(overlaps, overlapCount, "processor " + p + " (round " + (round + 1) + ", entered at " + entry
                    + ") shared the critical section of lock " + label + " with "
                    + (other < 0 || other == p ? "another processor" : "processor " + other));
        }
        if (controlled) {
            Scheduler.here(Scheduler.Kind.PROGRESS, "leave the critical section of lock " + label);
        }
        sections.incrementAndGet();
        owner.compareAndSet(p, -1);
        inside.decrementAndGet();
    }

    /** A data race the controlled schedule found on the implementation's fields: the protected data is not safe. */
    void reportRace(String race) {
        keep(staleData, staleCount, race);
    }

    private void keep(Queue<String> q, AtomicLong count, String finding) {
        if (count.incrementAndGet() <= KEEP) {
            q.add(finding);
        }
        if (controlled) {
            // end the schedule at its finding, so that its log ends there
            Scheduler.halt(finding);
        }
    }

    static String summary(Queue<String> findings, AtomicLong count) {
        return count.get() + " time(s); first: " + String.join("; ", findings);
    }
}
