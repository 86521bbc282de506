package io.ddikit.kernel;

import io.ddikit.sched.Scheduler;
import java.util.ArrayList;
import java.util.List;

/**
 * A controlled schedule's log as a counterexample: one row per step (consecutive equal steps of one processor
 * folded into one, with a count), with the processor, its IRQL, the call it was in and who held the lock, as
 * {@link SimulatedMachine#runControlled} described each step.
 */
public final class ScheduleLog {
    private ScheduleLog() {
    }

    /**
     * The last {@code rows} rows of the log of {@code s}, as an aligned text table: up to its end when the harness
     * halted it at a finding, or up to its first data race.
     */
    public static String table(Scheduler s, int rows) {
        List<String[]> out = new ArrayList<>();
        List<Scheduler.Event> log = new ArrayList<>(s.log());
        long race = s.firstRaceStep();
        if (!s.halted() && race > 0) {
            log.removeIf(e -> e.step() > race);
        }
        int count = 0;
        Scheduler.Event first = null;
        Scheduler.Event last = null;
        for (Scheduler.Event e : log) {
            if (last != null && last.participant() == e.participant() && last.what().equals(e.what())
                    && last.state().equals(e.state())) {
                count++;
                last = e;
                continue;
            }
            if (last != null) {
                out.add(row(first, last, count));
            }
            first = e;
            last = e;
            count = 1;
        }
        if (last != null) {
            out.add(row(first, last, count));
        }
        List<String[]> shown = out.subList(Math.max(0, out.size() - rows), out.size());
        String[] head = {"step", "processor", "IRQL", "in", "lock", "did"};
        int[] width = new int[head.length];
        for (int c = 0; c < head.length; c++) {
            width[c] = head[c].length();
        }
        for (String[] r : shown) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        if (shown.size() < out.size() || (!log.isEmpty() && log.get(0).step() > 1)) {
            sb.append("  (the last ").append(shown.size()).append(" of ").append(s.steps()).append(" steps in all, ")
                    .append("equal steps of one processor folded)\n");
        }
        appendRow(sb, head, width);
        for (String[] r : shown) {
            appendRow(sb, r, width);
        }
        return sb.toString();
    }

    private static String[] row(Scheduler.Event first, Scheduler.Event last, int count) {
        String[] state = last.state().split(" \\| ", -1);
        String irql = state.length > 0 ? state[0] : "";
        String in = state.length > 1 ? state[1] : "";
        String lock = state.length > 2 ? state[2] : "";
        String step = first.step() == last.step() ? Long.toString(first.step()) : first.step() + "-" + last.step();
        String did = count > 1 ? last.what() + " x" + count : last.what();
        return new String[] {step, "P" + last.participant(), irql, in, lock, did};
    }

    private static void appendRow(StringBuilder sb, String[] r, int[] width) {
        sb.append("  ");
        for (int c = 0; c < r.length; c++) {
            sb.append(r[c]);
            if (c < r.length - 1) {
                sb.append(" ".repeat(width[c] - r[c].length() + 2));
            }
        }
        sb.append('\n');
    }
}
