package io.ddikit.steps.ke;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.ParameterType;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.ddikit.kernel.BugCheckRecord;
import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.HalOp;
import io.ddikit.kernel.LockEffect;
import io.ddikit.kernel.MachineConfig;
import io.ddikit.kernel.PausePoint;
import io.ddikit.kernel.PendingCall;
import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.kernel.assertions.KernelAssertions;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ke.KSpinLock;
import io.ddikit.spi.ke.KeSpinLockFamily;
import io.ddikit.spi.ke.KeSpinLockProvider;
import io.ddikit.spi.ke.OldIrql;
import io.ddikit.suite.SuiteContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps of the kernel executive spin lock features. One instance per scenario: a fresh simulated machine, fresh locks,
 * fresh {@code OldIrql} variables. The {@code OldIrql} variables are the kit's ({@link Cell}): every write the
 * implementation makes is recorded with its processor and which processors held which locks then, as the calls that
 * had returned say ({@link SimulatedMachine#locksHeld()}); recording makes no HAL call.
 *
 * <p>Every wait is bounded: a processor "is still spinning" once it has made {@value #SPIN_TURNS} spin-wait turns
 * inside its call; a call that should return is awaited for the kit's call bound at most.
 */
public final class KeSpinLockSteps {
    /** How many spin-wait turns make the kit believe a processor waits for the lock. */
    private static final int SPIN_TURNS = 20;
    /** How long the kit waits for a processor to reach a pause point. */
    private static final Duration ARRIVAL = Duration.ofSeconds(5);

    /** The tag every feature of this family carries: the family's hooks run for its scenarios only. */
    static final String FAMILY_TAG = "@family:" + KeSpinLocks.ID;

    static final String INITIALIZE = "KeInitializeSpinLock";
    static final String ACQUIRE = "KeAcquireSpinLock";
    static final String RELEASE = "KeReleaseSpinLock";
    static final String AT_DPC_LEVEL = "KeAcquireSpinLockAtDpcLevel";
    static final String FROM_DPC_LEVEL = "KeReleaseSpinLockFromDpcLevel";
    static final String TEST = "KeTestSpinLock";
    static final String TRY = "KeTryToAcquireSpinLockAtDpcLevel";

    private final SuiteContext context;
    private KeSpinLockProvider provider;
    private int minimumProcessors = 2;
    private SimulatedMachine machine;
    private KeSpinLockFamily family;
    private final Map<String, KSpinLock> locks = new HashMap<>();
    /** Per processor and lock: the OldIrql variable of its last KeAcquireSpinLock. */
    private final Map<String, Cell> cells = new HashMap<>();
    /** A variable the caller uses for every lock, as a global would be (the page: not for two locks). */
    private Cell shared;
    private final Map<Integer, CallResult> lastCall = new HashMap<>();
    private final Map<Integer, Boolean> lastAnswer = new HashMap<>();
    private final Map<Integer, PendingCall> started = new HashMap<>();
    private final Map<Integer, String> startedApi = new HashMap<>();
    private final Map<Integer, AtomicReference<Boolean>> startedAnswer = new HashMap<>();
    private PausePoint pause;
    private CallResult misuse;

    /** One write to an {@code OldIrql} variable, as the kit saw it. */
    record Write(Irql value, String thread, Map<Integer, List<String>> holdersThen) {
        boolean heldByAnotherThan(int p, String label) {
            return holdersThen.entrySet().stream().anyMatch(e -> e.getKey() != p && e.getValue().contains(label));
        }
    }

    /** The caller's {@code KIRQL OldIrql} variable. */
    final class Cell implements OldIrql {
        final List<Write> writes = new CopyOnWriteArrayList<>();
        private volatile Irql value;

        @Override
        public void set(Irql previous) {
            writes.add(new Write(previous, Thread.currentThread().getName(), machine.locksHeld()));
            value = previous;
        }

        @Override
        public Irql get() {
            return value;
        }
    }

    @ParameterType("PASSIVE_LEVEL|APC_LEVEL|DISPATCH_LEVEL|CLOCK_LEVEL|IPI_LEVEL|HIGH_LEVEL|DIRQL \\d+")
    public Irql irql(String name) {
        return Irql.parse(name);
    }

    @ParameterType("KeInitializeSpinLock|KeAcquireSpinLockAtDpcLevel|KeAcquireSpinLock|KeReleaseSpinLockFromDpcLevel"
            + "|KeReleaseSpinLock|KeTestSpinLock|KeTryToAcquireSpinLockAtDpcLevel")
    public String api(String name) {
        return name;
    }

    @ParameterType("TRUE|FALSE")
    public Boolean bool(String b) {
        return "TRUE".equals(b);
    }

    /** Made by the kit's object factory, once per scenario, with the run's context. */
    public KeSpinLockSteps(SuiteContext context) {
        this.context = context;
    }

    @Before(FAMILY_TAG)
    public void before(Scenario scenario) {
        if (!context.target().family().equals(KeSpinLocks.ID)) {
            throw io.ddikit.suite.NotApplicable.because("implementation '"
                    + context.target().name() + "' does not implement the kernel executive spin locks");
        }
        provider = context.target().handle(KeSpinLockProvider.class);
    }

    @After(FAMILY_TAG)
    public void after(Scenario scenario) {
        if (machine == null) {
            return;
        }
        try {
            if (scenario.isFailed()) {
                scenario.attach(excerpt().getBytes(StandardCharsets.UTF_8), "text/plain", "ddikit-trace");
            } else if (misuse == null && !machine.bugChecks().isEmpty()) {
                BugCheckRecord b = machine.bugChecks().get(0);
                scenario.attach(excerpt().getBytes(StandardCharsets.UTF_8), "text/plain", "ddikit-trace");
                throw new AssertionError("processor " + b.processor() + " bug-checked at " + b.irql()
                        + " though the caller kept every rule of the pages: " + b.bugCheck());
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

    @Given("spin lock {string} initialized by processor {int} at {irql}")
    public void initialized(String label, int p, Irql irql) {
        at(p, irql);
        expectReturn(call(p, INITIALIZE, label));
        assertThat(machine.irql(p)).as("the IRQL of processor %d after %s(lock %s), called at %s", p, INITIALIZE,
                label, irql).isEqualTo(irql);
    }

    @Given("spin lock {string} is declared but not initialized")
    public void declared(String label) {
        lock(label);
    }

    @Given("the caller keeps OldIrql in one shared variable for every lock")
    public void sharedOldIrql() {
        shared = new Cell();
    }

    // ---- calls ----

    @When("processor {int} at {irql} calls {api} on lock {string}")
    public void callsAt(int p, Irql irql, String api, String label) {
        at(p, irql);
        calls(p, api, label);
    }

    @When("processor {int} calls {api} on lock {string}")
    public void calls(int p, String api, String label) {
        expectReturn(call(p, api, label));
    }

    @When("processor {int} calls KeReleaseSpinLock on lock {string} with NewIrql {irql}")
    public void releaseWith(int p, String label, Irql newIrql) {
        expectReturn(release(p, label, newIrql));
    }

    @When("processor {int} at {irql} misuses {api} on lock {string}")
    public void misusesAt(int p, Irql irql, String api, String label) {
        at(p, irql);
        misuse = call(p, api, label);
    }

    @When("processor {int} misuses KeReleaseSpinLock on lock {string} with NewIrql {irql}")
    public void misusesRelease(int p, String label, Irql newIrql) {
        misuse = release(p, label, newIrql);
    }

    @When("processor {int} at {irql} starts {api} on lock {string}")
    public void startsAt(int p, Irql irql, String api, String label) {
        at(p, irql);
        starts(p, api, label);
    }

    @When("processor {int} starts {api} on lock {string}")
    public void starts(int p, String api, String label) {
        KSpinLock lock = lock(label);
        AtomicReference<Boolean> answer = new AtomicReference<>();
        startedApi.put(p, api);
        startedAnswer.put(p, answer);
        PendingCall c = switch (api) {
            case ACQUIRE -> {
                Cell cell = cellFor(p, label);
                yield machine.callAsync(p, api, label, () -> family.acquireSpinLock(lock, cell));
            }
            case RELEASE -> {
                Irql newIrql = savedOldIrql(p, label);
                yield machine.callAsync(p, api, label, () -> family.releaseSpinLock(lock, newIrql));
            }
            case AT_DPC_LEVEL -> machine.callAsync(p, api, label, () -> family.acquireSpinLockAtDpcLevel(lock));
            case TRY -> machine.callAsync(p, api, label, LockEffect.NONE,
                    () -> answer.set(family.tryToAcquireSpinLockAtDpcLevel(lock)));
            default -> throw new IllegalArgumentException("the kit starts only the acquire and release routines, not " + api);
        };
        started.put(p, c);
    }

    @Given("processor {int} will pause just before its next KeRaiseIrql")
    public void pauseBeforeRaise(int p) {
        pause = machine().pauseAt(p, HalOp.RAISE, PausePoint.Position.BEFORE, 1);
    }

    @Given("processor {int} will pause just after its next KeLowerIrql")
    public void pauseAfterLower(int p) {
        pause = machine().pauseAt(p, HalOp.LOWER, PausePoint.Position.AFTER, 1);
    }

    @Given("processor {int} will pause at its first spin-wait turn")
    public void pauseAtSpin(int p) {
        pause = machine().pauseAtSpin(p, 1);
    }

    @Then("processor {int} pauses inside {api}, at {irql}")
    public void pauses(int p, String api, Irql irql) {
        assertThat(pause.awaitArrival(ARRIVAL)).as("processor %d reaches %s inside %s", p, pause.describe(), api)
                .isTrue();
        assertThat(machine.irql(p)).as("the IRQL of processor %d while paused inside %s", p, api).isEqualTo(irql);
    }

    @Then("processor {int} either pauses at a spin-wait turn or returns")
    public void pausesOrReturns(int p) {
        PendingCall c = pending(p);
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        while (!pause.hasArrived() && !c.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        if (c.isDone()) {
            expectReturn(c.result());
            lastCall.put(p, c.result());
            started.remove(p);
            pause.release();
        } else {
            assertThat(pause.hasArrived()).as("%s on processor %d neither returned nor reached a spin-wait turn",
                    startedApi.get(p), p).isTrue();
        }
    }

    @When("processor {int} is let go")
    public void letGo(int p) {
        pause.release();
    }

    @Then("processor {int} returns from {api} at {irql}")
    public void returnsAt(int p, String api, Irql irql) {
        KernelAssertions.assertThat(finish(p)).returnedAt(irql);
    }

    @Then("processor {int} acquires lock {string}")
    public void acquires(int p, String label) {
        finish(p);
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
            expectReturn(r);
            throw new AssertionError(startedApi.get(p) + "(lock " + label + ") on processor " + p + " returned at "
                    + r.exitIrql() + " while lock " + label + " was held by " + holders(label, p)
                    + ": two processors own the lock at once");
        }
        assertThat(machine.counts(p).spins() - spinsAtStart)
                .as("spin-wait turns of %s(lock %s) on processor %d, which should wait for the lock", startedApi.get(p),
                        label, p)
                .isGreaterThanOrEqualTo(SPIN_TURNS);
    }

    @Then("processor {int} at {irql} can take and give back lock {string} with KeAcquireSpinLockAtDpcLevel and KeReleaseSpinLockFromDpcLevel")
    public void canTakeAndGiveBack(int p, Irql irql, String label) {
        startsAt(p, irql, AT_DPC_LEVEL, label);
        PendingCall call = started.get(p);
        long deadline = System.nanoTime() + machine.config().callBound().toNanos();
        while (!call.isDone() && machine.counts(p).spins() < SPIN_TURNS && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        if (!call.isDone()) {
            throw new AssertionError(AT_DPC_LEVEL + "(lock " + label + ") on processor " + p + " at " + irql
                    + " is still spinning after " + machine.counts(p).spins() + " spin-wait turns: lock " + label
                    + " is held while " + pauseWords());
        }
        finish(p);
        calls(p, FROM_DPC_LEVEL, label);
    }

    @Then("processor {int}'s {api} returns {bool} without a spin-wait turn")
    public void returnsWithoutSpinning(int p, String api, Boolean expected) {
        PendingCall call = pending(p);
        long deadline = System.nanoTime() + machine.config().callBound().toNanos();
        while (!call.isDone() && machine.counts(p).spins() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        if (!call.isDone()) {
            throw new AssertionError(api + " on processor " + p + " did not return immediately: it made "
                    + machine.counts(p).spins() + " spin-wait turns waiting for the lock");
        }
        finish(p);
        answerIs(p, api, expected);
    }

    // ---- what the caller sees ----

    @Then("processor {int} is at {irql}")
    public void isAt(int p, Irql irql) {
        CallResult r = lastCall.get(p);
        assertThat(machine.irql(p)).as("after %s, the IRQL of processor %d", r == null ? "nothing" : r.describe(), p)
                .isEqualTo(irql);
    }

    @Then("processor {int}'s {api} returned {bool}")
    public void answerIs(int p, String api, Boolean expected) {
        assertThat(lastAnswer.get(p)).as("what %s on processor %d returned", api, p).isEqualTo(expected);
    }

    @Then("processor {int}'s {api} neither raised nor lowered the IRQL")
    public void neitherRaisedNorLowered(int p, String api) {
        KernelAssertions.assertThat(lastCall.get(p)).madeRaisesAndLowers(0, 0).leftTheIrqlUnchanged();
    }

    @Then("processor {int}'s OldIrql for lock {string} holds {irql}")
    public void oldIrqlHolds(int p, String label, Irql irql) {
        Cell c = cells.get(p + ":" + label);
        assertThat(c).as("a KeAcquireSpinLock of lock %s on processor %d", label, p).isNotNull();
        assertThat(c.writes).as("writes of KeAcquireSpinLock(lock %s) on processor %d to its OldIrql", label, p)
                .isNotEmpty();
        assertThat(c.get()).as("the previous IRQL KeAcquireSpinLock(lock %s) on processor %d wrote to OldIrql", label,
                p).isEqualTo(irql);
    }

    @Then("processor {int} has written nothing to its OldIrql for lock {string} while another processor holds it")
    public void nothingWrittenWhileHeld(int p, String label) {
        Cell c = cells.get(p + ":" + label);
        for (Write w : c.writes) {
            assertThat(w.heldByAnotherThan(p, label))
                    .as("KeAcquireSpinLock(lock %s) on processor %d wrote %s to OldIrql while lock %s was held by %s",
                            label, p, w.value(), label, w.holdersThen())
                    .isFalse();
        }
    }

    @Then("the implementation reports the misuse with a bug check naming rule {string}")
    public void misuseReported(String rule) {
        assertThat(misuse).as("the misuse call").isNotNull();
        assertThat(misuse.bugChecked()).as("the misuse %s was reported with a bug check", misuse.describe()).isTrue();
        assertThat(misuse.bugCheck().rule()).as("the DDI compliance rule of %s", misuse.bugCheck()).isEqualTo(rule);
    }

    // ---- helpers ----

    private SimulatedMachine machine() {
        if (machine == null) {
            int processors = Math.max(context.processors(), minimumProcessors);
            machine = new SimulatedMachine(MachineConfig.defaults().withProcessors(processors)
                    .withCallBound(context.callTimeout()).withSeed(context.seed()));
            family = provider.create(machine.hal());
        }
        return machine;
    }

    private void at(int p, Irql irql) {
        machine().setIrql(p, irql);
    }

    private KSpinLock lock(String label) {
        machine();
        return locks.computeIfAbsent(label, l -> family.newLock());
    }

    private Cell cellFor(int p, String label) {
        Cell c = shared != null ? shared : new Cell();
        cells.put(p + ":" + label, c);
        return c;
    }

    private CallResult call(int p, String api, String label) {
        KSpinLock lock = lock(label);
        AtomicReference<Boolean> answer = new AtomicReference<>();
        CallResult r = switch (api) {
            case INITIALIZE -> machine.call(p, api, label, LockEffect.NONE, () -> family.initializeSpinLock(lock));
            case ACQUIRE -> {
                Cell cell = cellFor(p, label);
                yield machine.call(p, api, label, () -> family.acquireSpinLock(lock, cell));
            }
            case RELEASE -> release(p, label, savedOldIrql(p, label));
            case AT_DPC_LEVEL -> machine.call(p, api, label, () -> family.acquireSpinLockAtDpcLevel(lock));
            case FROM_DPC_LEVEL -> machine.call(p, api, label, () -> family.releaseSpinLockFromDpcLevel(lock));
            case TEST -> machine.call(p, api, label, LockEffect.NONE, () -> answer.set(family.testSpinLock(lock)));
            case TRY -> machine.call(p, api, label, LockEffect.NONE,
                    () -> answer.set(family.tryToAcquireSpinLockAtDpcLevel(lock)));
            default -> throw new IllegalArgumentException(api);
        };
        lastCall.put(p, r);
        lastAnswer.put(p, answer.get());
        return r;
    }

    /** What the last KeAcquireSpinLock of {@code label} on {@code p} wrote to its OldIrql: the caller's NewIrql. */
    private Irql savedOldIrql(int p, String label) {
        Cell cell = cells.get(p + ":" + label);
        if (cell == null || cell.get() == null) {
            throw new AssertionError("KeAcquireSpinLock(lock " + label + ") on processor " + p
                    + " wrote no previous IRQL to OldIrql, so the caller has no NewIrql for " + RELEASE);
        }
        return cell.get();
    }

    private CallResult release(int p, String label, Irql newIrql) {
        KSpinLock lock = lock(label);
        CallResult r = machine.call(p, RELEASE, label, () -> family.releaseSpinLock(lock, newIrql));
        lastCall.put(p, r);
        return r;
    }

    private PendingCall pending(int p) {
        PendingCall c = started.get(p);
        if (c == null) {
            throw new IllegalStateException("processor " + p + " has started no call");
        }
        return c;
    }

    private CallResult finish(int p) {
        CallResult r = pending(p).await();
        started.remove(p);
        lastCall.put(p, r);
        lastAnswer.put(p, startedAnswer.get(p).get());
        expectReturn(r);
        return r;
    }

    private void expectReturn(CallResult r) {
        KernelAssertions.assertThat(r).returned();
    }

    private String holders(String label, int except) {
        List<Integer> who = machine.locksHeld().entrySet().stream()
                .filter(e -> e.getKey() != except && e.getValue().contains(label)).map(Map.Entry::getKey).toList();
        return who.isEmpty() ? "no processor the kit knows of" : "processor " + who;
    }

    private String pauseWords() {
        if (pause == null) {
            return "no processor is paused";
        }
        return "processor " + pause.processor() + " is paused " + pause.describe() + " at " + machine.irql(pause.processor());
    }

    private String excerpt() {
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < machine.processorCount(); p++) {
            b.append(machine.excerpt(p, 30)).append('\n');
        }
        return b.toString();
    }
}
