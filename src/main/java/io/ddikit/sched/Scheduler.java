package io.ddikit.sched;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A controlled schedule: a fixed set of participants (threads, numbered from 0) that run one at a time and switch
 * only at schedule points, each choice made by the strategy of a {@link ScheduleId}. Given participants that do the
 * same things, the same id makes the same interleaving; {@link #decisionHash()} fingerprints the one made.
 *
 * <p>The points: every memory operation of instrumented implementation code ({@link io.ddikit.sched.points}),
 * and whatever the harness declares with {@link #step}: HAL calls, spin-wait turns, the harness's own steps.
 * A spin-wait turn is a yield: the spinner goes behind every other participant, so that a lock's holder runs.
 * A participant that runs {@value #FAIR_SLICE} points in a row without a switch is preempted as well, so that a
 * busy loop with no spin-wait turn cannot starve the others (on hardware, they would run on other cores).
 *
 * <p>The schedule ends {@link End#FINISHED} when every participant has detached; {@link End#DEADLOCK} when every
 * participant still attached has made {@value #SPINS_OF_A_DEADLOCK} spin-wait turns since anyone last made
 * progress (a HAL call that changes the IRQL, a harness step, a participant's end), that is, when every runnable
 * processor only spins; {@link End#BUDGET} when the step budget runs out. Participants still running when it ends
 * early get {@link Stopped} at their next point.
 *
 * <p>It also keeps vector clocks to find data races on implementation fields: a plain read of a field whose last
 * plain write was by another participant with no synchronisation between them (every atomic or volatile operation
 * counts as synchronisation with every other, which errs on the side of finding fewer races, never more).
 */
public final class Scheduler {
    /** A participant that runs this many points without a switch is preempted. */
    public static final int FAIR_SLICE = 5_000;
    /** Spin-wait turns of every attached participant, with no progress by anyone, that make a deadlock. */
    public static final int SPINS_OF_A_DEADLOCK = 2_000;
    /** How many events the log keeps for a counterexample (the last ones). */
    public static final int LOG = 600;
    private static final int KEEP_RACES = 4;

    /** What a step was. */
    public enum Kind {
        /** An implementation's memory operation (no progress). */
        MEMORY,
        /** A HAL call that changes nothing the others wait for (reading the IRQL, the processor number). */
        LOOK,
        /** A HAL call or harness step that is progress: an IRQL change, a step of the harness. */
        PROGRESS,
        /** A spin-wait turn: a yield. */
        SPIN
    }

    /** Why a schedule ended. */
    public enum End { FINISHED, DEADLOCK, BUDGET, STOPPED }

    /** One step of the log: the participant, what it did, and the harness's description of its state then. */
    public record Event(long step, int participant, String what, String state) {
    }

    /** A data race: a plain read of a field whose last plain write by another participant is not ordered before it. */
    public record Race(String field, int writer, String writeAt, int reader, String readAt) {
        public String describe() {
            return "processor " + reader + " read " + field + " (a plain read) in " + readAt + ", which processor " + writer
                    + " wrote (a plain write) in " + writeAt + ", with no synchronisation between the two";
        }
    }

    /** What the scheduler asks of the harness it drives; called on the participant's thread while it runs. */
    public interface Observer {
        /** A short description of a participant's state now (IRQL, call, locks). */
        String state(int participant);

        /** Where a participant is now, for races ("NdisAcquireSpinLock of lock A"). */
        String where(int participant);

        /** After each step of a participant (its own count of steps so far), before it goes on. */
        default void stepped(int participant, long ownSteps) {
        }
    }

    /** Thrown at a point to a participant of a schedule that ended early. */
    public static final class Stopped extends Error {
        private static final long serialVersionUID = 1L;

        Stopped(String message) {
            super(message, null, false, false);
        }
    }

    private record Binding(Scheduler scheduler, int participant) {
    }

    private record Write(int participant, int epoch, String where) {
    }

    private static final ThreadLocal<Binding> BOUND = new ThreadLocal<>();
    private static volatile int active;

    private final ScheduleId id;
    private final int n;
    private final long budget;
    private final long horizon;
    private final Observer observer;
    private final SplittableRandom random;
    private final long[] priority;
    private final long[] changePoints;
    private final boolean[] attached;
    private final boolean[] done;
    private final int[] spinsSinceProgress;
    private final long[] ownSteps;
    private final int[][] clocks;
    private final int[] syncClock;
    private final Map<Object, Map<String, Write>> writes = new IdentityHashMap<>();
    private final Map<String, Write> staticWrites = new HashMap<>();
    private final List<Race> races = new ArrayList<>();
    private final ArrayDeque<Event> log = new ArrayDeque<>();
    private int attachedCount;
    private int running = -1;
    private int nextChange;
    private long low = -1;
    private long steps;
    private long slice;
    private long hash = 0xcbf29ce484222325L;
    private long firstRaceStep = -1;
    private long quietSteps;
    private final List<Integer> stuck = new ArrayList<>();
    private final List<String> stuckStates = new ArrayList<>();
    private End end;
    private String endReason = "";

    /**
     * @param id           the schedule
     * @param participants how many take part (each must {@link #attach} once, then {@link #detach})
     * @param horizon      about how many steps the participants make in all (PCT draws its change points in it)
     * @param budget       the most steps the schedule may take
     */
    public Scheduler(ScheduleId id, int participants, long horizon, long budget, Observer observer) {
        if (participants < 1) {
            throw new IllegalArgumentException("a schedule needs a participant");
        }
        this.id = id;
        this.n = participants;
        this.horizon = Math.max(1, horizon);
        this.budget = budget;
        this.observer = observer;
        this.random = new SplittableRandom(id.seed() * 0x9E3779B97F4A7C15L + id.depth());
        this.priority = new long[n];
        this.attached = new boolean[n];
        this.done = new boolean[n];
        this.spinsSinceProgress = new int[n];
        this.ownSteps = new long[n];
        this.clocks = new int[n][n];
        this.syncClock = new int[n];
        for (int i = 0; i < n; i++) {
            clocks[i][i] = 1;
        }
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < n; i++) {
            priority[i] = 1_000_000L + order[i];
        }
        int changes = id.strategy().equals("pct") ? id.depth() - 1 : 0;
        changePoints = new long[changes];
        for (int i = 0; i < changes; i++) {
            changePoints[i] = 1 + random.nextLong(this.horizon);
        }
        Arrays.sort(changePoints);
    }

    public ScheduleId id() {
        return id;
    }

    // ------------------------------------------------------------------ participants

    /** Makes the calling thread participant {@code i} and waits for its first turn (when every participant is there). */
    public void attach(int i) {
        synchronized (this) {
            if (attached[i] || done[i]) {
                throw new IllegalStateException("participant " + i + " attached twice");
            }
            attached[i] = true;
            attachedCount++;
            BOUND.set(new Binding(this, i));
            synchronized (Scheduler.class) {
                active++;
            }
            if (attachedCount == n && end == null) {
                running = choose(-1);
                notifyAll();
            }
            awaitTurn(i);
        }
    }

    /**
     * Runs {@code body} on the calling thread as participant {@code i}: attaches, runs it, and detaches however it ends;
     * a schedule that ends early just ends the body ({@link Stopped} goes no further).
     */
    public void participate(int i, Runnable body) {
        try {
            attach(i);
            body.run();
        } catch (Stopped e) {
            // the schedule ended early (a finding, a deadlock, the budget): this participant just stops
        } finally {
            detach(i);
        }
    }

    /** Participant {@code i} (the calling thread) is done; the next one runs. Never throws. */
    public void detach(int i) {
        synchronized (this) {
            if (!attached[i]) {
                return;
            }
            attached[i] = false;
            done[i] = true;
            BOUND.remove();
            synchronized (Scheduler.class) {
                active--;
            }
            if (end != null) {
                return;
            }
            Arrays.fill(spinsSinceProgress, 0);
            steps++;
            record(i, "end its rounds", observer.state(i));
            if (allDone()) {
                finish(End.FINISHED, "");
            } else if (running == i || running < 0) {
                running = choose(i);
                notifyAll();
            }
        }
    }

    /**
     * A schedule point of participant {@code i} (the calling thread): the scheduler may run another participant
     * before this returns.
     *
     * @throws Stopped when the schedule has ended early
     */
    public void step(int i, Kind kind, String what) {
        synchronized (this) {
            if (end != null) {
                throw new Stopped("the schedule " + id + " has ended (" + end.name().toLowerCase() + ")");
            }
            steps++;
            ownSteps[i]++;
            slice++;
            hash = (hash ^ (i * 31L + kind.ordinal())) * 0x100000001b3L;
            if (kind == Kind.PROGRESS) {
                Arrays.fill(spinsSinceProgress, 0);
            }
            record(i, what, observer.state(i));
            if (kind == Kind.SPIN) {
                spinsSinceProgress[i]++;
                if (deadlocked()) {
                    finish(End.DEADLOCK, "every processor still running only spins");
                    throw new Stopped("deadlock");
                }
            }
            if (steps >= budget) {
                finish(End.BUDGET, "the schedule ran past its budget of " + budget + " steps");
                throw new Stopped("budget");
            }
            int next = choose(kind == Kind.SPIN ? i : -2);
            if (next != i) {
                running = next;
                notifyAll();
                awaitTurn(i);
            }
        }
        observer.stepped(i, ownSteps[i]);
    }

    /**
     * Ends the schedule where it is, from the participant running now (the harness found what it looks for, so the
     * log ends at the finding), and throws {@link Stopped} to unwind it; the others get it at their next point.
     */
    public static void halt(String reason) {
        Binding b = bound();
        if (b == null) {
            return;
        }
        synchronized (b.scheduler) {
            if (b.scheduler.end == null) {
                b.scheduler.finish(End.STOPPED, reason);
            }
        }
        throw new Stopped(reason);
    }

    /** Stops the schedule from outside (the harness gave up on it): participants get {@link Stopped}. */
    public void stop(String reason) {
        synchronized (this) {
            if (end == null) {
                finish(End.STOPPED, reason);
            }
        }
    }

    /** Waits until the schedule ends, at most {@code millis}; true when it has. */
    public boolean awaitEnd(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (this) {
            while (end == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000L));
            }
            return true;
        }
    }

    private void awaitTurn(int i) {
        boolean interrupted = false;
        while (running != i && end == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (end != null && end != End.FINISHED) {
            throw new Stopped("the schedule " + id + " has ended (" + end.name().toLowerCase() + ")");
        }
        slice = 0;
    }

    /** The next participant to run; {@code yielder} (a spinner) goes behind everyone; -1 at the start, -2 no yield. */
    private int choose(int yielder) {
        int current = running;
        if (yielder >= 0) {
            priority[yielder] = low--;
        } else if (current >= 0 && attached[current]) {
            while (nextChange < changePoints.length && changePoints[nextChange] <= steps) {
                priority[current] = low--;
                nextChange++;
            }
            if (slice >= FAIR_SLICE) {
                priority[current] = low--;
            }
        }
        if (id.strategy().equals("rw")) {
            int count = 0;
            for (int j = 0; j < n; j++) {
                if (attached[j] && (j != yielder || onlyOne(j))) {
                    count++;
                }
            }
            if (count == 0) {
                return -1;
            }
            int pick = random.nextInt(count);
            for (int j = 0; j < n; j++) {
                if (attached[j] && (j != yielder || onlyOne(j)) && pick-- == 0) {
                    return j;
                }
            }
        }
        int best = -1;
        for (int j = 0; j < n; j++) {
            if (attached[j] && (best < 0 || priority[j] > priority[best])) {
                best = j;
            }
        }
        return best;
    }

    private boolean onlyOne(int j) {
        for (int k = 0; k < n; k++) {
            if (k != j && attached[k]) {
                return false;
            }
        }
        return true;
    }

    private boolean deadlocked() {
        for (int j = 0; j < n; j++) {
            if (attached[j] && spinsSinceProgress[j] < SPINS_OF_A_DEADLOCK) {
                return false;
            }
        }
        return true;
    }

    private boolean allDone() {
        for (int j = 0; j < n; j++) {
            if (!done[j]) {
                return false;
            }
        }
        return true;
    }

    private void finish(End e, String reason) {
        if (quietSteps > 0) {
            long q = quietSteps;
            quietSteps = 0;
            if (log.size() == LOG) {
                log.removeFirst();
            }
            log.addLast(new Event(steps, -1, "(then " + q + " steps in which every processor only made spin-wait turns)", ""));
        }
        stuck.clear();
        for (int j = 0; j < n; j++) {
            if (attached[j]) {
                stuck.add(j);
                stuckStates.add(observer.state(j));
            }
        }
        end = e;
        endReason = reason;
        running = -1;
        notifyAll();
    }

    private void record(int i, String what, String state) {
        if (spinningOnly()) {
            // every processor only spins: what led here is the counterexample, not the thousands of turns after it
            quietSteps++;
            return;
        }
        flushQuiet(i);
        if (log.size() == LOG) {
            log.removeFirst();
        }
        log.addLast(new Event(steps, i, what, state));
    }

    /** Spin-wait turns of each participant, with no progress, after which the log stops recording them. */
    private static final int LOGGED_SPINS = 6;

    private boolean spinningOnly() {
        for (int j = 0; j < n; j++) {
            if (attached[j] && spinsSinceProgress[j] < LOGGED_SPINS) {
                return false;
            }
        }
        return true;
    }

    private void flushQuiet(int i) {
        if (quietSteps > 0) {
            if (log.size() == LOG) {
                log.removeFirst();
            }
            log.addLast(new Event(steps - 1, i, "(" + quietSteps + " steps in which every processor only made spin-wait turns, not shown)", ""));
            quietSteps = 0;
        }
    }

    // ------------------------------------------------------------------ memory, for races

    /** Participant {@code i} made an atomic or volatile operation: it synchronises with every other. */
    synchronized void sync(int i) {
        int[] c = clocks[i];
        for (int k = 0; k < n; k++) {
            c[k] = Math.max(c[k], syncClock[k]);
            syncClock[k] = c[k];
        }
        c[i]++;
    }

    synchronized void plainWrite(int i, Object owner, String field) {
        Write w = new Write(i, clocks[i][i], observer.where(i));
        if (owner == null) {
            staticWrites.put(field, w);
        } else {
            writes.computeIfAbsent(owner, o -> new HashMap<>()).put(field, w);
        }
    }

    synchronized void plainRead(int i, Object owner, String field) {
        Map<String, Write> fields = owner == null ? staticWrites : writes.get(owner);
        Write w = fields == null ? null : fields.get(field);
        if (w == null || w.participant() == i || w.epoch() <= clocks[i][w.participant()]) {
            return;
        }
        if (races.size() < KEEP_RACES && races.stream().noneMatch(r -> r.field().equals(field))) {
            races.add(new Race(field, w.participant(), w.where(), i, observer.where(i)));
            if (firstRaceStep < 0) {
                firstRaceStep = steps + 1;
            }
        }
    }

    // ------------------------------------------------------------------ what happened

    public synchronized End end() {
        return end;
    }

    public synchronized String endReason() {
        return endReason;
    }

    public synchronized long steps() {
        return steps;
    }

    /** A hash of every decision made (who ran each step): equal for two runs of one id that interleaved alike. */
    public synchronized String decisionHash() {
        return String.format("%016x", hash);
    }

    /** The step at which the first race was found (the read), or -1. */
    public synchronized long firstRaceStep() {
        return firstRaceStep;
    }

    /** Whether the schedule was halted because the harness found something. */
    public synchronized boolean halted() {
        return end == End.STOPPED;
    }

    /** The last {@value #LOG} events, oldest first. */
    public synchronized List<Event> log() {
        return List.copyOf(log);
    }

    public synchronized List<Race> races() {
        return Collections.unmodifiableList(new ArrayList<>(races));
    }

    /** The participants still running when the schedule ended (those a deadlock left spinning), in order. */
    public synchronized List<Integer> stillRunning() {
        return List.copyOf(stuck);
    }

    /** Their states then, as the observer described them, in the same order. */
    public synchronized List<String> stillRunningStates() {
        return List.copyOf(stuckStates);
    }

    // ------------------------------------------------------------------ the points' side

    /** The schedule the calling thread takes part in, or null; costs a volatile read when none runs. */
    private static Binding bound() {
        return active == 0 ? null : BOUND.get();
    }

    /** An atomic or volatile operation of instrumented code. */
    public static void atomic(String what) {
        Binding b = bound();
        if (b != null) {
            b.scheduler.sync(b.participant);
            b.scheduler.step(b.participant, Kind.MEMORY, what);
        }
    }

    /** A plain read of instrumented code. */
    public static void read(Object owner, String field) {
        Binding b = bound();
        if (b != null) {
            b.scheduler.plainRead(b.participant, owner, field);
            b.scheduler.step(b.participant, Kind.MEMORY, "read " + field);
        }
    }

    /** A plain write of instrumented code. */
    public static void write(Object owner, String field) {
        Binding b = bound();
        if (b != null) {
            b.scheduler.plainWrite(b.participant, owner, field);
            b.scheduler.step(b.participant, Kind.MEMORY, "write " + field);
        }
    }

    /** A point of the harness on the calling thread, if it takes part in a schedule. */
    public static void here(Kind kind, String what) {
        Binding b = bound();
        if (b != null) {
            b.scheduler.step(b.participant, kind, what);
        }
    }

    /** Whether the calling thread takes part in a schedule now. */
    public static boolean controlled() {
        return bound() != null;
    }
}
