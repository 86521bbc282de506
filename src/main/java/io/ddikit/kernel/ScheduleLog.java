package io.ddikit.kernel;

import io.ddikit.sched.Scheduler;
import java.util.ArrayList;
import java.util.List;

/**
 * A controlled schedule's log as a counterexample: one row per step, with the processor, its IRQL, the call it was in,
 * who held the lock (according to the calls that returned), as {@link SimulatedMachine#runControlled} described each
 * step, and what the processor was about to do there: a step is a schedule point, which comes before its operation, so
 * the operation happens when that processor runs next. Consecutive equal steps of one processor, and a block of steps
 * it repeats (a spin loop's turn), are folded into one row with a count.
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
        out = foldCycles(out);
        List<String[]> shown = out.subList(Math.max(0, out.size() - rows), out.size());
        String[] head = {"step", "processor", "IRQL", "in", "lock", "about to"};
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

    /** The longest run of steps, repeated by one processor, that is folded into one row (a spin loop's turn). */
    private static final int CYCLE = 6;

    /** Folds a block of rows of one processor repeated three times or more (a spin loop) into one row. */
    private static List<String[]> foldCycles(List<String[]> rows) {
        List<String[]> out = new ArrayList<>();
        int i = 0;
        while (i < rows.size()) {
            int best = 0;
            int bestLength = 0;
            for (int length = 1; length <= CYCLE && i + length <= rows.size(); length++) {
                int repeats = 1;
                while (i + (repeats + 1) * length <= rows.size() && sameBlock(rows, i, i + repeats * length, length)) {
                    repeats++;
                }
                if (repeats >= 3 && repeats * length > best * bestLength) {
                    best = repeats;
                    bestLength = length;
                }
            }
            if (best == 0) {
                out.add(rows.get(i));
                i++;
                continue;
            }
            String[] first = rows.get(i);
            String[] last = rows.get(i + best * bestLength - 1);
            StringBuilder did = new StringBuilder();
            java.util.Set<String> who = new java.util.LinkedHashSet<>();
            for (int k = 0; k < bestLength; k++) {
                String[] r = rows.get(i + k);
                who.add(r[1]);
                did.append(k == 0 ? "" : ", ").append(who.size() > 1 ? r[1] + ": " : "").append(r[5]);
            }
            String from = first[0].contains("-") ? first[0].substring(0, first[0].indexOf('-')) : first[0];
            String to = last[0].contains("-") ? last[0].substring(last[0].indexOf('-') + 1) : last[0];
            out.add(new String[] {from + "-" + to, String.join("+", who), who.size() > 1 ? "" : first[2],
                    who.size() > 1 ? "" : first[3], first[4], did + " (x" + best + ")"});
            i += best * bestLength;
        }
        return out;
    }

    private static boolean sameBlock(List<String[]> rows, int a, int b, int length) {
        for (int k = 1; k < length; k++) {
            if (!rows.get(a + k)[1].equals(rows.get(a)[1])) {
                return false;
            }
        }
        for (int k = 0; k < length; k++) {
            String[] x = rows.get(a + k);
            String[] y = rows.get(b + k);
            for (int c = 1; c < x.length; c++) {
                if (!x[c].equals(y[c])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String[] row(Scheduler.Event first, Scheduler.Event last, int count) {
        String[] state = last.state().split(" \\| ", -1);
        String irql = state.length > 0 ? state[0] : "";
        String in = state.length > 1 ? state[1] : "";
        String lock = state.length > 2 ? state[2] : "";
        String step = first.step() == last.step() ? Long.toString(first.step()) : first.step() + "-" + last.step();
        String did = count > 1 ? last.what() + " x" + count : last.what();
        return new String[] {step, last.participant() < 0 ? "" : "P" + last.participant(), irql, in, lock, did};
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
