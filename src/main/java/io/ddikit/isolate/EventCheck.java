package io.ddikit.isolate;

import io.ddikit.result.Bounds;
import io.ddikit.result.ImplementationInfo;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The kit's check of every event a worker sends: a closed set of kinds, in the order a worker sends them, each
 * field bounded, every scenario one the kit itself selected and not run yet, every result for the scenario under
 * way. The worker is kit code, but it shares its process with the implementation; an event that breaks these
 * rules can only come from an implementation that reached into the kit, and is the implementation's error
 * ({@link Violation}). Results are rebuilt from what the kit knows: the scenario's clauses come from the kit's own
 * reading of the features, its duration from the kit's clock.
 */
final class EventCheck {
    /** The longest line the channel may carry. */
    static final int MAX_EVENT_BYTES = 256 * 1024;
    private static final Pattern CAPABILITY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final int MAX_CAPABILITIES = 32;
    private static final int MAX_LISTED = 256;

    /** An event that no honest worker sends. */
    static final class Violation extends Exception {
        private static final long serialVersionUID = 1L;

        Violation(String message) {
            super(message);
        }
    }

    /**
     * What a run is expected to report: the implementation as it was listed, and the scenarios the kit selected,
     * by {@code file:line}, with the clauses each checks.
     */
    record Expected(ImplementationInfo implementation, Map<String, List<String>> scenarios) {
        Expected {
            scenarios = Map.copyOf(scenarios);
        }
    }

    private final String mode;
    private final Expected expected;
    private final Set<String> started = new HashSet<>();
    private String current;
    private boolean begun;
    private boolean listed;
    private boolean done;

    private EventCheck(String mode, Expected expected) {
        this.mode = mode;
        this.expected = expected;
    }

    static EventCheck listing() {
        return new EventCheck(WorkerRequest.LIST, null);
    }

    static EventCheck run(Expected expected) {
        return new EventCheck(WorkerRequest.RUN, Objects.requireNonNull(expected, "expected"));
    }

    /** The clauses the kit's own reading of the features gives the scenario at {@code location} (none if unknown). */
    List<String> clausesOf(String location) {
        return expected == null ? List.of() : expected.scenarios().getOrDefault(location, List.of());
    }

    /** The scenario under way ({@code file:line}), or null. */
    String current() {
        return current;
    }

    /** Checks {@code e}; the event to act on (its texts cut to bounds), or a {@link Violation}. */
    Event check(Event e) throws Violation {
        if (e == null || e.e() == null) {
            throw tampered("an event with no kind");
        }
        if (done) {
            throw tampered("a '" + e.e() + "' event after 'done'");
        }
        switch (e.e()) {
            case Event.IMPLEMENTATIONS -> {
                requireMode(WorkerRequest.LIST, e);
                if (listed) {
                    throw tampered("a second listing of implementations");
                }
                listed = true;
                List<Event.Listed> found = e.implementations() == null ? List.of() : e.implementations();
                if (found.size() > MAX_LISTED) {
                    throw tampered("a listing of " + found.size() + " implementations, more than " + MAX_LISTED);
                }
                for (Event.Listed l : found) {
                    if (l == null || l.provider() == null || l.provider().length() > Bounds.NAME
                            || !CLASS_NAME.matcher(l.provider()).matches()) {
                        throw tampered("a listed implementation without a valid provider class name");
                    }
                    if (l.capabilities() == null || l.capabilities().size() > MAX_CAPABILITIES) {
                        throw tampered("implementation " + l.provider() + " listed with no or too many capabilities");
                    }
                }
                return e;
            }
            case Event.BEGIN -> {
                requireMode(WorkerRequest.RUN, e);
                if (begun) {
                    throw tampered("a second 'begin'");
                }
                begun = true;
                ImplementationInfo listedAs = expected.implementation();
                ImplementationInfo runAs = e.implementation();
                if (!listedAs.equals(runAs)) {
                    throw new Violation("the implementation described itself differently when it was listed ("
                            + describe(listedAs) + ") and when it was run (" + (runAs == null ? "nothing" : describe(runAs)) + ")");
                }
                return e;
            }
            case Event.START -> {
                requireBegun(e);
                if (current != null) {
                    throw tampered("scenario " + cut(e.location()) + " started while " + current + " was under way");
                }
                if (e.location() == null || !expected.scenarios().containsKey(e.location())) {
                    throw tampered("a start of " + cut(e.location()) + ", which is no scenario the kit selected");
                }
                if (!started.add(e.location())) {
                    throw tampered("scenario " + e.location() + " started twice");
                }
                current = e.location();
                return new Event(Event.START, null, null, cutOrEmpty(e.name()), e.location(), null, null, null);
            }
            case Event.END -> {
                requireBegun(e);
                ScenarioResult r = e.result();
                if (r == null || r.verdict() == null || r.feature() == null) {
                    throw tampered("an 'end' with no result, verdict or feature");
                }
                String at = r.feature() + ":" + r.line();
                if (current == null || !current.equals(at)) {
                    throw tampered("a result for " + cut(at) + " while " + (current == null ? "no scenario" : current)
                            + " was under way");
                }
                String source = r.errorSource() == null ? "" : r.errorSource();
                boolean sourceFits = r.verdict() == Verdict.ERROR
                        ? source.equals(ScenarioResult.IMPLEMENTATION) || source.equals(ScenarioResult.KIT) : source.isEmpty();
                if (!sourceFits) {
                    throw tampered("a " + r.verdict().label() + " result for " + at + " with error source '" + cut(source) + "'");
                }
                if (r.verdict() == Verdict.OUTDATED) {
                    throw tampered("an 'outdated' result for " + at + ", which only the kit's grading gives");
                }
                current = null;
                return new Event(Event.END, null, null, null, null, new ScenarioResult(expected.implementation().name(),
                        r.feature(), r.line(), cutOrEmpty(r.name()), expected.scenarios().get(at), r.verdict(), source, 0,
                        cutOrEmpty(r.failingStep()), Math.max(0, r.failingLine()), r.message() == null ? "" : r.message(),
                        r.trace() == null ? "" : r.trace()).bounded(), null, null);
            }
            case Event.PROBLEM, Event.KIT_ERROR -> {
                if (e.message() == null) {
                    throw tampered("a '" + e.e() + "' event with no message");
                }
                return Event.message(e.e(), Bounds.cut(e.message(), Bounds.MESSAGE));
            }
            case Event.EXIT -> {
                return new Event(Event.EXIT, null, null, null, null, null, null, e.at() == null ? null : cut(e.at()));
            }
            case Event.DONE -> {
                if (WorkerRequest.LIST.equals(mode) ? !listed : !begun) {
                    throw tampered("'done' before the worker said what it " + (listed ? "ran" : "found"));
                }
                if (current != null) {
                    throw tampered("'done' while scenario " + current + " was under way");
                }
                done = true;
                return e;
            }
            default -> throw tampered("an event of unknown kind '" + cut(e.e()) + "'");
        }
    }

    /** An event that only an implementation reaching into the kit's code can have sent. */
    private static Violation tampered(String what) {
        return new Violation("the kit's channel from the worker carried " + what
                + ", which only an implementation that reaches into the kit's code can send");
    }

    private void requireMode(String wanted, Event e) throws Violation {
        if (!wanted.equals(mode)) {
            throw tampered("a '" + e.e() + "' event in a " + mode + " worker");
        }
    }

    private void requireBegun(Event e) throws Violation {
        requireMode(WorkerRequest.RUN, e);
        if (!begun) {
            throw tampered("a '" + e.e() + "' event before 'begin'");
        }
    }

    private static String describe(ImplementationInfo i) {
        return cut(i.name()) + " " + cut(i.version()) + ", capabilities " + i.capabilities();
    }

    private static String cut(String s) {
        return s == null ? "nothing" : Bounds.cut(s, 200);
    }

    private static String cutOrEmpty(String s) {
        return s == null ? "" : Bounds.cut(s, Bounds.NAME);
    }
}
