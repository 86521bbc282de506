package io.ddikit.steps.ndisrw;

import io.ddikit.kernel.ApiCall;
import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.LockEffect;
import io.ddikit.kernel.PendingCall;
import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.sched.MemoryOrder;
import io.ddikit.sched.Scheduler;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndisrw.NdisRwLock;
import io.ddikit.spi.ndisrw.NdisRwLockFamily;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Readers and writers on several processors taking one read-write lock over and over, each round with a fresh
 * LOCK_STATE of the kit's and an entry IRQL that differs from round to round and from processor to processor. Inside
 * every critical section it checks, with the kit's own atomics (never with the lock under test), that a writer is alone
 * and a reader is with readers only (occupancy counters of each kind), that a reader sees the data the last writer left
 * whole (a pair of plain fields a writer always writes together) and that a writer finds it as the last one left it, and
 * that the processor is at DISPATCH_LEVEL; after every release, that the IRQL is the one the acquire was entered at
 * (DISPATCH_LEVEL for the Dpr variants) and that a writer's release made a memory operation with release semantics.
 * It also keeps, as information, how many readers were ever inside at once.
 */
final class RwContention {
    private static final int KEEP = 5;

    /** How one processor takes the lock: round {@code i} asks for {@code accesses[i % n]} and enters at {@code entries[(i + p) % n]}. */
    record Plan(int processor, Api acquire, List<Access> accesses, List<Irql> entries) {
        Access access(int round) {
            return accesses.get(round % accesses.size());
        }

        Irql entry(int round) {
            return entries.get((round + processor) % entries.size());
        }
    }

    /** What the checks found; shared by the schedules of one controlled tier. */
    static final class Findings {
        final Queue<String> exclusion = new ConcurrentLinkedQueue<>();
        final AtomicLong exclusionCount = new AtomicLong();
        final Queue<String> data = new ConcurrentLinkedQueue<>();
        final AtomicLong dataCount = new AtomicLong();
        final Queue<String> wrongIrqlInside = new ConcurrentLinkedQueue<>();
        final AtomicLong wrongIrqlInsideCount = new AtomicLong();
        final Queue<String> wrongIrqlAfter = new ConcurrentLinkedQueue<>();
        final AtomicLong wrongIrqlAfterCount = new AtomicLong();
        /** The most readers inside at once, and in how many read sections another reader was inside too. */
        final AtomicInteger mostReaders = new AtomicInteger();
        final AtomicLong sharedReads = new AtomicLong();
        final AtomicLong reads = new AtomicLong();
        final AtomicLong readInterlocked = new AtomicLong();
        final AtomicLong readAcquires = new AtomicLong();

        long total() {
            return exclusionCount.get() + dataCount.get() + wrongIrqlInsideCount.get() + wrongIrqlAfterCount.get();
        }

        private List<Queue<String>> queues() {
            return List.of(exclusion, data, wrongIrqlInside, wrongIrqlAfter);
        }

        /** Appends {@code note} to the first finding of each kind kept after the first {@code keptBefore} of that kind. */
        void annotate(long[] keptBefore, String note) {
            List<Queue<String>> queues = queues();
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
            return queues().stream().mapToLong(Queue::size).toArray();
        }
    }

    private final SimulatedMachine machine;
    private final NdisRwLockFamily family;
    private final NdisRwLock lock;
    private final String label;
    private final long seed;
    private final boolean controlled;
    final Findings findings;

    // The data the lock protects: plain fields, written only by writers inside the critical section.
    private long first;
    private long second;

    private final AtomicInteger readersInside = new AtomicInteger();
    private final AtomicInteger writersInside = new AtomicInteger();
    /** Per processor: 0 outside, 1 reading, 2 writing. */
    private final AtomicIntegerArray inside = new AtomicIntegerArray(64);
    private final AtomicLong lastWritten = new AtomicLong();
    private final AtomicLong sections = new AtomicLong();
    private final AtomicReference<String> lastRelease = new AtomicReference<>();
    private final AtomicReference<CallResult> failedCall = new AtomicReference<>();
    private final java.util.Set<Integer> spunLastBound = new java.util.TreeSet<>();

    RwContention(SimulatedMachine machine, NdisRwLockFamily family, NdisRwLock lock, String label, long seed,
                 Findings findings, boolean controlled) {
        this.machine = machine;
        this.family = family;
        this.lock = lock;
        this.label = label;
        this.seed = seed;
        this.findings = findings;
        this.controlled = controlled;
    }

    /** Spin-wait turns in one call bound, with no critical section finished, that make a hang. */
    static final long SPINS_OF_A_HANG = 10_000;
    /** Extra call bounds granted when the waiters hardly ran at all (a starved host, not a hung lock). */
    static final int STARVED_BOUNDS = 4;

    long sections() {
        return sections.get();
    }

    String lastRelease() {
        return lastRelease.get();
    }

    CallResult failedCall() {
        return failedCall.get();
    }

    /** Whether processor {@code p} is inside its critical section now (between its acquire's return and its release). */
    boolean holding(int p) {
        return inside.get(p) != 0;
    }

    /** The processors inside the critical section now, with their access ({@code processor 0 (read)}), or empty. */
    String insideNow() {
        List<String> out = new ArrayList<>();
        for (int q = 0; q < machine.processorCount(); q++) {
            int k = inside.get(q);
            if (k != 0) {
                out.add("processor " + q + " (" + (k == 2 ? "write" : "read") + ")");
            }
        }
        return String.join(" and ", out);
    }

    /** The stress tier: every plan on its processor at once; returns the calls (those still running made no progress). */
    List<PendingCall> run(List<Plan> plans, int rounds) {
        List<PendingCall> calls = new ArrayList<>();
        for (Plan plan : plans) {
            calls.add(machine.callAsync(plan.processor(), rounds + " x " + plan.acquire() + "/" + plan.acquire().release(),
                    label, LockEffect.NONE, () -> loop(plan, rounds)));
        }
        java.time.Duration bound = machine.config().callBound();
        long seen = sections.get();
        long spinsSeen = machine.spinTurns();
        long[] perProcessor = spins(plans);
        int starved = 0;
        waiting:
        for (PendingCall call : calls) {
            while (call.poll(bound).isEmpty()) {
                long now = sections.get();
                long spinsNow = machine.spinTurns();
                long[] nowPerProcessor = spins(plans);
                if (now != seen) {
                    seen = now;
                    spinsSeen = spinsNow;
                    perProcessor = nowPerProcessor;
                    starved = 0;
                    continue;
                }
                if (spinsNow - spinsSeen >= SPINS_OF_A_HANG || ++starved > STARVED_BOUNDS) {
                    for (int i = 0; i < plans.size(); i++) {
                        if (nowPerProcessor[i] > perProcessor[i]) {
                            spunLastBound.add(plans.get(i).processor());
                        }
                    }
                    break waiting;
                }
                spinsSeen = spinsNow;
                perProcessor = nowPerProcessor;
            }
        }
        return calls;
    }

    private long[] spins(List<Plan> plans) {
        long[] s = new long[plans.size()];
        for (int i = 0; i < plans.size(); i++) {
            s[i] = machine.spinTurns(plans.get(i).processor());
        }
        return s;
    }

    /**
     * After the stress tier gave up: when nobody was inside and every processor still running spun for the last call
     * bound, the lock was left taken with nobody holding it, the lock's failure (naming the last release that returned);
     * otherwise null (a hang).
     */
    String leftTakenWithNoOwner(List<Plan> plans, List<PendingCall> calls, long boundMillis) {
        if (readersInside.get() != 0 || writersInside.get() != 0) {
            return null;
        }
        List<Integer> waiting = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            PendingCall c = calls.get(i);
            if (!c.isDone()) {
                waiting.add(plans.get(i).processor());
            } else if (!c.result().returned()) {
                return null;
            }
        }
        if (waiting.isEmpty() || !spunLastBound.containsAll(waiting)) {
            return null;
        }
        String release = lastRelease.get();
        return "lock " + label + " was taken although no processor held it: nobody was inside its critical section, yet"
                + " processor" + (waiting.size() == 1 ? " " : "s ") + waiting + " spun on it for " + boundMillis
                + " ms without getting it (after " + sections.get() + " critical sections in all); " + (release == null
                ? "no release had returned yet, so it was never free after NdisInitializeReadWriteLock"
                : "the last release, " + release + ", returned but left lock " + label + " taken");
    }

    /** One processor's rounds, as the body of a controlled run or of the stress tier's call. */
    void loop(Plan plan, int rounds) {
        Hal hal = machine.hal();
        int p = plan.processor();
        SplittableRandom random = new SplittableRandom(seed * 31 + p);
        for (int i = 0; i < rounds; i++) {
            Access access = plan.access(i);
            Irql entry = plan.acquire().changesIrql() ? plan.entry(i) : Irql.DISPATCH_LEVEL;
            machine.setIrql(p, entry);
            KitLockState state = new KitLockState("P" + p + "." + (i + 1), machine);
            MemoryOrder.Snapshot beforeAcquire = MemoryOrder.snapshot();
            if (!invoke(p, plan.acquire(), access, state)) {
                return;
            }
            if (!access.write()) {
                findings.readAcquires.incrementAndGet();
                findings.readInterlocked.addAndGet(MemoryOrder.snapshot().since(beforeAcquire).interlocked());
            }
            critical(hal, p, i, entry, access, controlled || random.nextInt(4) == 0);
            MemoryOrder.Snapshot before = MemoryOrder.snapshot();
            Api release = plan.acquire().release();
            if (!invoke(p, release, access, state)) {
                return;
            }
            MemoryOrder.Snapshot made = MemoryOrder.snapshot().since(before);
            String which = release + " on processor " + p + " (" + access.word() + ", round " + (i + 1) + ", entered at "
                    + entry + ")";
            lastRelease.set(which);
            if (access.write() && made.onlyPlain()) {
                keep(findings.data, findings.dataCount, which + " gave write access up with " + made.operations()
                        + " plain memory operation(s) and none with release semantics: the next reader is not guaranteed to"
                        + " see what the writer wrote");
            }
            Irql after = machine.irql(p);
            if (!after.equals(entry)) {
                keep(findings.wrongIrqlAfter, findings.wrongIrqlAfterCount, which + " left IRQL at " + after
                        + "; the caller entered " + plan.acquire().with(access) + " at " + entry + " (" + state.describe() + ")");
            }
        }
        machine.setIrql(p, Irql.PASSIVE_LEVEL);
    }

    /** Calls {@code api}; under a controlled schedule through the machine (named in the log), false when it did not return. */
    private boolean invoke(int p, Api api, Access access, KitLockState state) {
        if (!controlled) {
            api.invoke(family, lock, access.write(), state);
            return true;
        }
        CallResult r = machine.call(new ApiCall(p, api.name(), label, api.effect(), "", state.label(),
                api.acquires() ? access.word() : ""), null, () -> api.invoke(family, lock, access.write(), state));
        if (r.returned()) {
            return true;
        }
        failedCall.compareAndSet(null, r);
        return false;
    }

    private void point(String what) {
        if (controlled) {
            Scheduler.here(Scheduler.Kind.PROGRESS, what);
        } else {
            for (int k = 0; k < 8; k++) {
                Thread.onSpinWait();
            }
        }
    }

    private void critical(Hal hal, int p, int round, Irql entry, Access access, boolean yieldInside) {
        String me = "processor " + p + " (" + access.word() + ", round " + (round + 1) + ", entered at " + entry + ")";
        if (access.write()) {
            int writers = writersInside.incrementAndGet();
            int readers = readersInside.get();
            inside.set(p, 2);
            if (writers != 1 || readers != 0) {
                keep(findings.exclusion, findings.exclusionCount, me + " got write access to lock " + label + " while "
                        + othersInside(p) + " inside");
            }
        } else {
            int readers = readersInside.incrementAndGet();
            inside.set(p, 1);
            findings.reads.incrementAndGet();
            findings.mostReaders.accumulateAndGet(readers, Math::max);
            if (readers > 1) {
                findings.sharedReads.incrementAndGet();
            }
            if (writersInside.get() != 0) {
                keep(findings.exclusion, findings.exclusionCount, me + " got read access to lock " + label + " while "
                        + othersInside(p) + " inside");
            }
        }
        if (yieldInside) {
            if (controlled) {
                Scheduler.here(Scheduler.Kind.PROGRESS, "go on inside the critical section of lock " + label);
            } else {
                Thread.yield();
            }
        }
        Irql now = hal.currentIrql();
        if (!now.equals(Irql.DISPATCH_LEVEL)) {
            keep(findings.wrongIrqlInside, findings.wrongIrqlInsideCount, me + " held lock " + label + " at " + now
                    + "; the lock must be held at DISPATCH_LEVEL");
        }
        long expected = lastWritten.get();
        if (access.write()) {
            long a = first;
            long b = second;
            if (a != expected || b != expected) {
                keep(findings.data, findings.dataCount, me + " found the protected data at (" + a + ", " + b
                        + ") but the last writer left (" + expected + ", " + expected + ")");
            }
            long value = expected + 1;
            first = value;
            point("write the second half of the data lock " + label + " protects");
            second = value;
            lastWritten.set(value);
        } else {
            long a = first;
            point("read the second half of the data lock " + label + " protects");
            long b = second;
            if (a != b || a != expected) {
                keep(findings.data, findings.dataCount, me + " read the protected data as (" + a + ", " + b
                        + ") but the last writer left (" + expected + ", " + expected + ")");
            }
        }
        if (yieldInside) {
            boolean alone = access.write() ? writersInside.get() == 1 && readersInside.get() == 0 : writersInside.get() == 0;
            if (!alone) {
                keep(findings.exclusion, findings.exclusionCount, me + " shared the critical section of lock " + label
                        + " with " + othersInside(p));
            }
        }
        if (controlled) {
            Scheduler.here(Scheduler.Kind.PROGRESS, "leave the critical section of lock " + label);
        }
        sections.incrementAndGet();
        inside.set(p, 0);
        if (access.write()) {
            writersInside.decrementAndGet();
        } else {
            readersInside.decrementAndGet();
        }
    }

    private String othersInside(int p) {
        List<String> out = new ArrayList<>();
        for (int q = 0; q < machine.processorCount(); q++) {
            int k = inside.get(q);
            if (q != p && k != 0) {
                out.add("processor " + q + " (" + (k == 2 ? "write" : "read") + ")");
            }
        }
        if (out.isEmpty()) {
            return "another processor was";
        }
        return String.join(" and ", out) + (out.size() == 1 ? " was" : " were");
    }

    /** A data race the controlled schedule found on the implementation's fields. */
    void reportRace(String race) {
        keep(findings.data, findings.dataCount, race);
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
