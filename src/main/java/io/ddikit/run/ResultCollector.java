package io.ddikit.run;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EmbedEvent;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestStepFinished;
import io.ddikit.result.ScenarioResult;
import io.ddikit.result.Verdict;
import io.ddikit.suite.ImplementationFault;
import io.ddikit.suite.NotApplicable;
import io.ddikit.trace.Tags;
import org.opentest4j.TestAbortedException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Listens to Cucumber's events and turns each finished test case into a {@link ScenarioResult}, handed to
 * a sink as soon as the scenario ends. Only collects: grading and formatting happen elsewhere.
 */
final class ResultCollector implements ConcurrentEventListener {
    /** Name under which steps attach the processors' trace to a scenario. */
    static final String TRACE_ATTACHMENT = "ddikit-trace";

    private final String implementation;
    private final Path root;
    private final Consumer<ScenarioResult> sink;
    private final Consumer<ScenarioStart> starting;
    private final Map<UUID, PickleStepTestStep> failingStep = new ConcurrentHashMap<>();
    private final Map<UUID, StringBuilder> traces = new ConcurrentHashMap<>();

    ResultCollector(String implementation, Path root, Consumer<ScenarioResult> sink) {
        this(implementation, root, sink, s -> { });
    }

    ResultCollector(String implementation, Path root, Consumer<ScenarioResult> sink, Consumer<ScenarioStart> starting) {
        this.implementation = implementation;
        this.root = root.toAbsolutePath().normalize();
        this.sink = sink;
        this.starting = starting;
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseStarted.class, this::caseStarted);
        publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
        publisher.registerHandlerFor(EmbedEvent.class, this::embedded);
        publisher.registerHandlerFor(TestCaseFinished.class, this::caseFinished);
    }

    private void caseStarted(TestCaseStarted e) {
        TestCase tc = e.getTestCase();
        starting.accept(new ScenarioStart(tc.getName(), relative(tc.getUri()) + ":" + tc.getLocation().getLine(),
                Tags.clauseIds(tc.getTags())));
    }

    private void stepFinished(TestStepFinished e) {
        Status s = e.getResult().getStatus();
        if (e.getTestStep() instanceof PickleStepTestStep step && s != Status.PASSED && s != Status.SKIPPED) {
            failingStep.putIfAbsent(e.getTestCase().getId(), step);
        }
    }

    private void embedded(EmbedEvent e) {
        if (TRACE_ATTACHMENT.equals(e.getName())) {
            traces.computeIfAbsent(e.getTestCase().getId(), k -> new StringBuilder())
                    .append(new String(e.getData(), StandardCharsets.UTF_8));
        }
    }

    private void caseFinished(TestCaseFinished e) {
        TestCase tc = e.getTestCase();
        Result r = e.getResult();
        PickleStepTestStep step = failingStep.remove(tc.getId());
        StringBuilder trace = traces.remove(tc.getId());
        Verdict verdict = verdict(r);
        boolean interrupted = verdict == Verdict.ERROR && interruptedFromOutside(r.getError());
        String source = verdict == Verdict.ERROR
                ? (r.getError() instanceof ImplementationFault || interrupted ? ScenarioResult.IMPLEMENTATION : ScenarioResult.KIT) : "";
        String message = interrupted
                ? "the implementation interrupted the kit's own threads (the kit never does): " + message(r, step).replaceFirst("^kit error: ", "")
                : message(r, step);
        sink.accept(new ScenarioResult(implementation, relative(tc.getUri()), tc.getLocation().getLine(), tc.getName(),
                Tags.clauseIds(tc.getTags()), verdict, source, r.getDuration().toMillis(),
                step == null ? "" : step.getStep().getKeyword() + step.getStep().getText(),
                step == null ? 0 : step.getStep().getLine(), message, trace == null ? "" : trace.toString()).bounded());
    }

    /** Whether a step failed (not as a finding of the kit's) because its thread was interrupted: see {@link Interruptions}. */
    private static boolean interruptedFromOutside(Throwable t) {
        return !(t instanceof ImplementationFault || t instanceof AssertionError) && Interruptions.caused(t);
    }

    static Verdict verdict(Result r) {
        switch (r.getStatus()) {
            case PASSED:
                return Verdict.PASSED;
            case PENDING:
                return Verdict.UNTESTED;
            case SKIPPED:
                return r.getError() instanceof TestAbortedException ? Verdict.NOT_APPLICABLE : Verdict.ERROR;
            case FAILED:
                return r.getError() instanceof AssertionError ? Verdict.FAILED : Verdict.ERROR;
            default:
                return Verdict.ERROR;
        }
    }

    private static String message(Result r, PickleStepTestStep step) {
        Throwable t = r.getError();
        switch (r.getStatus()) {
            case PASSED:
                return "";
            case UNDEFINED:
                return "kit error: no step definition matches '" + (step == null ? "?" : step.getStep().getText()) + "'";
            case AMBIGUOUS:
                return "kit error: several step definitions match '" + (step == null ? "?" : step.getStep().getText()) + "'";
            case PENDING:
                return "placeholder scenario: still to be written";
            case SKIPPED:
                if (t instanceof TestAbortedException && t.getMessage() != null) {
                    String m = t.getMessage();
                    return m.startsWith(NotApplicable.PREFIX) ? m.substring(NotApplicable.PREFIX.length()) : m;
                }
                return "kit error: skipped because an earlier step did not run";
            default:
                if (t == null) {
                    return r.getStatus().name().toLowerCase(java.util.Locale.ROOT);
                }
                if (t instanceof AssertionError || t instanceof ImplementationFault) {
                    return String.valueOf(t.getMessage()).strip();
                }
                return "kit error: " + t;
        }
    }

    private String relative(URI uri) {
        if ("file".equals(uri.getScheme())) {
            Path p = Path.of(uri).toAbsolutePath().normalize();
            return (p.startsWith(root) ? root.relativize(p) : p).toString().replace('\\', '/');
        }
        String s = uri.toString();
        return s.startsWith("classpath:") ? s.substring("classpath:".length()) : s;
    }
}
