package io.ddikit.campaign;

import io.ddikit.campaign.ExpectationsFile.Expectation;
import io.ddikit.grade.ClauseVerdict;
import io.ddikit.grade.ImplementationVerdict;
import io.ddikit.result.ImplementationInfo;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An expectations file held against a run's verdicts: which entries are honoured, which verdicts are unexpected,
 * which entries expired or went stale. It never changes a verdict; it says whether the exit code may pass over it.
 *
 * @param file    the expectations file
 * @param today   the day expiry dates are compared with
 * @param applied each entry as it applied to each implementation it names, stale ones included
 * @param unused  entries naming only implementations this run did not run (neither honoured nor a problem)
 */
public record ExpectationOutcome(ExpectationsFile file, LocalDate today, List<Applied> applied, List<Expectation> unused) {

    public ExpectationOutcome {
        applied = List.copyOf(applied);
        unused = List.copyOf(unused);
    }

    /**
     * One entry against one implementation.
     *
     * @param implementation {@code family/name}, or empty for a stale entry no implementation of the run has
     * @param target         the clause id or the scenario's location ({@code feature:line}) it matched; the entry's own
     *                       text when stale
     * @param actual         the verdict found, or null when stale because the target is gone
     */
    public record Applied(Expectation entry, String implementation, String target, Verdict actual, Mark mark) {

        /** One line for the console and the report: {@code expected failure (failed): reason, until 2027-03-31}. */
        public String describe() {
            StringBuilder s = new StringBuilder(mark.label());
            switch (mark) {
                case UNEXPECTED_PASS, UNEXPECTED_RESULT -> s.append(": expected ").append(entry.expect().label())
                        .append(", was ").append(actual.label());
                case EXPIRED -> s.append(" (expired ").append(entry.expires()).append(", expected ").append(entry.expect().label())
                        .append(")");
                case STALE -> s.append(actual == Verdict.OUTDATED ? ": the clause is outdated" : ": no such " + (entry.clause() != null
                        ? "clause" : "scenario") + (implementation.isEmpty() ? " in this run" : " for " + implementation));
                default -> s.append(" (").append(entry.expect().label()).append(", until ").append(entry.expires()).append(")");
            }
            s.append(" — ").append(entry.reason());
            if (entry.bug() != null) {
                s.append(" [").append(entry.bug()).append("]");
            }
            return s.toString();
        }

        /** Where the entry is: {@code expectations.yaml:12}. */
        public String where(ExpectationsFile file) {
            return file.file() + ":" + entry.line();
        }
    }

    /** Holds {@code file} against {@code verdicts} on {@code today}. */
    public static ExpectationOutcome of(ExpectationsFile file, List<ImplementationVerdict> verdicts, LocalDate today) {
        List<Applied> applied = new ArrayList<>();
        List<Expectation> unused = new ArrayList<>();
        for (Expectation e : file.entries()) {
            List<ImplementationVerdict> named = verdicts.stream()
                    .filter(v -> e.appliesTo(v.implementation().family(), v.implementation().name())).toList();
            if (named.isEmpty()) {
                if (e.implementation() == null) {
                    applied.add(new Applied(e, "", subject(e), null, Mark.STALE));
                } else {
                    unused.add(e);
                }
                continue;
            }
            List<Applied> found = new ArrayList<>();
            for (ImplementationVerdict v : named) {
                match(e, v, today).ifPresent(found::add);
            }
            if (found.isEmpty()) {
                // no implementation it names has that clause or scenario: stale once, for the implementation named
                applied.add(new Applied(e, e.implementation() == null ? "" : key(named.get(0).implementation()), subject(e), null, Mark.STALE));
            } else {
                applied.addAll(found);
            }
        }
        return new ExpectationOutcome(file, today, applied, unused);
    }

    private static Optional<Applied> match(Expectation e, ImplementationVerdict v, LocalDate today) {
        String impl = key(v.implementation());
        if (e.clause() != null) {
            for (ClauseVerdict cv : v.clauses()) {
                if (cv.clause().id().value().equals(e.clause())) {
                    return Optional.of(new Applied(e, impl, e.clause(), cv.verdict(), mark(e, cv.verdict(), today)));
                }
            }
            return Optional.empty();
        }
        for (ScenarioResult r : v.scenarios()) {
            if (r.name().equals(e.scenario()) || r.location().equals(e.scenario())) {
                return Optional.of(new Applied(e, impl, r.location(), r.verdict(), mark(e, r.verdict(), today)));
            }
        }
        return Optional.empty();
    }

    private static Mark mark(Expectation e, Verdict actual, LocalDate today) {
        if (actual == Verdict.OUTDATED) {
            return Mark.STALE;
        }
        if (e.expiredOn(today)) {
            return Mark.EXPIRED;
        }
        if (actual == e.expect()) {
            return actual == Verdict.PASSED ? Mark.AS_EXPECTED : Mark.EXPECTED_FAILURE;
        }
        return actual == Verdict.PASSED ? Mark.UNEXPECTED_PASS : Mark.UNEXPECTED_RESULT;
    }

    private static String subject(Expectation e) {
        return e.clause() != null ? e.clause() : e.scenario();
    }

    /** An implementation as entries name it: {@code family/name}. */
    public static String key(ImplementationInfo info) {
        return info.family() + "/" + info.name();
    }

    /** The mark of a clause's verdict, if an entry names that clause. */
    public Optional<Applied> clauseMark(ImplementationInfo info, String clauseId) {
        String impl = key(info);
        return applied.stream().filter(a -> a.entry().clause() != null && a.implementation().equals(impl)
                && a.target().equals(clauseId)).findFirst();
    }

    /** The mark of a scenario's verdict, if an entry names that scenario. */
    public Optional<Applied> scenarioMark(ImplementationInfo info, ScenarioResult r) {
        String impl = key(info);
        return applied.stream().filter(a -> a.entry().scenario() != null && a.implementation().equals(impl)
                && a.target().equals(r.location())).findFirst();
    }

    /**
     * Whether every verdict that keeps the implementation from conforming (a failed or error clause, a normative
     * clause untested or outdated) is one an unexpired entry expects, of the clause or of each of its scenarios that
     * did not pass. The exit code then passes over them.
     */
    public boolean honoursAll(ImplementationVerdict v) {
        for (ClauseVerdict cv : v.clauses()) {
            if (!offending(cv)) {
                continue;
            }
            if (clauseMark(v.implementation(), cv.clause().id().value()).map(a -> a.mark().honoured()).orElse(false)) {
                continue;
            }
            boolean scenarioFault = cv.verdict() == Verdict.FAILED || cv.verdict() == Verdict.ERROR;
            List<ScenarioResult> bad = cv.scenarios().stream()
                    .filter(r -> r.verdict() == Verdict.FAILED || r.verdict() == Verdict.ERROR).toList();
            if (!scenarioFault || bad.isEmpty() || !bad.stream().allMatch(r -> scenarioMark(v.implementation(), r)
                    .map(a -> a.mark().honoured()).orElse(false))) {
                return false;
            }
        }
        return true;
    }

    private static boolean offending(ClauseVerdict cv) {
        return cv.verdict() == Verdict.FAILED || cv.verdict() == Verdict.ERROR
                || cv.clause().normative() && (cv.verdict() == Verdict.UNTESTED || cv.verdict() == Verdict.OUTDATED);
    }

    /** The entries that fail the run: unexpected results and passes, expired and stale entries. */
    public List<Applied> problems() {
        return applied.stream().filter(a -> !a.mark().honoured()).toList();
    }

    /** How many of each mark. */
    public Map<Mark, Integer> counts() {
        Map<Mark, Integer> counts = new EnumMap<>(Mark.class);
        for (Mark m : Mark.values()) {
            counts.put(m, 0);
        }
        applied.forEach(a -> counts.merge(a.mark(), 1, Integer::sum));
        return counts;
    }
}
