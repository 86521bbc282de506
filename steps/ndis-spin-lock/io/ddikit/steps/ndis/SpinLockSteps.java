package io.ddikit.steps.ndis;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.ParameterType;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.ddikit.kernel.ApiCall;
import io.ddikit.kernel.BugCheckRecord;
import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.DpcRun;
import io.ddikit.kernel.DpcStream;
import io.ddikit.kernel.HalOp;
import io.ddikit.kernel.MachineConfig;
import io.ddikit.kernel.PausePoint;
import io.ddikit.kernel.PendingCall;
import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.kernel.assertions.KernelAssertions;
import io.ddikit.kernel.assertions.ProcessorAssert;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockFamily;
import io.ddikit.spi.ndis.NdisSpinLockProvider;
import io.ddikit.sched.Noise;
import io.ddikit.sched.Scheduler;
import io.ddikit.suite.ImplementationFault;
import io.ddikit.suite.SuiteContext;
import io.ddikit.trace.Tags;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps of the NDIS spin lock features. One instance per scenario: a fresh simulated machine, fresh locks.
 */
public final class SpinLockSteps {
    private static final List<Irql> ENTRY_LEVELS = List.of(Irql.PASSIVE_LEVEL, Irql.APC_LEVEL, Irql.DISPATCH_LEVEL);
    /** How long a processor must keep spinning before the kit believes it is waiting for the lock. */
    private static final int SPIN_TURNS = 20;
    /** How long a probe of the lock waits before the kit calls the lock held. */
    private static final Duration PROBE_WAIT = Duration.ofMillis(1500);
    /** The most processors a controlled tier runs at once (its schedules grow fast with each one more). */
    private static final int CONTROLLED_PROCESSORS = 3;

    private final SuiteContext context;
    private NdisSpinLockProvider provider;
    private List<String> clauses = List.of();
    private int minimumProcessors = 1;
    private SimulatedMachine machine;
    private NdisSpinLockFamily family;
    private final Map<String, NdisSpinLock> locks = new HashMap<>();
    /** Per processor: the IRQL at which the caller entered each acquire still held, by lock. */
    private final Map<Integer, Map<String, Irql>> entryIrql = new HashMap<>();
    /** Per processor: the last call made, for messages. */
    private final Map<Integer, CallResult> lastCall = new HashMap<>();
    /** Per processor: raises and lowers made by acquire and release calls. */
    private final Map<Integer, long[]> raisesLowers = new HashMap<>();
    /** Per processor: the entry IRQL of the acquire that its last release ended. */
    private final Map<Integer, Irql> releasedEntry = new HashMap<>();
    /** Per processor: the last call of each API that ended, made or started, for steps about one call. */
    private final Map<Integer, Map<Api, CallResult>> lastOf = new HashMap<>();
    private final Map<Integer, PendingCall> started = new HashMap<>();
    private final Map<Integer, Irql> startedAt = new HashMap<>();
    private final Map<Integer, Api> startedApi = new HashMap<>();
    private final Map<Integer, String> startedLock = new HashMap<>();
    private PausePoint pause;
    private CallResult misuse;
    private String misuseDescription;
    private Contention contention;
    /** The findings of the contention scenario's tiers: the controlled tier's first, then the stress tier's. */
    private final List<Contention.Findings> findings = new ArrayList<>();
    private String dpcLabel;
    /** Where the scenario's DPC found its processor when it started (null until it starts). */
    private volatile String dpcStart;
    private volatile CallResult dpcTake;
    private volatile CallResult dpcGive;
    /** Per lock: the last release that returned, in the page's words. */
    private final Map<String, String> lastRelease = new HashMap<>();
    private long releaseSequence = -1;

    @ParameterType("PASSIVE_LEVEL|APC_LEVEL|DISPATCH_LEVEL|CLOCK_LEVEL|IPI_LEVEL|HIGH_LEVEL|DIRQL \\d+")
    public Irql irql(String name) {
        return Irql.parse(name);
    }

    @ParameterType(Api.PATTERN)
    public Api api(String name) {
        return Api.valueOf(name);
    }

    /** The tag every feature of this family carries: the family's hooks run for its scenarios only. */
    static final String FAMILY_TAG = "@family:" + NdisSpinLocks.ID;

    /** Made by the kit's object factory, once per scenario, with the run's context. */
    public SpinLockSteps(SuiteContext context) {
        this.context = context;
    }

    @Before(FAMILY_TAG)
    public void before(Scenario scenario) {
        if (!context.target().family().equals(NdisSpinLocks.ID)) {
            throw io.ddikit.suite.NotApplicable.because("implementation '"
                    + context.target().name() + "' does not implement the NDIS spin locks");
        }
        provider = context.target().handle(NdisSpinLockProvider.class);
        clauses = Tags.clauseIds(scenario.getSourceTagNames());
    }

    @After(FAMILY_TAG)
    public void after(Scenario scenario) {
        if (machine == null) {
            return;
        }
        try {
            if (scenario.isFailed()) {
                scenario.attach(traceExcerpt().getBytes(StandardCharsets.UTF_8), "text/plain", "ddikit-trace");
            } else if (misuse == null && !machine.bugChecks().isEmpty()) {
                BugCheckRecord b = machine.bugChecks().get(0);
                scenario.attach(traceExcerpt().getBytes(StandardCharsets.UTF_8), "text/plain", "ddikit-trace");
                throw new AssertionError((b.processor() < 0 ? "a thread that is not a simulated processor bug-checked"
                        : "processor " + b.processor() + " bug-checked at " + b.irql()) + ": " + b.bugCheck() + clauseNote());
            }
        } finally {
            if (pause != null) {
                pause.release();
            }
            machine.close();
        }
    }

    // ---- the machine and its locks ----

    @Given("a simulated machine with at least {int} processors")
    public void aMachine(int atLeast) {
        minimumProcessors = atLeast;
        machine();
    }

    @Given("spin lock {string} allocated by processor {int} at {irql}")
    public void lockAllocated(String label, int p, Irql irql) {
        declare(label);
        at(p, irql);
        expectReturn(call(p, Api.NdisAllocateSpinLock, label));
    }

    @Given("spin lock {string} is declared but not allocated")
    public void lockDeclared(String label) {
        declare(label);
    }

    // ---- calls ----

    @When("processor {int} at {irql} calls {api} on lock {string}")
    public void callsAt(int p, Irql irql, Api api, String label) {
        at(p, irql);
        calls(p, api, label);
    }

    @When("processor {int} calls {api} on lock {string}")
    public void calls(int p, Api api, String label) {
        Irql before = machine().irql(p);
        CallResult r = call(p, api, label);
        expectReturn(r);
        if (api == Api.NdisAcquireSpinLock || api == Api.NdisDprAcquireSpinLock) {
            entryIrql.computeIfAbsent(p, k -> new HashMap<>()).put(label, before);
        }
    }

    @When("processor {int} at {irql} starts {api} on lock {string}")
    public void startsAt(int p, Irql irql, Api api, String label) {
        at(p, irql);
        starts(p, api, label);
    }

    @When("processor {int} starts {api} on lock {string}")
    public void starts(int p, Api api, String label) {
        NdisSpinLock lock = lock(label);
        startedAt.put(p, machine().irql(p));
        startedApi.put(p, api);
        startedLock.put(p, label);
        started.put(p, machine.callAsync(p, api.name(), label, () -> api.invoke(family, lock)));
    }

    @Then("processor {int} is still spinning on lock {string}")
    public void stillSpinning(int p, String label) {
        PendingCall call = pending(p);
        long spinsAtStart = machine.counts(p).spins();
        long deadline = System.nanoTime() + machine.config().callBound().toNanos();
        while (!call.isDone() && machine.counts(p).spins() - spinsAtStart < SPIN_TURNS && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        if (call.isDone()) {
            CallResult r = call.result();
            if (r.returned()) {
                throw new AssertionError(startedApi.get(p) + " on processor " + p + " returned at " + r.exitIrql()
                        + " while lock " + label + " was held by processor " + holderOf(label, p)
                        + ": two processors own the lock at once" + clauseNote());
            }
            expectReturn(r);
        }
        assertThat(machine.counts(p).spins() - spinsAtStart)
                .as("processor %d is waiting in %s for lock %s but makes no spin-wait turns (Hal.spinWait)%s",
                        p, startedApi.get(p), label, clauseNote())
                .isGreaterThan(0);
    }

    @Then("processor {int} acquires lock {string}")
    public void acquires(int p, String label) {
        PendingCall call = pending(p);
        CallResult r = awaitAlone(p, startedApi.get(p), label, call);
        if (r.timedOut()) {
            throw new AssertionError(startedApi.get(p) + " on processor " + p + " never acquired lock " + label
                    + " after it was released: still spinning after " + machine.config().callBound().toMillis() + " ms"
                    + clauseNote() + "\n" + r.report());
        }
        expectReturn(r);
        started.remove(p);
        lastCall.put(p, r);
        lastOf.computeIfAbsent(p, k -> new HashMap<>()).put(startedApi.get(p), r);
        entryIrql.computeIfAbsent(p, k -> new HashMap<>()).put(label, startedAt.get(p));
    }

    @Then("processor {int} holds lock {string} at {irql}")
    public void holds(int p, String label, Irql irql) {
        KernelAssertions.assertThatProcessor(machine(), p).inClause(clauseNote()).holdsAt(lastCallName(p), label, irql,
                entryIrql.getOrDefault(p, Map.of()).get(label));
    }

    @Then("processor {int} is at {irql}")
    public void isAt(int p, Irql irql) {
        CallResult last = lastCall.get(p);
        ProcessorAssert processor = KernelAssertions.assertThatProcessor(machine(), p).inClause(clauseNote());
        if (last == null) {
            processor.isAt(irql);
            return;
        }
        String api = last.call().apiName();
        Irql enteredAcquire = releasedEntry.get(p);
        processor.isBackAt(api, irql, api.equals(Api.NdisReleaseSpinLock.name()) && enteredAcquire != null
                ? "the caller entered NdisAcquireSpinLock at " + enteredAcquire
                : "expected " + irql + " (the call was entered at " + last.entryIrql() + ")");
    }

    @Then("^processor (\\d+) made (\\d+) raises? and (\\d+) lowers?$")
    public void madeRaisesAndLowers(int p, long raises, long lowers) {
        long[] rl = raisesLowers.getOrDefault(p, new long[2]);
        assertThat(rl).withFailMessage("processor %d made %d KeRaiseIrql and %d KeLowerIrql calls in its acquire and release"
                + " calls; expected %d and %d%s", p, rl[0], rl[1], raises, lowers, clauseNote()).containsExactly(raises, lowers);
    }

    /**
     * One call's own effect on the IRQL: where it returned and how many KeRaiseIrql and KeLowerIrql calls it made. Passes
     * for {@code processor 1's NdisAllocateSpinLock returned at APC_LEVEL with 0 raises and 0 lowers} when processor 1's
     * last NdisAllocateSpinLock was entered and left at APC_LEVEL with no HAL IRQL change; fails with
     * {@code NdisAllocateSpinLock on processor 1, entered at APC_LEVEL, returned at DISPATCH_LEVEL after 1 KeRaiseIrql
     * and 0 KeLowerIrql calls; expected it to return at APC_LEVEL after 0 and 0} when it raised and stayed raised.
     */
    @Then("processor {int}'s {api} returned at {irql} with {int} raise(s) and {int} lower(s)")
    public void callReturnedWith(int p, Api api, Irql irql, int raises, int lowers) {
        CallResult r = lastOf.getOrDefault(p, Map.of()).get(api);
        if (r == null) {
            throw new IllegalStateException("the scenario checks processor " + p + "'s " + api + " but made no such call on it");
        }
        KernelAssertions.assertThat(r).inClause(clauseNote()).returnedAtAfter(irql, raises, lowers);
    }

    // ---- pause points ----

    @Given("^processor (\\d+) will pause inside its next (KeLowerIrql|KeRaiseIrql)$")
    public void willPauseIn(int p, String routine) {
        pause = machine().pauseAt(p, routine.equals("KeRaiseIrql") ? HalOp.RAISE : HalOp.LOWER, PausePoint.Position.BEFORE, 1);
    }

    @Then("^processor (\\d+) pauses inside (KeLowerIrql|KeRaiseIrql)$")
    public void pausesIn(int p, String routine) {
        if (!pause.awaitArrival(machine.config().callBound())) {
            PendingCall c = started.get(p);
            if (c != null && c.isDone()) {
                expectReturn(c.result());
            }
            String outcome = c != null && c.isDone() ? c.result().describe() : "still running";
            throw new AssertionError(startedApiName(p) + " on processor " + p + " made no " + routine + " call: " + outcome
                    + clauseNote());
        }
    }

    @Given("processor {int} will pause just after its next KeRaiseIrql")
    public void willPauseAfterRaise(int p) {
        pause = machine().pauseAt(p, HalOp.RAISE, PausePoint.Position.AFTER, 1);
    }

    /**
     * The processor is held inside its KeRaiseIrql once the new IRQL has taken effect, and that IRQL is {@code irql}.
     * Fails, naming the call and its entry IRQL, when the call returns (or bug-checks) without calling KeRaiseIrql, or
     * when it raises to another level: {@code NdisAcquireSpinLock on processor 0, entered at PASSIVE_LEVEL, raised the
     * IRQL to APC_LEVEL with KeRaiseIrql; it must raise it to DISPATCH_LEVEL}.
     */
    @Then("processor {int} pauses just after KeRaiseIrql, at {irql}")
    public void pausesAfterRaise(int p, Irql irql) {
        PendingCall c = started.get(p);
        long deadline = System.nanoTime() + machine.config().callBound().toNanos();
        boolean arrived = pause.awaitArrival(Duration.ofMillis(20));
        while (!arrived && (c == null || !c.isDone()) && System.nanoTime() < deadline) {
            arrived = pause.awaitArrival(Duration.ofMillis(20));
        }
        String call = startedApiName(p) + " on processor " + p + ", entered at " + startedAt.get(p) + ",";
        if (!arrived) {
            if (c != null && c.isDone()) {
                expectReturn(c.result());
                throw new AssertionError(call + " returned at " + c.result().exitIrql() + " without calling KeRaiseIrql; it"
                        + " must raise the IRQL to " + irql + clauseNote());
            }
            throw new AssertionError(call + " made no KeRaiseIrql call within " + machine.config().callBound().toMillis()
                    + " ms; it must raise the IRQL to " + irql + clauseNote());
        }
        Irql now = machine.irql(p);
        if (!now.equals(irql)) {
            throw new AssertionError(call + " raised the IRQL to " + now + " with KeRaiseIrql; it must raise it to " + irql
                    + clauseNote());
        }
    }

    @When("processor {int} is let go")
    public void letGo(int p) {
        pause.release();
    }

    @Then("processor {int} returns from {api} at {irql}")
    public void returnsFrom(int p, Api api, Irql irql) {
        CallResult r = pending(p).await();
        expectReturn(r);
        started.remove(p);
        lastOf.computeIfAbsent(p, k -> new HashMap<>()).put(api, r);
        KernelAssertions.assertThat(r).inClause(clauseNote()).restoredTheIrqlOf(Api.NdisAcquireSpinLock.name(), irql);
    }

    @Then("processor {int} at {irql} can take and give back lock {string} with {api} and {api}")
    public void canTakeAndGiveBack(int p, Irql irql, String label, Api acquire, Api release) {
        at(p, irql);
        NdisSpinLock lock = lock(label);
        PendingCall take = machine.callAsync(p, acquire.name(), label, () -> acquire.invoke(family, lock));
        Optional<CallResult> got = take.await(PROBE_WAIT);
        if (got.isEmpty()) {
            String holder = holderOf(label, p);
            if (pause != null) {
                pause.release();
            }
            throw new AssertionError("processor " + p + " could not take lock " + label + " with " + acquire + " within "
                    + PROBE_WAIT.toMillis() + " ms: the lock is still held" + (holder.isEmpty() ? ", although no processor holds it" : " (by processor " + holder
                    + (pause != null && pause.hasArrived() ? ", paused inside " + pause.op().kernelName() : "") + ")")
                    + clauseNote());
        }
        record(p, acquire, got.get());
        expectReturn(got.get());
        expectReturn(call(p, release, label));
    }

    // ---- contention ----

    @When("{int} processors each run {int} critical sections on lock {string} with NdisAcquireSpinLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn")
    public void contend(int processors, int rounds, String label) {
        List<Contention.Plan> plans = new ArrayList<>();
        for (int p = 0; p < processorsUpTo(processors); p++) {
            plans.add(new Contention.Plan(p, Api.NdisAcquireSpinLock, Api.NdisReleaseSpinLock, ENTRY_LEVELS));
        }
        runContention(label, plans, rounds, true);
    }

    @When("2 processors run {int} critical sections each on lock {string}, processor 0 with NdisAcquireSpinLock from PASSIVE_LEVEL and APC_LEVEL, processor 1 with NdisDprAcquireSpinLock at DISPATCH_LEVEL")
    public void contendMixed(int rounds, String label) {
        runContention(label, List.of(
                new Contention.Plan(0, Api.NdisAcquireSpinLock, Api.NdisReleaseSpinLock, List.of(Irql.PASSIVE_LEVEL, Irql.APC_LEVEL)),
                new Contention.Plan(1, Api.NdisDprAcquireSpinLock, Api.NdisDprReleaseSpinLock, List.of(Irql.DISPATCH_LEVEL))),
                rounds, true);
    }

    @When("{int} processors each run {int} critical sections on lock {string} with NdisDprAcquireSpinLock at DISPATCH_LEVEL")
    public void contendDpr(int processors, int rounds, String label) {
        List<Contention.Plan> plans = new ArrayList<>();
        for (int p = 0; p < processorsUpTo(processors); p++) {
            plans.add(new Contention.Plan(p, Api.NdisDprAcquireSpinLock, Api.NdisDprReleaseSpinLock, List.of(Irql.DISPATCH_LEVEL)));
        }
        runContention(label, plans, rounds, true);
    }

    @When("every processor runs {int} acquire and release cycles on lock {string}, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn")
    public void cycles(int rounds, String label) {
        List<Contention.Plan> plans = new ArrayList<>();
        for (int p = 0; p < machine().processorCount(); p++) {
            plans.add(new Contention.Plan(p, Api.NdisAcquireSpinLock, Api.NdisReleaseSpinLock, ENTRY_LEVELS));
        }
        runContention(label, plans, rounds, false);
    }

    @Then("no two processors were ever inside the critical section of lock {string} at once")
    public void exclusive(String label) {
        noFindings("mutual exclusion of lock " + label + " broken ", f -> f.overlaps, f -> f.overlapCount);
    }

    @Then("every critical section saw the data written by the previous owner")
    public void sawPreviousData() {
        noFindings("a critical section did not see the previous owner's writes ", f -> f.staleData, f -> f.staleCount);
    }

    @Then("every processor ran at DISPATCH_LEVEL inside every critical section")
    public void dispatchInside() {
        noFindings("a critical section ran below DISPATCH_LEVEL ", f -> f.wrongIrqlInside, f -> f.wrongIrqlInsideCount);
    }

    @Then("every release restored the IRQL its acquire was entered at")
    public void everyReleaseRestored() {
        noFindings("the IRQL was not restored ", f -> f.wrongIrqlAfter, f -> f.wrongIrqlAfterCount);
    }

    private void noFindings(String what, java.util.function.Function<Contention.Findings, java.util.Queue<String>> kept,
                            java.util.function.Function<Contention.Findings, java.util.concurrent.atomic.AtomicLong> count) {
        if (findings.isEmpty()) {
            throw new IllegalStateException("the scenario checks the critical sections of lock A before running any");
        }
        for (Contention.Findings f : findings) {
            if (count.apply(f).get() > 0) {
                // the clause goes on the first line; a counterexample, when there is one, follows
                String message = what + Contention.summary(kept.apply(f), count.apply(f));
                int nl = message.indexOf('\n');
                throw new AssertionError(nl < 0 ? message + clauseNote()
                        : message.substring(0, nl) + clauseNote() + message.substring(nl));
            }
        }
    }

    // ---- misuse ----

    @When("processor {int} at {irql} wrongly calls {api} on lock {string}")
    public void wronglyCallsAt(int p, Irql irql, Api api, String label) {
        at(p, irql);
        wronglyCalls(p, api, label);
    }

    @When("processor {int} wrongly calls {api} on lock {string}")
    public void wronglyCalls(int p, Api api, String label) {
        misuseDescription = api + " on processor " + p + " at " + machine().irql(p) + " with lock " + label;
        try {
            misuse = call(p, api, label);
        } catch (AssertionError deadlock) {
            throw new AssertionError(misuseDescription + " was not reported: instead " + deadlock.getMessage(), deadlock);
        }
        if (misuse.timedOut()) {
            throw new ImplementationFault(misuseDescription + " hung instead of reporting the misuse" + clauseNote()
                    + "\n" + misuse.report());
        }
    }

    @Then("^the implementation reports an? (\\S+) violation$")
    public void reportsViolation(String rule) {
        assertThat(misuse).as("no misuse call was made before this step").isNotNull();
        KernelAssertions.assertThat(misuse).inClause(clauseNote()).reportedAsMisuseOf(misuseDescription, rule);
    }

    // ---- DPCs ----

    @When("a DPC that takes lock {string} is queued to processor {int}")
    public void queueDpc(String label, int p) {
        dpcLabel = "DPC for processor " + p;
        NdisSpinLock lock = lock(label);
        machine().queueDpc(p, dpcLabel, () -> {
            ApiCall in = machine.currentCall(p);
            dpcStart = "while processor " + p + " was " + (in == null ? "between calls" : "in " + in.describe())
                    + ", holding " + (machine.locksHeld(p).isEmpty() ? "no lock" : "lock " + String.join(", ", machine.locksHeld(p)))
                    + " (so its IRQL was below DISPATCH_LEVEL)";
            dpcTake = machine.call(p, Api.NdisDprAcquireSpinLock.name(), label, () -> Api.NdisDprAcquireSpinLock.invoke(family, lock));
            if (dpcTake.returned()) {
                dpcGive = machine.call(p, Api.NdisDprReleaseSpinLock.name(), label, () -> Api.NdisDprReleaseSpinLock.invoke(family, lock));
            }
        });
    }

    @Then("the DPC has not run")
    public void dpcNotRun() throws InterruptedException {
        Thread.sleep(50);
        String started = dpcStart;
        if (started != null) {
            throw new AssertionError("the " + dpcLabel + " ran " + started + ": a processor that holds a spin lock, or"
                    + " is acquiring one, must be at DISPATCH_LEVEL, where no DPC runs" + clauseNote());
        }
    }

    @Then("the DPC ran on processor {int} after lock {string} was released")
    public void dpcRanAfterRelease(int p, String label) throws InterruptedException {
        long deadline = System.nanoTime() + machine.config().callBound().toNanos();
        while (dpcRun().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        DpcRun run = dpcRun().orElseThrow(() -> new AssertionError("the " + dpcLabel + " never ran after " + label
                + " was released; processor " + p + " is at " + machine.irql(p) + clauseNote()));
        assertThat(run.processor()).as("processor the DPC ran on").isEqualTo(p);
        if (run.startSequence() < releaseSequence) {
            throw new AssertionError("the " + dpcLabel + " ran before NdisReleaseSpinLock of lock " + label
                    + " was called: the lock was held below DISPATCH_LEVEL" + clauseNote());
        }
        if (dpcTake == null || !dpcTake.returned()) {
            throw new AssertionError("the " + dpcLabel + " could not take lock " + label + " with NdisDprAcquireSpinLock after"
                    + " it was released: " + (dpcTake == null ? "it never called it" : dpcTake.describe()) + clauseNote());
        }
        expectReturn(dpcGive);
    }

    // ---- DPCs at any point, under the kit's scheduler ----

    @When("{int} processors each run critical sections on lock {string} with NdisAcquireSpinLock, entering at PASSIVE_LEVEL and APC_LEVEL, while a DPC that takes lock {string} may arrive at any point")
    public void dpcAnyPoint(int processors, String label, String same) {
        if (!label.equals(same)) {
            throw new IllegalStateException("the scenario's DPC takes another lock than the processors");
        }
        List<Contention.Plan> plans = new ArrayList<>();
        for (int p = 0; p < processorsUpTo(processors); p++) {
            plans.add(new Contention.Plan(p, Api.NdisAcquireSpinLock, Api.NdisReleaseSpinLock, List.of(Irql.PASSIVE_LEVEL, Irql.APC_LEVEL)));
        }
        SuiteContext.Schedules schedules = context.schedules();
        if (schedules.explore() > 0 || schedules.replay() != null) {
            AnyPointDpcs dpcs = new AnyPointDpcs(label);
            Contention.Findings found = new ControlledTier(context, clauses, clauseNote())
                    .explore(label, plans.subList(0, Math.min(plans.size(), CONTROLLED_PROCESSORS)), 2, false, this::freshSetup, dpcs);
            findings.add(found);
            if (found.total() > 0 || schedules.replay() != null || !schedules.stress()) {
                return;
            }
        }
        stressDpcs(label, plans, STRESS_DPC_ROUNDS);
    }

    /** Rounds of each processor in the stress tier of DPCs at any point. */
    private static final int STRESS_DPC_ROUNDS = 500;

    /**
     * The stress tier of DPCs at any point: the processors contend on real threads while the scenario's thread keeps
     * queueing DPCs that take the lock to one processor after another; each DPC checks that its processor was not inside
     * its critical section when it began.
     */
    private void stressDpcs(String label, List<Contention.Plan> plans, int rounds) {
        contention = new Contention(machine(), family, lock(label), label, false, context.seed());
        findings.add(contention.findings);
        NdisSpinLock lock = lock(label);
        java.util.Queue<String> wrong = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.List<CallResult> failedDpcCalls = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<PendingCall> calls = DpcStream.during(machine, plans.stream().map(Contention.Plan::processor).toList(),
                context.seed(), (n, p) -> new DpcStream.Dpc("DPC " + n + " taking lock " + label, () -> {
                    if (contention.holding(p)) {
                        wrong.add("a DPC ran on processor " + p + " while it was inside its critical section of lock "
                                + label + ", so below DISPATCH_LEVEL: the lock must be held at DISPATCH_LEVEL");
                    }
                    CallResult take = machine.call(p, Api.NdisDprAcquireSpinLock.name(), label,
                            () -> Api.NdisDprAcquireSpinLock.invoke(family, lock));
                    CallResult give = take.returned() ? machine.call(p, Api.NdisDprReleaseSpinLock.name(), label,
                            () -> Api.NdisDprReleaseSpinLock.invoke(family, lock)) : take;
                    if (!give.returned()) {
                        failedDpcCalls.add(give);
                    }
                }), () -> contention.run(plans, rounds));
        if (!wrong.isEmpty()) {
            throw new AssertionError(wrong.size() + " time(s); first: " + wrong.peek() + clauseNote());
        }
        for (CallResult r : failedDpcCalls) {
            expectReturn(r);
        }
        endOfStress(label, plans, calls, rounds, " while DPCs took it too");
    }

    /**
     * What the stress tier's calls came to: a lock left taken with no owner is the lock's failure (the waiters ran and
     * spun, and no owner was left to free it), a lack of progress otherwise a hang, and each call must have returned.
     */
    private void endOfStress(String label, List<Contention.Plan> plans, List<PendingCall> calls, int rounds, String doing) {
        String leftTaken = contention.leftTakenWithNoOwner(plans, calls, machine.config().callBound().toMillis());
        if (leftTaken != null) {
            throw new AssertionError(leftTaken + clauseNote());
        }
        for (PendingCall c : calls) {
            CallResult r = c.isDone() ? c.result() : c.await();
            if (r.timedOut()) {
                throw new ImplementationFault("processors contending for lock " + label + doing + " made no progress for "
                        + machine.config().callBound().toMillis() + " ms (after " + contention.sections()
                        + " critical sections in all, of " + rounds + " rounds each)" + clauseNote() + "\n" + r.report());
            }
            expectReturn(r);
        }
    }

    @Then("no DPC ran on a processor while it held lock {string}")
    public void noDpcWhileHeld(String label) {
        noFindings("a DPC ran while its processor held lock " + label + " ", f -> f.wrongIrqlInside, f -> f.wrongIrqlInsideCount);
    }

    /** One DPC per schedule, to a processor and at a step drawn from the schedule's seed; it takes and gives back the lock. */
    private final class AnyPointDpcs implements ControlledTier.Dpcs {
        private final String label;
        private volatile String finding;

        AnyPointDpcs(String label) {
            this.label = label;
        }

        @Override
        public SimulatedMachine.PlannedDpc plan(ControlledTier.Setup setup, Contention rounds, java.util.SplittableRandom random,
                                                int processors, long horizon) {
            finding = null;
            int p = random.nextInt(processors);
            long at = 1 + random.nextLong(Math.max(1, horizon / processors));
            SimulatedMachine m = setup.machine();
            return new SimulatedMachine.PlannedDpc(p, at, "DPC taking lock " + label, () -> {
                if (rounds.holding(p)) {
                    finding = "a DPC ran on processor " + p + " (arriving at its schedule point " + at + ") inside its critical"
                            + " section of lock " + label + ", so below DISPATCH_LEVEL: the lock must be held at DISPATCH_LEVEL";
                    Scheduler.halt(finding);
                }
                CallResult take = m.call(p, Api.NdisDprAcquireSpinLock.name(), label,
                        () -> Api.NdisDprAcquireSpinLock.invoke(setup.family(), setup.lock()));
                if (take.returned()) {
                    m.call(p, Api.NdisDprReleaseSpinLock.name(), label, () -> Api.NdisDprReleaseSpinLock.invoke(setup.family(), setup.lock()));
                }
            });
        }

        @Override
        public String finding() {
            return finding;
        }
    }

    // ---- helpers ----

    private SimulatedMachine machine() {
        if (machine == null) {
            int processors = Math.max(context.processors(), minimumProcessors);
            machine = new SimulatedMachine(MachineConfig.defaults().withProcessors(processors)
                    .withCallBound(context.callTimeout()).withSeed(context.seed()));
            family = createFamily(machine);
        }
        return machine;
    }

    private NdisSpinLockFamily createFamily(SimulatedMachine m) {
        NdisSpinLockFamily f;
        try {
            f = provider.create(m.hal());
        } catch (RuntimeException | LinkageError e) {
            Throwable copy = io.ddikit.kernel.Thrown.of(e);
            throw new ImplementationFault("implementation '" + context.target().name() + "' could not create its family: " + copy, copy);
        }
        if (f == null) {
            throw new ImplementationFault("implementation '" + context.target().name() + "' returned no family from create(Hal)");
        }
        return f;
    }

    private int processorsUpTo(int wanted) {
        return Math.min(wanted, machine().processorCount());
    }

    private void declare(String label) {
        machine();
        locks.put(label, newLock(family));
    }

    private NdisSpinLock newLock(NdisSpinLockFamily f) {
        NdisSpinLock lock;
        try {
            lock = f.newLock();
        } catch (RuntimeException | LinkageError e) {
            Throwable copy = io.ddikit.kernel.Thrown.of(e);
            throw new ImplementationFault("newLock() of implementation '" + context.target().name() + "' threw " + copy, copy);
        }
        if (lock == null) {
            throw new ImplementationFault("newLock() of implementation '" + context.target().name() + "' returned null");
        }
        return lock;
    }

    private NdisSpinLock lock(String label) {
        NdisSpinLock lock = locks.get(label);
        if (lock == null) {
            throw new IllegalStateException("the scenario uses lock " + label + " before declaring it");
        }
        return lock;
    }

    private void at(int p, Irql irql) {
        machine().setIrql(p, irql);
    }

    private CallResult call(int p, Api api, String label) {
        NdisSpinLock lock = lock(label);
        if (api == Api.NdisReleaseSpinLock) {
            releaseSequence = machine.sequenceNow();
        }
        CallResult r = awaitAlone(p, api, label, machine.callAsync(p, api.name(), label, () -> api.invoke(family, lock)));
        record(p, api, r);
        return r;
    }

    /** Spin-wait turns a lone call must make, every other processor idle, before the kit calls it a deadlock. */
    static final long SPINS_ALONE = 200_000;

    /**
     * Waits for a call that no other processor's activity can affect. If it only spins while every other processor is
     * idle, nothing can ever free what it waits for: that is a deadlock, the lock's failure, found without waiting for
     * the call bound.
     */
    private CallResult awaitAlone(int p, Api api, String label, PendingCall pending) {
        long spins0 = machine.spinTurns(p);
        long since = System.nanoTime();
        long last = spins0;
        // on a host so loaded that it spins slowly, half the call bound of spinning alone is as good as the count
        long halfBound = machine.config().callBound().toNanos() / 2;
        while (true) {
            Optional<CallResult> r = pending.await(Duration.ofMillis(20));
            if (r.isPresent()) {
                return r.get();
            }
            long spins = machine.spinTurns(p);
            boolean alone = machine.idleExcept(p);
            long turns = spins - spins0;
            if (alone && spins > last && (turns >= SPINS_ALONE || turns >= SPINS_ALONE / 20 && System.nanoTime() - since >= halfBound)) {
                throw new AssertionError(lonelyDeadlock(p, api, label, turns) + clauseNote());
            }
            if (!alone) {
                spins0 = spins;
                since = System.nanoTime();
            }
            last = spins;
        }
    }

    private String lonelyDeadlock(int p, Api api, String label, long spins) {
        String dpc = machine.runningDpc(p);
        String who = dpc == null ? api + " on processor " + p
                : "the " + dpc + ", which interrupted " + api + " on processor " + p + " at " + machine.interruptedIrql(p) + ",";
        String holder = "";
        for (int q = 0; q < machine.processorCount(); q++) {
            if (machine.locksHeld(q).contains(label)) {
                holder = Integer.toString(q);
            }
        }
        String base = who + " spun " + spins + " times on lock " + label + " while every other processor was idle";
        if (holder.equals(Integer.toString(p))) {
            return base + ": a deadlock, since processor " + p + " itself holds lock " + label
                    + (dpc == null ? "" : ": " + api + " let the IRQL drop below DISPATCH_LEVEL while lock " + label + " was still taken");
        }
        if (!holder.isEmpty()) {
            return base + ": a deadlock, since lock " + label + " is held by processor " + holder + ", which is idle";
        }
        int q = LockProbe.idleOtherThan(machine, p);
        LockProbe.Finding probe = q < 0 ? LockProbe.Finding.UNKNOWN : LockProbe.probe(machine, family, lock(label), label, q);
        if (probe == LockProbe.Finding.FREE) {
            return base + ", yet lock " + label + " is free: a probe from processor " + q + " took it at once, while the"
                    + " waiter never does (its loop never sees the lock released, or waits for a turn that never comes)";
        }
        String probed = probe == LockProbe.Finding.TAKEN ? " (a probe from processor " + q + " could not take it either)" : "";
        String release = lastRelease.get(label);
        return release == null
                ? base + ": lock " + label + " is taken although no processor holds it" + probed + "; no release had returned, so it was never free after NdisAllocateSpinLock"
                : release + " returned, but lock " + label + " is still taken" + probed + ": " + base;
    }

    private void record(int p, Api api, CallResult r) {
        lastCall.put(p, r);
        lastOf.computeIfAbsent(p, k -> new HashMap<>()).put(api, r);
        if (r.returned() && (api == Api.NdisReleaseSpinLock || api == Api.NdisDprReleaseSpinLock)) {
            Irql entered = entryIrql.getOrDefault(p, Map.of()).get(r.call().lockLabel());
            lastRelease.put(r.call().lockLabel(), api + " on processor " + p
                    + (entered == null ? "" : " (entered at " + entered + ")"));
        }
        if (!api.acquires() && api != Api.NdisAllocateSpinLock && api != Api.NdisFreeSpinLock) {
            Irql entered = entryIrql.getOrDefault(p, Map.of()).get(r.call().lockLabel());
            if (entered == null) {
                releasedEntry.remove(p);
            } else {
                releasedEntry.put(p, entered);
            }
        }
        if (api != Api.NdisAllocateSpinLock && api != Api.NdisFreeSpinLock) {
            long[] rl = raisesLowers.computeIfAbsent(p, k -> new long[2]);
            rl[0] += r.raises();
            rl[1] += r.lowers();
        }
    }

    private void runContention(String label, List<Contention.Plan> plans, int rounds, boolean checkData) {
        SuiteContext.Schedules schedules = context.schedules();
        if (schedules.explore() > 0 || schedules.replay() != null) {
            List<Contention.Plan> few = plans.subList(0, Math.min(plans.size(), CONTROLLED_PROCESSORS));
            int controlledRounds = few.size() <= 2 ? 3 : 2;
            Contention.Findings found = new ControlledTier(context, clauses, clauseNote())
                    .explore(label, few, controlledRounds, checkData, this::freshSetup, null);
            findings.add(found);
            if (found.total() > 0 || schedules.replay() != null || !schedules.stress()) {
                return;
            }
        }
        stressContention(label, plans, rounds, checkData);
    }

    /** A machine of the scenario's size with the implementation's family and an allocated lock, for one schedule. */
    private ControlledTier.Setup freshSetup() {
        SimulatedMachine m = new SimulatedMachine(MachineConfig.defaults().withProcessors(machine().processorCount())
                .withCallBound(context.callTimeout()).withSeed(context.seed()));
        try {
            NdisSpinLockFamily f = createFamily(m);
            NdisSpinLock lock = newLock(f);
            expectReturn(m.call(0, Api.NdisAllocateSpinLock.name(), "A", () -> f.allocateSpinLock(lock)));
            return new ControlledTier.Setup(m, f, lock);
        } catch (RuntimeException | Error e) {
            m.close();
            throw e;
        }
    }

    private void stressContention(String label, List<Contention.Plan> plans, int rounds, boolean checkData) {
        contention = new Contention(machine(), family, lock(label), label, checkData, context.seed());
        findings.add(contention.findings);
        List<PendingCall> calls;
        // Schedule noise at the implementation's memory operations widens narrow races (see io.ddikit.sched).
        machine().noise(Noise.Config.stress(context.seed()));
        try {
            calls = contention.run(plans, rounds);
        } finally {
            machine().noise(null);
        }
        endOfStress(label, plans, calls, rounds, "");
    }

    /** A call that must return normally: a bug check fails the clause, a crash or hang is the implementation's error. */
    private void expectReturn(CallResult r) {
        switch (r.outcome()) {
            case RETURNED:
                return;
            case BUG_CHECKED:
                KernelAssertions.assertThat(r).inClause(clauseNote()).didNotBugCheck();
                return;
            case THREW:
                throw new ImplementationFault(r.describe() + clauseNote(), r.thrown());
            default:
                throw new ImplementationFault(r.call().apiName() + " on processor " + r.call().processor()
                        + " did not return within " + machine.config().callBound().toMillis() + " ms" + clauseNote()
                        + "\n" + r.report());
        }
    }

    private PendingCall pending(int p) {
        PendingCall c = started.get(p);
        if (c == null) {
            throw new IllegalStateException("the scenario waits for processor " + p + " but started no call on it");
        }
        return c;
    }

    private Optional<DpcRun> dpcRun() {
        return machine.dpcRuns().stream().filter(r -> r.label().equals(dpcLabel)).findFirst();
    }

    private String holderOf(String label, int except) {
        for (int q = 0; q < machine.processorCount(); q++) {
            if (q != except && machine.locksHeld(q).contains(label)) {
                return Integer.toString(q);
            }
        }
        for (Map.Entry<Integer, String> e : startedLock.entrySet()) {
            if (e.getKey() != except && e.getValue().equals(label)) {
                return Integer.toString(e.getKey());
            }
        }
        return "";
    }

    private String lastCallName(int p) {
        CallResult r = lastCall.get(p);
        return r == null ? startedApiName(p) : r.call().apiName();
    }

    private String startedApiName(int p) {
        Api a = startedApi.get(p);
        return a == null ? "the last call" : a.name();
    }

    private String clauseNote() {
        return clauses.isEmpty() ? "" : " (clause " + String.join(", ", clauses) + ")";
    }

    private String traceExcerpt() {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < machine.processorCount(); p++) {
            String ex = machine.excerpt(p, 15);
            if (!ex.isBlank()) {
                sb.append("processor ").append(p).append(" (now at ").append(machine.irql(p)).append("):\n").append(ex);
                if (!ex.endsWith("\n")) {
                    sb.append('\n');
                }
            }
        }
        for (BugCheckRecord b : machine.bugChecks()) {
            sb.append(b).append('\n');
        }
        return sb.toString();
    }
}
