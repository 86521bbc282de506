package io.ddikit.grade;

import io.ddikit.doc.Clause;
import io.ddikit.result.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kit's test of itself: for every faulty implementation, the verdict of every clause, and whether the
 * fault was killed by a clause it breaks; for every correct implementation, whether it conformed.
 *
 * @param clauses the clauses, in page order (the matrix's columns)
 * @param faults  one row per faulty implementation
 * @param correct one row per correct implementation
 */
public record KillMatrix(List<Clause> clauses, List<FaultRow> faults, List<CorrectRow> correct) {
    public KillMatrix {
        clauses = List.copyOf(clauses);
        faults = List.copyOf(faults);
        correct = List.copyOf(correct);
    }

    /** How a fault fared. */
    public enum Outcome {
        /** A clause it breaks failed (or ended in error). */
        KILLED("killed"),
        /** Only clauses it does not break caught it: the kit saw something, but not what the fault is. */
        KILLED_ELSEWHERE("killed by another clause"),
        /** No clause caught it. */
        SURVIVED("survived");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A faulty implementation's row: its API family (id), its name. {@code verdicts} maps clause id to verdict. */
    public record FaultRow(String family, String name, String description, List<String> breaks, Map<String, Verdict> verdicts,
                           Map<String, String> reasons, Outcome outcome, long durationMillis) {
        public FaultRow {
            breaks = List.copyOf(breaks);
            verdicts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
            reasons = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
        }
    }

    /** A correct implementation's row: it must conform. */
    public record CorrectRow(String family, String name, Conformance conformance, Map<String, Verdict> verdicts) {
        public CorrectRow {
            verdicts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
        }

        public boolean falseAlarm() {
            return conformance != Conformance.CONFORMS;
        }
    }

    /** The self-test passes when every fault is killed by a clause it breaks and no correct implementation fails. */
    public boolean passed() {
        return faults.stream().allMatch(f -> f.outcome() == Outcome.KILLED) && correct.stream().noneMatch(CorrectRow::falseAlarm);
    }

    /** Builds the matrix from graded runs. */
    public static KillMatrix of(List<Clause> clauses, List<Fault> faults, List<ImplementationVerdict> correct) {
        List<FaultRow> rows = new ArrayList<>();
        for (Fault f : faults) {
            Map<String, Verdict> verdicts = new LinkedHashMap<>();
            Map<String, String> reasons = new LinkedHashMap<>();
            for (ClauseVerdict c : f.verdict().clauses()) {
                verdicts.put(c.clause().id().value(), c.verdict());
                if (caught(c.verdict())) {
                    reasons.put(c.clause().id().value(), c.reason());
                }
            }
            Outcome outcome = f.breaks().stream().anyMatch(id -> caught(verdicts.get(id))) ? Outcome.KILLED
                    : verdicts.values().stream().anyMatch(KillMatrix::caught) ? Outcome.KILLED_ELSEWHERE : Outcome.SURVIVED;
            long millis = f.verdict().scenarios().stream().mapToLong(s -> s.durationMillis()).sum();
            rows.add(new FaultRow(f.verdict().implementation().family(), f.verdict().implementation().name(), f.description(), f.breaks(), verdicts, reasons,
                    outcome, millis));
        }
        List<CorrectRow> ok = new ArrayList<>();
        for (ImplementationVerdict v : correct) {
            Map<String, Verdict> verdicts = new LinkedHashMap<>();
            v.clauses().forEach(c -> verdicts.put(c.clause().id().value(), c.verdict()));
            ok.add(new CorrectRow(v.implementation().family(), v.implementation().name(), v.conformance(), verdicts));
        }
        return new KillMatrix(clauses, rows, ok);
    }

    /** A graded run of a faulty implementation with what it is meant to break. */
    public record Fault(ImplementationVerdict verdict, String description, List<String> breaks) {
        public Fault {
            breaks = List.copyOf(breaks);
        }
    }

    static boolean caught(Verdict v) {
        return v == Verdict.FAILED || v == Verdict.ERROR;
    }
}
