package io.ddikit.steps.ndisrw;

import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.PendingCall;
import io.ddikit.kernel.ScheduleLog;
import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.sched.ScheduleId;
import io.ddikit.sched.Scheduler;
import io.ddikit.spi.ndisrw.NdisRwLock;
import io.ddikit.spi.ndisrw.NdisRwLockFamily;
import io.ddikit.suite.ImplementationFault;
import io.ddikit.suite.SuiteContext;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The controlled-schedule tier of a contention scenario of readers and writers: the same rounds, fewer of them, run again
 * and again on a fresh machine under the kit's scheduler ({@link Scheduler}), one schedule after another, each with its
 * own id, until one shows a fault or the exploration's budget is spent. A schedule that fails is the counterexample: its
 * id, the command that replays it, and the last steps of its interleaving (with each holder's access) go with the
 * failure.
 */
final class RwControlledTier {
    /** Rows of the interleaving shown with a failure. */
    static final int TABLE_ROWS = 40;
    /** The most schedule points of one schedule before it counts as a hang. */
    static final long BUDGET = 200_000;

    /** A fresh machine with the implementation's family and the lock, initialised. */
    record Setup(SimulatedMachine machine, NdisRwLockFamily family, NdisRwLock lock) {
    }

    /** DPCs that a schedule queues on the way, to a processor and a step of their choosing. */
    interface Dpcs {
        /** The DPC to plan for a schedule on {@code processors} processors making about {@code horizon} steps. */
        SimulatedMachine.PlannedDpc plan(Setup setup, RwContention rounds, SplittableRandom random, int processors, long horizon);

        /** What the DPC found wrong in this schedule (null: nothing). */
        String finding();
    }

    private final SuiteContext context;
    private final List<String> clauses;
    private final String clauseNote;
    private long schedules;

    RwControlledTier(SuiteContext context, List<String> clauses, String clauseNote) {
        this.context = context;
        this.clauses = clauses;
        this.clauseNote = clauseNote;
    }

    long schedules() {
        return schedules;
    }

    /**
     * Explores schedules of {@code plans} (processors 0 to n - 1) doing {@code rounds} rounds each; returns the findings,
     * those of the first schedule that had any annotated with its counterexample.
     *
     * @throws AssertionError      for a deadlock, a bug check, or what {@code dpcs} found
     * @throws ImplementationFault for a hang or a call that threw
     */
    RwContention.Findings explore(String label, List<RwContention.Plan> plans, int rounds, Supplier<Setup> fresh, Dpcs dpcs) {
        for (int i = 0; i < plans.size(); i++) {
            if (plans.get(i).processor() != i) {
                throw new IllegalStateException("a controlled tier runs processors 0 to n - 1 in order, not " + plans);
            }
        }
        SuiteContext.Schedules options = context.schedules();
        RwContention.Findings findings = new RwContention.Findings();
        int count = options.replay() != null ? 1 : options.explore();
        long base = context.seed() * 1_000_003L + label.hashCode() * 31L + plans.size() * 7L + rounds
                + plans.stream().mapToLong(p -> accessesKey(p.accesses()) * 131L + p.acquire().ordinal()).sum();
        // fixed by the scenario alone, so that a schedule replays the same whichever schedules ran before it
        long horizon = 60L * rounds * plans.size();
        for (int i = 0; i < count; i++) {
            ScheduleId id = options.replay() != null ? ScheduleId.parse(options.replay()) : ScheduleId.nth(base, i);
            Setup setup = fresh.get();
            SimulatedMachine m = setup.machine();
            try {
                RwContention c = new RwContention(m, setup.family(), setup.lock(), label, id.seed(), findings, true);
                SimulatedMachine.PlannedDpc dpc = dpcs == null ? null
                        : dpcs.plan(setup, c, new SplittableRandom(id.seed() ^ 0x5DEECE66DL), plans.size(), horizon);
                long[] kept = findings.kept();
                long before = findings.total();
                SimulatedMachine.ControlledRun run = m.runControlled(id, horizon, BUDGET, plans.size(), "critical sections",
                        label, p -> c.loop(plans.get(p), rounds), dpc);
                schedules++;
                Scheduler s = run.scheduler();
                if (dpcs != null && dpcs.finding() != null) {
                    throw new AssertionError(dpcs.finding() + found(id) + clauseNote + counterexample(s));
                }
                judge(run, c, label, id, setup);
                for (Scheduler.Race race : s.races()) {
                    c.reportRace(race.describe() + ": a processor that waits on, or decides from, a plain read may never"
                            + " see the other's write (the compiler may keep the value in a register)");
                }
                if (findings.total() > before) {
                    findings.annotate(kept, " [found under schedule " + id + "]" + counterexample(s));
                    return findings;
                }
            } finally {
                m.close();
            }
        }
        return findings;
    }

    /**
     * The accesses of a plan as a number that is the same in every process ({@code List.hashCode} of enum constants is
     * not: it is built from their identity hash codes), so that a seed explores the same schedules wherever it runs.
     */
    static long accessesKey(List<Access> accesses) {
        long key = 1;
        for (Access a : accesses) {
            key = key * 31 + a.ordinal() + 1;
        }
        return key;
    }

    /** What a schedule's end says: nothing for a schedule that finished with every call returned. */
    private void judge(SimulatedMachine.ControlledRun run, RwContention c, String label, ScheduleId id, Setup setup) {
        Scheduler s = run.scheduler();
        if (run.timedOut()) {
            throw new ImplementationFault("under the kit's scheduler, schedule " + id + " did not end within "
                    + context.callTimeout().toMillis() + " ms: processor code ran without reaching a schedule point (a memory"
                    + " operation or a HAL call), or blocked its thread" + found(id) + clauseNote + counterexample(s));
        }
        CallResult failed = c.failedCall();
        if (failed != null) {
            if (failed.bugChecked()) {
                throw new AssertionError(failed.describe() + found(id) + clauseNote + counterexample(s));
            }
            throw new ImplementationFault(failed.describe() + found(id) + clauseNote + counterexample(s), failed.thrown());
        }
        switch (s.end()) {
            case DEADLOCK: {
                String release = c.lastRelease();
                String held = holders(setup.machine(), label);
                if (held.isEmpty()) {
                    // every processor's rounds have unwound: processor 0 is idle and can try the lock itself
                    RwProbe.Finding probe = RwProbe.probe(setup.machine(), setup.family(), setup.lock(), label, 0);
                    if (probe == RwProbe.Finding.FREE) {
                        throw new AssertionError("lock " + label + " is free, yet every processor still running only spins"
                                + " on it (" + stuck(run) + "): a probe from processor 0 got write access at once, while the"
                                + " waiters never do (their loop never sees the lock given up)" + found(id) + clauseNote + counterexample(s));
                    }
                    throw new AssertionError("lock " + label + " was taken although nobody held it: every processor still"
                            + " running only spins (" + stuck(run) + ")" + (probe == RwProbe.Finding.TAKEN
                            ? ", and a probe from processor 0 could not get write access either" : "") + "; " + (release == null
                            ? "no release had returned yet, so it was never free after NdisInitializeReadWriteLock"
                            : "the last release, " + release + ", returned but left lock " + label + " taken")
                            + found(id) + clauseNote + counterexample(s));
                }
                throw new AssertionError("deadlock: every processor still running only spins (" + stuck(run) + "), and lock "
                        + label + " is held by " + held + ", which can never give it up" + found(id) + clauseNote + counterexample(s));
            }
            case BUDGET:
                throw new ImplementationFault("under the kit's scheduler, schedule " + id + " made " + s.steps()
                        + " schedule points without the rounds ending (a processor that never returns and is not only spinning)"
                        + found(id) + clauseNote + counterexample(s));
            default:
                break;
        }
        for (PendingCall call : run.calls()) {
            if (call.isDone() && !call.result().returned()) {
                CallResult r = call.result();
                throw new ImplementationFault(r.describe() + found(id) + clauseNote + counterexample(s), r.thrown());
            }
        }
    }

    /** The schedule that showed it, on the message's first line (its counterexample follows). */
    private static String found(ScheduleId id) {
        return " [found under schedule " + id + "]";
    }

    /** The holders of lock {@code label} by the calls that returned ({@code processor 0 (read)}), or empty. */
    static String holders(SimulatedMachine m, String label) {
        return String.join(" and ", m.holdings().stream().filter(h -> h.lockLabel().equals(label))
                .map(h -> "processor " + h.processor() + (h.access().isEmpty() ? "" : " (" + h.access() + ")")).toList());
    }

    private static String stuck(SimulatedMachine.ControlledRun run) {
        StringBuilder sb = new StringBuilder();
        List<Integer> stuck = run.scheduler().stillRunning();
        List<String> states = run.scheduler().stillRunningStates();
        for (int k = 0; k < stuck.size(); k++) {
            String[] parts = states.get(k).split(" \\| ", -1);
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append("processor ").append(stuck.get(k)).append(" spins at ").append(parts.length > 0 ? parts[0] : "?")
                    .append(" in ").append(parts.length > 1 ? parts[1] : "?");
        }
        return sb.toString();
    }

    /** The schedule's id, the command that replays it, and its last steps. */
    String counterexample(Scheduler s) {
        String cmd = context.schedules().rerunCommand(context.target().name(), clauses, context.processors(), s.id().toString());
        return "\nschedule " + s.id() + " (decisions " + s.decisionHash() + ", " + s.steps() + " steps); replay: " + cmd
                + "\n" + ScheduleLog.table(s, TABLE_ROWS);
    }
}
