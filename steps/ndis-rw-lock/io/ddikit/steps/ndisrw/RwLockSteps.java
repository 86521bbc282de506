package io.ddikit.steps.ndisrw;

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
import io.ddikit.kernel.Holding;
import io.ddikit.kernel.LockEffect;
import io.ddikit.kernel.MachineConfig;
import io.ddikit.kernel.PausePoint;
import io.ddikit.kernel.PendingCall;
import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.kernel.assertions.KernelAssertions;
import io.ddikit.sched.Noise;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndisrw.NdisRwLock;
import io.ddikit.spi.ndisrw.NdisRwLockFamily;
import io.ddikit.spi.ndisrw.NdisRwLockProvider;
import io.ddikit.suite.ImplementationFault;
import io.ddikit.suite.SuiteContext;
import io.ddikit.trace.Tags;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Steps of the NDIS read-write lock features. One instance per scenario: a fresh simulated machine, fresh locks, fresh
 * LOCK_STATEs of the kit's ({@link KitLockState}). A caller is a processor's own thread ({@code processor 0}) or a named
 * thread of a processor ({@code thread "T2" on processor 0}); the kernel dispatches a named thread only between calls and
 * below DISPATCH_LEVEL.
 *
 * <p>Every wait is bounded. A call the scenario waits for that only spins is a deadlock, the lock's failure, once it has
 * spun {@value #SPINS_ALONE} times while every other processor is idle (the lock is then probed from an idle processor to
 * name the culprit), or {@value #SPINS_OF_A_DEADLOCK} times while every other busy processor only spins in a call the
 * scenario started too. What the scenario learns without a verdict (readers sharing the lock or waiting for each other,
 * the interlocked operations of read acquisitions) is attached to its result as information.
 */
public final class RwLockSteps {
    private static final List<Irql> ENTRY_LEVELS = List.of(Irql.PASSIVE_LEVEL, Irql.APC_LEVEL, Irql.DISPATCH_LEVEL);
    /** How long a processor must keep spinning before the kit believes it is waiting for the lock. */
    private static final int SPIN_TURNS = 20;
    /** How long a probe of the lock waits before the kit calls the lock held. */
    private static final Duration PROBE_WAIT = Duration.ofMillis(1500);
    /** How long the kit watches a thread that must not be dispatched. */
    private static final Duration NOT_DISPATCHED = Duration.ofMillis(200);
    /** The most processors a controlled tier runs at once. */
    private static final int CONTROLLED_PROCESSORS = 3;
    /** Spin-wait turns a call must make, every other processor idle, before the kit calls it a deadlock. */
    static final long SPINS_ALONE = 200_000;
    /** Spin-wait turns a call must make, while every other busy processor only spins too, to be called a deadlock. */
    static final long SPINS_OF_A_DEADLOCK = 20_000;

    /** The tag every feature of this family carries: the family's hooks run for its scenarios only. */
    static final String FAMILY_TAG = "@family:" + NdisRwLocks.ID;

    /** A call the scenario started and has not waited for yet. */
    private record Started(Caller caller, Api api, Access access, String lock, String state, Irql entry,
                           PendingCall call) {
        /** {@code NdisAcquireReadWriteLock for read (lock state R)}. */
        String what() {
            return api.with(access) + (state == null ? "" : " (lock state " + state + ")");
        }

        String describe() {
            return what() + " on " + caller;
        }
    }

    /** An acquisition that returned and was not released yet, as the scenario made it. */
    private record Acquisition(Caller caller, Api api, Access access, String lock, Irql entry) {
    }

    private final SuiteContext context;
    private NdisRwLockProvider provider;
    private List<String> clauses = List.of();
    private int minimumProcessors = 1;
    private SimulatedMachine machine;
    private NdisRwLockFamily family;
    private final Map<String, NdisRwLock> locks = new HashMap<>();
    private final Map<String, KitLockState> states = new LinkedHashMap<>();
    private final Map<String, Acquisition> acquisitions = new HashMap<>();
    /** The acquisitions a release ended, by LOCK_STATE, for the messages about that release. */
    private final Map<String, Acquisition> ended = new HashMap<>();
    private final Map<String, Integer> threads = new HashMap<>();
    private final Map<String, CallResult> lastCall = new HashMap<>();
    private final Map<String, Map<Api, CallResult>> lastOf = new HashMap<>();
    private final Map<String, Started> started = new HashMap<>();
    private final Map<String, String> lastRelease = new HashMap<>();
    private final List<String> information = new ArrayList<>();
    private long readCalls;
    private long readInterlocked;
    private long mostReadInterlocked;
    private PausePoint pause;
    private Caller paused;
    private CallResult misuse;
    private String misuseDescription;
    private final List<RwContention.Findings> findings = new ArrayList<>();
    private String dpcLabel;
    private volatile String dpcStart;
    private volatile CallResult dpcTake;
    private volatile CallResult dpcGive;
    private long releaseSequence = -1;

    @ParameterType("PASSIVE_LEVEL|APC_LEVEL|DISPATCH_LEVEL|CLOCK_LEVEL|IPI_LEVEL|HIGH_LEVEL|DIRQL \\d+")
    public Irql irql(String name) {
        return Irql.parse(name);
    }

    @ParameterType(Api.PATTERN)
    public Api api(String name) {
        return Api.valueOf(name);
    }

    @ParameterType("read|write")
    public Access access(String word) {
        return Access.of(word);
    }

    @ParameterType(Caller.PATTERN)
    public Caller who(String text) {
        if (text.startsWith("processor ")) {
            return new Caller(Integer.parseInt(text.substring("processor ".length())), "");
        }
        int open = text.indexOf('"');
        int close = text.indexOf('"', open + 1);
        String name = text.substring(open + 1, close);
        int on = text.indexOf(" on processor ");
        if (on >= 0) {
            int p = Integer.parseInt(text.substring(on + " on processor ".length()));
            Integer known = threads.putIfAbsent(name, p);
            if (known != null && known != p) {
                throw new IllegalStateException("the scenario puts thread " + name + " on processor " + p
                        + " after processor " + known);
            }
            return new Caller(p, name);
        }
        Integer p = threads.get(name);
        if (p == null) {
            throw new IllegalStateException("the scenario names thread " + name + " before saying on which processor it runs");
        }
        return new Caller(p, name);
    }

    /** Made by the kit's object factory, once per scenario, with the run's context. */
    public RwLockSteps(SuiteContext context) {
        this.context = context;
    }

    @Before(FAMILY_TAG)
    public void before(Scenario scenario) {
        if (!context.target().family().equals(NdisRwLocks.ID)) {
            throw io.ddikit.suite.NotApplicable.because("implementation '" + context.target().name()
                    + "' does not implement the NDIS read-write locks");
        }
        provider = context.target().handle(NdisRwLockProvider.class);
        clauses = Tags.clauseIds(scenario.getSourceTagNames());
    }

    @After(FAMILY_TAG)
    public void after(Scenario scenario) {
        if (machine == null) {
            return;
        }
        try {
            if (readCalls > 0) {
                information.add("read acquisitions made " + readInterlocked + " interlocked operation(s) in " + readCalls
                        + " call(s), at most " + mostReadInterlocked + " in one (the page says read access does not require"
                        + " interlocked operations; this is information, not a verdict)");
            }
            String info = information.isEmpty() ? "" : "information: " + String.join("\ninformation: ", information) + "\n";
            if (scenario.isFailed()) {
                scenario.attach((info + traceExcerpt()).getBytes(StandardCharsets.UTF_8), "text/plain", "ddikit-trace");
                return;
            }
            if (!info.isEmpty()) {
                scenario.attach(info.getBytes(StandardCharsets.UTF_8), "text/plain", "ddikit-trace");
            }
            for (KitLockState s : states.values()) {
                KitLockState.Write w = s.firstForeignWrite();
                if (w != null) {
                    throw new AssertionError(w.describe() + " of lock state " + s.label() + ", which is the LOCK_STATE of"
                            + " another acquisition: a LOCK_STATE is the caller's storage for the one acquisition it was given to"
                            + clauseNote());
                }
            }
            if (misuse == null && !machine.bugChecks().isEmpty()) {
                BugCheckRecord b = machine.bugChecks().get(0);
                throw new AssertionError((b.processor() < 0 ? "a thread that is not a simulated processor bug-checked"
                        : "processor " + b.processor() + " bug-checked at " + b.irql()) + " though the caller kept every rule"
                        + " of the pages: " + b.bugCheck() + clauseNote());
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

    @Given("read-write lock {string} initialized by processor {int} at {irql}")
    public void initialized(String label, int p, Irql irql) {
        declare(label);
        CallResult r = call(new Caller(p, ""), irql, Api.NdisInitializeReadWriteLock, null, label, null);
        expectReturn(r);
    }

    @Given("read-write lock {string} is declared but not initialized")
    public void declared(String label) {
        declare(label);
    }

    // ---- calls ----

    @When("{who} at {irql} calls NdisInitializeReadWriteLock on lock {string}")
    public void initializesAt(Caller c, Irql irql, String label) {
        expectReturn(call(c, irql, Api.NdisInitializeReadWriteLock, null, label, null));
    }

    @When("{who} at {irql} calls {api} for {access} on lock {string} with lock state {string}")
    public void acquiresAt(Caller c, Irql irql, Api api, Access access, String label, String state) {
        expectReturn(call(c, irql, acquire(api), access, label, state));
    }

    @When("{who} calls {api} for {access} on lock {string} with lock state {string}")
    public void acquiresAgain(Caller c, Api api, Access access, String label, String state) {
        expectReturn(call(c, null, acquire(api), access, label, state));
    }

    @When("{who} calls {api} on lock {string} with lock state {string}")
    public void releases(Caller c, Api api, String label, String state) {
        expectReturn(call(c, null, release(api), null, label, state));
    }

    @When("{who} at {irql} starts {api} for {access} on lock {string} with lock state {string}")
    public void startsAt(Caller c, Irql irql, Api api, Access access, String label, String state) {
        start(c, irql, acquire(api), access, label, state);
    }

    @When("{who} starts {api} for {access} on lock {string} with lock state {string}")
    public void startsAcquire(Caller c, Api api, Access access, String label, String state) {
        start(c, null, acquire(api), access, label, state);
    }

    @When("{who} starts {api} on lock {string} with lock state {string}")
    public void startsRelease(Caller c, Api api, String label, String state) {
        start(c, null, release(api), null, label, state);
    }

    @Then("{who} is still spinning on lock {string}")
    public void stillSpinning(Caller c, String label) {
        Started s = pending(c);
        long spinsAtStart = machine.spinTurns(c.processor());
        long deadline = System.nanoTime() + machine.config().callBound().toNanos();
        while (!s.call().isDone() && machine.spinTurns(c.processor()) - spinsAtStart < SPIN_TURNS
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        if (s.call().isDone()) {
            CallResult r = s.call().result();
            expectReturn(r);
            finish(s, r);
            throw new AssertionError(s.describe() + " returned at " + r.exitIrql() + " while lock " + label + " was held by "
                    + holders(label, s.state()) + ": " + (s.access() == Access.WRITE ? "write access granted beside them"
                    : "read access granted during a write access") + clauseNote());
        }
        if (!s.call().hasStarted()) {
            throw new AssertionError(s.describe() + " never started: its thread was not dispatched" + clauseNote());
        }
        if (machine.spinTurns(c.processor()) - spinsAtStart == 0) {
            throw new AssertionError(c + " is waiting in " + s.describe() + " for lock " + label
                    + " but makes no spin-wait turns (Hal.spinWait)" + clauseNote());
        }
    }

    @Then("{who} acquires lock {string}")
    public void acquires(Caller c, String label) {
        Started s = started.get(c.key());
        if (s == null) {
            CallResult done = lastCall.get(c.key());
            if (done != null && done.call().lockLabel().equals(label) && LockEffect.ACQUIRE == done.call().effect()) {
                return; // it got the lock already, while the scenario looked at it
            }
            throw new IllegalStateException("the scenario waits for " + c + " but started no acquire on it");
        }
        CallResult r = awaitCall(s);
        if (r.timedOut()) {
            throw new AssertionError(s.describe() + " never acquired lock " + label + " after it was given up: still waiting after "
                    + machine.config().callBound().toMillis() + " ms" + clauseNote() + "\n" + r.report());
        }
        expectReturn(r);
    }

    @Then("{who} returns from {api} at {irql}")
    public void returnsFrom(Caller c, Api api, Irql irql) {
        Started s = pending(c);
        CallResult r = awaitCall(s);
        expectReturn(r);
        KernelAssertions.assertThat(r).inClause(clauseNote()).returnedAt(irql);
    }

    @Then("{who} holds lock {string} for {access} at {irql}")
    public void holds(Caller c, String label, Access access, Irql irql) {
        running(c);
        Irql now = machine.irql(c.processor());
        Holding h = holding(c, label, access);
        String call = lastCallName(c);
        if (!now.equals(irql)) {
            throw new AssertionError(call + " on " + c + " holds lock " + label + " at " + now + "; it must hold it at "
                    + irql + (h == null ? "" : " (the caller entered at " + h.entryIrql() + ")") + clauseNote());
        }
        if (h == null) {
            throw new AssertionError(c + " holds no " + access.word() + " access to lock " + label + " after " + call
                    + " (the kit's acquisitions: " + machine.holdings() + ")" + clauseNote());
        }
    }

    @Then("{who} is at {irql}")
    public void isAt(Caller c, Irql irql) {
        Irql now = machine().irql(c.processor(), c.thread());
        if (now.equals(irql)) {
            return;
        }
        CallResult last = lastCall.get(c.key());
        if (last == null) {
            throw new AssertionError(c + " is at " + now + "; expected " + irql + clauseNote());
        }
        ApiCall call = last.call();
        String state = call.acquisition();
        String which = lastCallName(c) + " on " + c;
        if (Api.valueOf(call.apiName()).releases()) {
            KitLockState s = states.get(state);
            Acquisition a = ended.get(state);
            String acquire = a == null ? "the acquire" : a.api().with(a.access()) + " (lock state " + state + ")";
            throw new AssertionError(which + " left IRQL at " + now + "; the caller entered " + acquire + " at "
                    + (a == null ? irql : a.entry()) + (s == null ? "" : "; " + s.holds()) + clauseNote());
        }
        throw new AssertionError(which + " left IRQL at " + now + "; expected " + irql + " (the call was entered at "
                + last.entryIrql() + ")" + clauseNote());
    }

    /**
     * One call's own effect on the IRQL. Passes for {@code processor 1's NdisDprAcquireReadWriteLock returned at
     * DISPATCH_LEVEL with 0 raises and 0 lowers} when the last such call on processor 1 made no KeRaiseIrql and no
     * KeLowerIrql; fails with {@code NdisDprAcquireReadWriteLock on processor 1, entered at DISPATCH_LEVEL, returned at
     * DISPATCH_LEVEL after 1 KeRaiseIrql and 0 KeLowerIrql calls; expected it to return at DISPATCH_LEVEL after 0 and 0}.
     */
    @Then("{who}'s {api} returned at {irql} with {int} raise(s) and {int} lower(s)")
    public void callReturnedWith(Caller c, Api api, Irql irql, int raises, int lowers) {
        CallResult r = lastOf.getOrDefault(c.key(), Map.of()).get(api);
        if (r == null) {
            throw new IllegalStateException("the scenario checks " + c + "'s " + api + " but made no such call on it");
        }
        KernelAssertions.assertThat(r).inClause(clauseNote()).returnedAtAfter(irql, raises, lowers);
    }

    /**
     * The acquire raised the IRQL: it made at least one KeRaiseIrql call (how many the page does not say; a write
     * acquisition that raises, then takes an inner spin lock that raises again to DISPATCH_LEVEL, is as good) and returned
     * at DISPATCH_LEVEL.
     */
    @Then("{who}'s {api} raised the IRQL to DISPATCH_LEVEL with KeRaiseIrql")
    public void raisedWithKeRaiseIrql(Caller c, Api api) {
        CallResult r = lastOf.getOrDefault(c.key(), Map.of()).get(api);
        if (r == null) {
            throw new IllegalStateException("the scenario checks " + c + "'s " + api + " but made no such call on it");
        }
        if (r.raises() == 0 || !r.exitIrql().equals(Irql.DISPATCH_LEVEL)) {
            throw new AssertionError(lastCallName(c) + " on " + c + ", entered at " + r.entryIrql() + ", returned at "
                    + r.exitIrql() + " after " + r.raises() + " KeRaiseIrql call(s); it must raise the IRQL to DISPATCH_LEVEL"
                    + clauseNote());
        }
    }

    /**
     * A second reader, started while {@code holder} reads, either returns at once (the readers share the lock: proven,
     * both acquisitions held at the same time) or spins (the lock serialises readers: correct, but told apart); the kit
     * attaches which as information. Fails only when the reader does neither (it returned holding nothing, bug-checked or
     * made no spin-wait turn while it waited).
     */
    @Then("{who} either holds lock {string} for read beside {who} or waits for it")
    public void sharesOrWaits(Caller c, String label, Caller holder) {
        Started s = pending(c);
        long spins0 = machine.spinTurns(c.processor());
        long deadline = System.nanoTime() + machine.config().callBound().toNanos();
        while (!s.call().isDone() && machine.spinTurns(c.processor()) - spins0 < SPIN_TURNS && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        if (s.call().isDone()) {
            CallResult r = s.call().result();
            expectReturn(r);
            finish(s, r);
            if (holding(holder, label, Access.READ) == null || holding(c, label, Access.READ) == null) {
                throw new AssertionError(s.describe() + " returned, but the two do not hold read access to lock " + label
                        + " at once (the kit's acquisitions: " + machine.holdings() + ")" + clauseNote());
            }
            information.add("readers share lock " + label + ": " + s.describe() + " returned at " + r.exitIrql() + " while "
                    + holder + " held read access, so both held it at once");
            return;
        }
        if (machine.spinTurns(c.processor()) - spins0 == 0) {
            throw new AssertionError(s.describe() + " neither returned nor made a spin-wait turn within "
                    + machine.config().callBound().toMillis() + " ms" + clauseNote());
        }
        information.add("readers are serialised on lock " + label + ": " + s.describe() + " waits (spin-wait turns) while "
                + holder + " holds read access; correct, but the lock does not let readers share it");
    }

    @Then("{who} is not dispatched while {who} holds lock {string}")
    public void notDispatched(Caller waiting, Caller holder, String label) {
        Started s = pending(waiting);
        if (waiting.processor() != holder.processor()) {
            throw new IllegalStateException("the scenario asks about two threads of different processors");
        }
        long deadline = System.nanoTime() + NOT_DISPATCHED.toNanos();
        while (!s.call().hasStarted() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        if (s.call().hasStarted()) {
            Acquisition a = acquisitionOf(holder, label);
            Irql at = a == null ? null : lastOf.getOrDefault(holder.key(), Map.of()).getOrDefault(a.api(), null) == null ? null
                    : lastOf.get(holder.key()).get(a.api()).exitIrql();
            throw new AssertionError(waiting + " was dispatched while " + holder + " held " + (a == null ? "" : a.access().word()
                    + " access to ") + "lock " + label + (at == null ? "" : " (its " + a.api().with(a.access())
                    + " returned at " + at + ")") + ": a processor switches threads only below DISPATCH_LEVEL, so the lock"
                    + " was held below DISPATCH_LEVEL" + clauseNote());
        }
    }

    @Then("{who} at {irql} can take and give back lock {string} for {access} with {api} and {api}")
    public void canTakeAndGiveBack(Caller c, Irql irql, String label, Access access, Api acquire, Api release) {
        String state = "probe by " + c;
        Started s = start(c, irql, acquire(acquire), access, label, state);
        Optional<CallResult> got = s.call().await(PROBE_WAIT);
        if (got.isEmpty()) {
            String held = holders(label, state);
            String where = paused != null && pause != null && pause.hasArrived() ? "; " + paused + " is paused inside "
                    + pause.op().kernelName() + " at " + machine.irql(paused.processor()) + pausedCall() : "";
            if (pause != null) {
                pause.release();
            }
            throw new AssertionError(c + " could not get " + access.word() + " access to lock " + label + " with " + acquire
                    + " within " + PROBE_WAIT.toMillis() + " ms: the lock is still held"
                    + (held.equals(NO_HOLDER) ? ", though no acquisition of it has returned" : " (by " + held + ")") + where
                    + clauseNote());
        }
        started.remove(c.key());
        finish(s, got.get());
        expectReturn(got.get());
        expectReturn(call(c, null, release(release), null, label, state));
    }

    // ---- pause points ----

    @Given("{who} will pause just before its next KeRaiseIrql")
    public void pauseBeforeRaise(Caller c) {
        arm(c, HalOp.RAISE, PausePoint.Position.BEFORE);
    }

    @Given("{who} will pause just after its next KeRaiseIrql")
    public void pauseAfterRaise(Caller c) {
        arm(c, HalOp.RAISE, PausePoint.Position.AFTER);
    }

    @Given("{who} will pause just after its next KeLowerIrql below DISPATCH_LEVEL")
    public void pauseAfterLowerBelowDispatch(Caller c) {
        pause = machine().pauseAt(c.processor(), HalOp.LOWER, PausePoint.Position.AFTER, 1, Irql.DISPATCH_LEVEL);
        paused = c;
    }

    @Then("{who} pauses inside {api}, at {irql}")
    public void pausesInside(Caller c, Api api, Irql irql) {
        Started s = pending(c);
        long deadline = System.nanoTime() + machine.config().callBound().toNanos();
        boolean arrived = pause.awaitArrival(Duration.ofMillis(20));
        while (!arrived && !s.call().isDone() && System.nanoTime() < deadline) {
            arrived = pause.awaitArrival(Duration.ofMillis(20));
        }
        String routine = pause.op().kernelName();
        if (!arrived) {
            if (s.call().isDone()) {
                CallResult r = s.call().result();
                expectReturn(r);
                throw new AssertionError(s.describe() + ", entered at " + r.entryIrql() + ", returned at " + r.exitIrql()
                        + " without calling " + routine + (pause.op() == HalOp.RAISE ? "; it must raise the IRQL to DISPATCH_LEVEL"
                        : "; it must lower the IRQL back to the caller's") + clauseNote());
            }
            throw new AssertionError(s.describe() + " made no " + routine + " call within "
                    + machine.config().callBound().toMillis() + " ms" + clauseNote());
        }
        Irql now = machine.irql(c.processor());
        if (!now.equals(irql)) {
            throw new AssertionError(s.describe() + ", entered at " + s.entry() + ", is at " + now + " inside " + routine
                    + " (" + pause.describe() + "); it must be at " + irql + " there" + clauseNote());
        }
    }

    @When("{who} is let go")
    public void letGo(Caller c) {
        pause.release();
    }

    // ---- contention ----

    /** The readers and writers of a contention scenario: who reads, who writes, and with which variant at which IRQLs. */
    @When("^(\\d+) processors each run (\\d+) critical sections on lock \"([^\"]+)\", (processor 0 writing and the others reading"
            + "|every processor writing|every processor reading|every processor reading and writing in turn)"
            + " (with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn"
            + "|with NdisDprAcquireReadWriteLock at DISPATCH_LEVEL)$")
    public void contend(int processors, int rounds, String label, String mix, String variant) {
        Api acquire = variant.contains("Dpr") ? Api.NdisDprAcquireReadWriteLock : Api.NdisAcquireReadWriteLock;
        List<Irql> entries = acquire.changesIrql() ? ENTRY_LEVELS : List.of(Irql.DISPATCH_LEVEL);
        List<RwContention.Plan> plans = new ArrayList<>();
        for (int p = 0; p < processorsUpTo(processors); p++) {
            plans.add(new RwContention.Plan(p, acquire, accesses(mix, p), entries));
        }
        runContention(label, plans, rounds);
    }

    @When("{int} processors each run {int} critical sections on lock {string}, processor 0 writing with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL and APC_LEVEL in turn, and the others reading with NdisDprAcquireReadWriteLock at DISPATCH_LEVEL")
    public void contendMixed(int processors, int rounds, String label) {
        List<RwContention.Plan> plans = new ArrayList<>();
        plans.add(new RwContention.Plan(0, Api.NdisAcquireReadWriteLock, List.of(Access.WRITE),
                List.of(Irql.PASSIVE_LEVEL, Irql.APC_LEVEL)));
        for (int p = 1; p < processorsUpTo(processors); p++) {
            plans.add(new RwContention.Plan(p, Api.NdisDprAcquireReadWriteLock, List.of(Access.READ), List.of(Irql.DISPATCH_LEVEL)));
        }
        runContention(label, plans, rounds);
    }

    /**
     * Readers and writers below DISPATCH_LEVEL while a DPC that takes the lock for write may arrive at any point: a
     * processor that holds the lock is at DISPATCH_LEVEL, where no DPC runs, so a DPC that starts on a processor inside
     * its critical section shows the lock held below DISPATCH_LEVEL for a moment (a reader that never raised, or an IRQL
     * lowered before the lock was given up). Under the kit's scheduler one DPC per schedule, at a processor and a step the
     * schedule's seed draws; in the stress tier DPCs queued to one processor after another while they contend.
     */
    @When("{int} processors each run critical sections on lock {string}, reading and writing in turn with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL and APC_LEVEL, while a DPC that takes lock {string} for write may arrive at any point")
    public void dpcAnyPoint(int processors, String label, String same) {
        if (!label.equals(same)) {
            throw new IllegalStateException("the scenario's DPC takes another lock than the processors");
        }
        List<RwContention.Plan> plans = new ArrayList<>();
        for (int p = 0; p < processorsUpTo(processors); p++) {
            plans.add(new RwContention.Plan(p, Api.NdisAcquireReadWriteLock, accesses("every processor reading and writing in turn", p),
                    List.of(Irql.PASSIVE_LEVEL, Irql.APC_LEVEL)));
        }
        runContention(label, plans, new AnyPointDpcs(label), () -> stressDpcs(label, plans, STRESS_DPC_ROUNDS));
    }

    /** Rounds of each processor in the stress tier of DPCs at any point. */
    private static final int STRESS_DPC_ROUNDS = 300;

    private void stressDpcs(String label, List<RwContention.Plan> plans, int rounds) {
        RwContention contention = new RwContention(machine(), family, lock(label), label, context.seed(),
                new RwContention.Findings(), false);
        findings.add(contention.findings);
        NdisRwLock lock = lock(label);
        java.util.Queue<String> wrong = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.List<CallResult> failedDpcCalls = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<PendingCall> calls = DpcStream.during(machine, plans.stream().map(RwContention.Plan::processor).toList(),
                context.seed(), (n, p) -> new DpcStream.Dpc("DPC " + n + " taking lock " + label + " for write", () -> {
                    if (contention.holding(p)) {
                        wrong.add("DPC " + n + " ran on processor " + p + " while it was inside its critical section of lock "
                                + label + ", so below DISPATCH_LEVEL: the lock must be held at DISPATCH_LEVEL");
                    }
                    CallResult r = dpcTakesForWrite(machine, family, lock, label, p, new KitLockState("DPC " + n, machine));
                    if (r != null) {
                        failedDpcCalls.add(r);
                    }
                }), () -> contention.run(plans, rounds));
        if (!wrong.isEmpty()) {
            throw new AssertionError(wrong.size() + " time(s); first: " + wrong.peek() + clauseNote());
        }
        for (CallResult r : failedDpcCalls) {
            expectReturn(r);
        }
        endOfStress(contention, label, plans, calls, rounds, " while DPCs took it too");
    }

    /**
     * A DPC's take and give back of the lock for write with the Dpr variants and its own LOCK_STATE, on processor
     * {@code p}; the call that did not return, or null.
     */
    private static CallResult dpcTakesForWrite(SimulatedMachine m, NdisRwLockFamily f, NdisRwLock lock, String label, int p,
                                               KitLockState state) {
        CallResult take = m.call(new ApiCall(p, Api.NdisDprAcquireReadWriteLock.name(), label, LockEffect.ACQUIRE, "",
                state.label(), Access.WRITE.word()), null, () -> f.dprAcquireReadWriteLock(lock, true, state));
        if (!take.returned()) {
            return take;
        }
        CallResult give = m.call(new ApiCall(p, Api.NdisDprReleaseReadWriteLock.name(), label, LockEffect.RELEASE, "",
                state.label(), ""), null, () -> f.dprReleaseReadWriteLock(lock, state));
        return give.returned() ? null : give;
    }

    @Then("no DPC ran on a processor while it held lock {string}")
    public void noDpcWhileHeld(String label) {
        noFindings("lock " + label + " was held below DISPATCH_LEVEL, where a DPC can run on the holder's processor ",
                f -> f.wrongIrqlInside, f -> f.wrongIrqlInsideCount);
    }

    /** One DPC per schedule, to a processor and at a step drawn from the schedule's seed; it takes and gives back the lock for write. */
    private static final class AnyPointDpcs implements RwControlledTier.Dpcs {
        private final String label;
        private volatile String finding;

        AnyPointDpcs(String label) {
            this.label = label;
        }

        @Override
        public SimulatedMachine.PlannedDpc plan(RwControlledTier.Setup setup, RwContention rounds,
                                                java.util.SplittableRandom random, int processors, long horizon) {
            finding = null;
            int p = random.nextInt(processors);
            long at = 1 + random.nextLong(Math.max(1, horizon / processors));
            SimulatedMachine m = setup.machine();
            return new SimulatedMachine.PlannedDpc(p, at, "DPC taking lock " + label + " for write", () -> {
                if (rounds.holding(p)) {
                    finding = "a DPC ran on processor " + p + " (arriving at its schedule point " + at + ") while processor "
                            + p + " was inside its critical section of lock " + label + " (" + rounds.insideNow()
                            + "), so below DISPATCH_LEVEL: the lock must be held at DISPATCH_LEVEL";
                    io.ddikit.sched.Scheduler.halt(finding);
                }
                CallResult failed = dpcTakesForWrite(m, setup.family(), setup.lock(), label, p, new KitLockState("DPC", m));
                if (failed != null && !failed.timedOut()) {
                    finding = "the DPC on processor " + p + ": " + failed.describe();
                    io.ddikit.sched.Scheduler.halt(finding);
                }
            });
        }

        @Override
        public String finding() {
            return finding;
        }
    }

    private static List<Access> accesses(String mix, int p) {
        return switch (mix) {
            case "every processor writing" -> List.of(Access.WRITE);
            case "every processor reading" -> List.of(Access.READ);
            case "every processor reading and writing in turn" ->
                    p % 2 == 0 ? List.of(Access.READ, Access.WRITE) : List.of(Access.WRITE, Access.READ);
            default -> List.of(p == 0 ? Access.WRITE : Access.READ);
        };
    }

    @Then("no writer was ever inside the critical section of lock {string} with anyone else")
    public void writersAlone(String label) {
        noFindings("a writer of lock " + label + " was not alone ", f -> f.exclusion, f -> f.exclusionCount);
    }

    @Then("no reader was ever inside the critical section of lock {string} with a writer")
    public void readersWithoutWriters(String label) {
        noFindings("a reader of lock " + label + " was inside with a writer ", f -> f.exclusion, f -> f.exclusionCount);
    }

    @Then("every critical section saw the data as the last writer left it")
    public void sawLastWrite() {
        noFindings("a critical section did not see the last writer's data ", f -> f.data, f -> f.dataCount);
    }

    @Then("every processor ran at DISPATCH_LEVEL inside every critical section")
    public void dispatchInside() {
        noFindings("a critical section ran below DISPATCH_LEVEL ", f -> f.wrongIrqlInside, f -> f.wrongIrqlInsideCount);
    }

    @Then("every release restored the IRQL its acquire was entered at")
    public void everyReleaseRestored() {
        noFindings("the IRQL was not restored ", f -> f.wrongIrqlAfter, f -> f.wrongIrqlAfterCount);
    }

    private void noFindings(String what, java.util.function.Function<RwContention.Findings, java.util.Queue<String>> kept,
                            java.util.function.Function<RwContention.Findings, java.util.concurrent.atomic.AtomicLong> count) {
        if (findings.isEmpty()) {
            throw new IllegalStateException("the scenario checks critical sections before running any");
        }
        for (RwContention.Findings f : findings) {
            if (count.apply(f).get() > 0) {
                String message = what + RwContention.summary(kept.apply(f), count.apply(f));
                int nl = message.indexOf('\n');
                throw new AssertionError(nl < 0 ? message + clauseNote()
                        : message.substring(0, nl) + clauseNote() + message.substring(nl));
            }
        }
    }

    private void runContention(String label, List<RwContention.Plan> plans, int rounds) {
        runContention(label, plans, null, () -> stress(label, plans, rounds));
    }

    /**
     * The controlled tier of a contention (with the DPCs {@code dpcs} plans, if any), then, when it found nothing and the
     * run asks for it, the {@code stress} tier; what read acquisitions made goes with the result as information.
     */
    private void runContention(String label, List<RwContention.Plan> plans, RwControlledTier.Dpcs dpcs, Runnable stress) {
        SuiteContext.Schedules schedules = context.schedules();
        try {
            if (schedules.explore() > 0 || schedules.replay() != null) {
                List<RwContention.Plan> few = plans.subList(0, Math.min(plans.size(), CONTROLLED_PROCESSORS));
                int controlledRounds = few.size() <= 2 ? 3 : 2;
                RwControlledTier tier = new RwControlledTier(context, clauses, clauseNote());
                RwContention.Findings found = tier.explore(label, few, controlledRounds, this::freshSetup, dpcs);
                findings.add(found);
                inform("the controlled tier (" + tier.schedules() + " schedule(s))", label, found);
                if (found.total() > 0 || schedules.replay() != null || !schedules.stress()) {
                    return;
                }
            }
            stress.run();
        } finally {
            long acquires = findings.stream().mapToLong(f -> f.readAcquires.get()).sum();
            if (acquires > 0) {
                information.add("read acquisitions of the contention on lock " + label + " made "
                        + findings.stream().mapToLong(f -> f.readInterlocked.get()).sum() + " interlocked operation(s) in "
                        + acquires + " call(s)");
            }
        }
    }

    private void inform(String tier, String label, RwContention.Findings f) {
        if (f.reads.get() == 0) {
            return;
        }
        if (f.mostReaders.get() > 1) {
            information.add("readers shared lock " + label + " under " + tier + ": up to " + f.mostReaders.get()
                    + " inside at once, in " + f.sharedReads.get() + " of " + f.reads.get() + " read sections");
        } else {
            information.add("readers never shared lock " + label + " under " + tier + " (" + f.reads.get()
                    + " read sections, never two inside at once): the lock may serialise readers, which is correct but"
                    + " does not let them share it");
        }
    }

    /** A machine of the scenario's size with the implementation's family and an initialised lock, for one schedule. */
    private RwControlledTier.Setup freshSetup() {
        SimulatedMachine m = new SimulatedMachine(MachineConfig.defaults().withProcessors(machine().processorCount())
                .withCallBound(context.callTimeout()).withSeed(context.seed()));
        try {
            NdisRwLockFamily f = createFamily(m);
            NdisRwLock lock = newLock(f);
            expectReturn(m.call(0, Api.NdisInitializeReadWriteLock.name(), "A", LockEffect.NONE, () -> f.initializeReadWriteLock(lock)));
            return new RwControlledTier.Setup(m, f, lock);
        } catch (RuntimeException | Error e) {
            m.close();
            throw e;
        }
    }

    private void stress(String label, List<RwContention.Plan> plans, int rounds) {
        RwContention contention = new RwContention(machine(), family, lock(label), label, context.seed(),
                new RwContention.Findings(), false);
        findings.add(contention.findings);
        List<PendingCall> calls;
        machine().noise(Noise.Config.stress(context.seed()));
        try {
            calls = contention.run(plans, rounds);
        } finally {
            machine().noise(null);
        }
        inform("stress (" + rounds + " rounds on each of " + plans.size() + " processors)", label, contention.findings);
        endOfStress(contention, label, plans, calls, rounds, "");
    }

    /**
     * What a stress tier's calls came to: a lock left taken with nobody inside is the lock's failure, a lack of progress
     * otherwise a hang, and each call must have returned.
     */
    private void endOfStress(RwContention contention, String label, List<RwContention.Plan> plans, List<PendingCall> calls,
                             int rounds, String doing) {
        String leftTaken = contention.leftTakenWithNoOwner(plans, calls, machine.config().callBound().toMillis());
        if (leftTaken != null) {
            throw new AssertionError(leftTaken + clauseNote());
        }
        for (PendingCall c : calls) {
            CallResult r = c.isDone() ? c.result() : c.await();
            if (r.timedOut()) {
                throw new ImplementationFault("readers and writers of lock " + label + " made no progress for "
                        + machine.config().callBound().toMillis() + " ms" + doing + " (after " + contention.sections()
                        + " critical sections in all, of " + rounds + " rounds each; inside now: "
                        + (contention.insideNow().isEmpty() ? "nobody" : contention.insideNow()) + ")" + clauseNote() + "\n"
                        + r.report());
            }
            expectReturn(r);
        }
    }

    // ---- misuse ----

    @When("{who} at {irql} wrongly calls {api} for {access} on lock {string} with lock state {string}")
    public void wronglyAcquiresAt(Caller c, Irql irql, Api api, Access access, String label, String state) {
        wrongly(c, irql, acquire(api), access, label, state);
    }

    @When("{who} wrongly calls {api} for {access} on lock {string} with lock state {string}")
    public void wronglyAcquires(Caller c, Api api, Access access, String label, String state) {
        wrongly(c, null, acquire(api), access, label, state);
    }

    @When("{who} at {irql} wrongly calls {api} on lock {string} with lock state {string}")
    public void wronglyReleasesAt(Caller c, Irql irql, Api api, String label, String state) {
        wrongly(c, irql, release(api), null, label, state);
    }

    @When("{who} wrongly calls {api} on lock {string} with lock state {string}")
    public void wronglyReleases(Caller c, Api api, String label, String state) {
        wrongly(c, null, release(api), null, label, state);
    }

    private void wrongly(Caller c, Irql irql, Api api, Access access, String label, String state) {
        misuseDescription = api.with(access) + " on " + c + " at " + (irql == null ? machine().irql(c.processor()) : irql)
                + " with lock " + label + " and lock state " + state;
        try {
            misuse = call(c, irql, api, access, label, state);
        } catch (AssertionError deadlock) {
            throw new AssertionError(misuseDescription + " was not reported: instead " + deadlock.getMessage(), deadlock);
        }
        if (misuse.timedOut()) {
            throw new ImplementationFault(misuseDescription + " hung instead of reporting the misuse" + clauseNote()
                    + "\n" + misuse.report());
        }
    }

    @Then("the implementation reports the misuse with a bug check")
    public void misuseReported() {
        misuseAssert().reportedAsMisuse(misuseDescription);
    }

    @Then("the implementation reports the misuse with a bug check naming rule {string}")
    public void misuseReportedNaming(String rule) {
        misuseAssert().reportedAsMisuseOf(misuseDescription, rule);
    }

    private io.ddikit.kernel.assertions.CallAssert misuseAssert() {
        if (misuse == null) {
            throw new IllegalStateException("no misuse call was made before this step");
        }
        return KernelAssertions.assertThat(misuse).inClause(clauseNote());
    }

    // ---- DPCs ----

    @When("a DPC that takes lock {string} for {access} is queued to processor {int}")
    public void queueDpc(String label, Access access, int p) {
        dpcLabel = "DPC for processor " + p;
        NdisRwLock lock = lock(label);
        KitLockState state = state("DPC");
        machine().queueDpc(p, dpcLabel, () -> {
            ApiCall in = machine.currentCall(p);
            dpcStart = "while processor " + p + " was " + (in == null ? "between calls" : "in " + in.describe()) + ", holding "
                    + (machine.holdings(p).isEmpty() ? "nothing" : machine.holdings(p).stream().map(Holding::describe).toList())
                    + " (so its IRQL was below DISPATCH_LEVEL)";
            dpcTake = machine.call(new ApiCall(p, Api.NdisDprAcquireReadWriteLock.name(), label, LockEffect.ACQUIRE, "",
                    "DPC", access.word()), null, () -> family.dprAcquireReadWriteLock(lock, access.write(), state));
            if (dpcTake.returned()) {
                dpcGive = machine.call(new ApiCall(p, Api.NdisDprReleaseReadWriteLock.name(), label, LockEffect.RELEASE, "",
                        "DPC", ""), null, () -> family.dprReleaseReadWriteLock(lock, state));
            }
        });
    }

    @Then("the DPC has not run")
    public void dpcNotRun() throws InterruptedException {
        Thread.sleep(50);
        String ran = dpcStart;
        if (ran != null) {
            throw new AssertionError("the " + dpcLabel + " ran " + ran + ": a processor that holds a read-write lock must be"
                    + " at DISPATCH_LEVEL, where no DPC runs" + clauseNote());
        }
    }

    @Then("the DPC ran on processor {int} after lock {string} was released")
    public void dpcRanAfterRelease(int p, String label) throws InterruptedException {
        long deadline = System.nanoTime() + machine.config().callBound().toNanos();
        while (dpcRun().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        DpcRun run = dpcRun().orElseThrow(() -> new AssertionError("the " + dpcLabel + " never ran after lock " + label
                + " was released; processor " + p + " is at " + machine.irql(p) + clauseNote()));
        if (run.processor() != p) {
            throw new AssertionError("the " + dpcLabel + " ran on processor " + run.processor() + clauseNote());
        }
        if (run.startSequence() < releaseSequence) {
            throw new AssertionError("the " + dpcLabel + " ran before the release of lock " + label
                    + " was called: the lock was held below DISPATCH_LEVEL" + clauseNote());
        }
        if (dpcTake == null || !dpcTake.returned()) {
            throw new AssertionError("the " + dpcLabel + " could not take lock " + label + " with NdisDprAcquireReadWriteLock"
                    + " after it was released: " + (dpcTake == null ? "it never called it" : dpcTake.describe()) + clauseNote());
        }
        expectReturn(dpcGive);
    }

    private Optional<DpcRun> dpcRun() {
        return machine.dpcRuns().stream().filter(r -> r.label().equals(dpcLabel)).findFirst();
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

    private NdisRwLockFamily createFamily(SimulatedMachine m) {
        NdisRwLockFamily f;
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

    private NdisRwLock newLock(NdisRwLockFamily f) {
        NdisRwLock lock;
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

    private int processorsUpTo(int wanted) {
        return Math.min(wanted, machine().processorCount());
    }

    private void declare(String label) {
        machine();
        locks.put(label, newLock(family));
    }

    private NdisRwLock lock(String label) {
        NdisRwLock lock = locks.get(label);
        if (lock == null) {
            throw new IllegalStateException("the scenario uses lock " + label + " before declaring it");
        }
        return lock;
    }

    private KitLockState state(String label) {
        return states.computeIfAbsent(label, l -> new KitLockState(l, machine()));
    }

    private static Api acquire(Api api) {
        if (!api.acquires()) {
            throw new IllegalStateException(api + " is not an acquire: it takes no access");
        }
        return api;
    }

    private static Api release(Api api) {
        if (!api.releases()) {
            throw new IllegalStateException(api + " is not a release");
        }
        return api;
    }

    private void arm(Caller c, HalOp op, PausePoint.Position position) {
        pause = machine().pauseAt(c.processor(), op, position, 1);
        paused = c;
    }

    private String pausedCall() {
        Started s = paused == null ? null : started.get(paused.key());
        return s == null ? "" : ", in " + s.what();
    }

    private void running(Caller c) {
        String runs = machine().runningThread(c.processor());
        if (!runs.equals(c.thread())) {
            throw new AssertionError(c + " is not running on its processor: " + (runs.isEmpty() ? "its own thread"
                    : "thread " + runs) + " is" + clauseNote());
        }
    }

    private Holding holding(Caller c, String label, Access access) {
        for (Holding h : machine.holdings(c.processor())) {
            if (h.thread().equals(c.thread()) && h.lockLabel().equals(label) && h.access().equals(access.word())) {
                return h;
            }
        }
        return null;
    }

    private Acquisition acquisitionOf(Caller c, String label) {
        return acquisitions.values().stream().filter(a -> a.caller().equals(c) && a.lock().equals(label)).findFirst().orElse(null);
    }

    private static final String NO_HOLDER = "no acquisition that has returned";

    /** The holders of lock {@code label} but the acquisition {@code except}, in the page's words, or {@link #NO_HOLDER}. */
    private String holders(String label, String except) {
        List<String> who = new ArrayList<>();
        for (Holding h : machine.holdings()) {
            if (h.lockLabel().equals(label) && !h.acquisition().equals(except)) {
                who.add(h.describe());
            }
        }
        return who.isEmpty() ? NO_HOLDER : String.join(" and ", who);
    }

    private Started start(Caller c, Irql entry, Api api, Access access, String label, String state) {
        if (started.containsKey(c.key())) {
            throw new IllegalStateException("the scenario starts a second call on " + c + " before the first ended");
        }
        NdisRwLock lock = lock(label);
        KitLockState s = state == null ? null : state(state);
        if (api.releases()) {
            releaseSequence = machine.sequenceNow();
        }
        ApiCall call = new ApiCall(c.processor(), api.name(), label, api.effect(), c.thread(), state == null ? "" : state,
                api.acquires() ? access.word() : "");
        PendingCall pending = machine.callAsync(call, entry, () -> api.invoke(family, lock, access != null && access.write(), s));
        Started st = new Started(c, api, access, label, state, entry, pending);
        started.put(c.key(), st);
        return st;
    }

    /** Makes a call and waits for it (see {@link #awaitCall}). */
    private CallResult call(Caller c, Irql entry, Api api, Access access, String label, String state) {
        return awaitCall(start(c, entry, api, access, label, state));
    }

    private Started pending(Caller c) {
        Started s = started.get(c.key());
        if (s == null) {
            throw new IllegalStateException("the scenario waits for " + c + " but started no call on it");
        }
        return s;
    }

    /**
     * Waits for a started call, and records it. A call that only spins is a deadlock, found without waiting for the call
     * bound: when every other processor is idle (then nothing can ever free what it waits for), or when every other busy
     * processor only spins as well in a call the scenario started (they wait for each other).
     */
    private CallResult awaitCall(Started s) {
        int p = s.caller().processor();
        long spins0 = machine.spinTurns(p);
        long since = System.nanoTime();
        long last = spins0;
        long halfBound = machine.config().callBound().toNanos() / 2;
        Map<Integer, Long> others = new HashMap<>();
        while (true) {
            Optional<CallResult> r = s.call().await(Duration.ofMillis(20));
            if (r.isPresent()) {
                started.remove(s.caller().key());
                finish(s, r.get());
                return r.get();
            }
            if (!s.call().hasStarted()) {
                continue;
            }
            long spins = machine.spinTurns(p);
            long turns = spins - spins0;
            boolean alone = machine.idleExcept(p);
            if (alone && spins > last && (turns >= SPINS_ALONE || turns >= SPINS_ALONE / 20 && System.nanoTime() - since >= halfBound)) {
                throw new AssertionError(lonelyDeadlock(s, turns) + clauseNote());
            }
            if (!alone) {
                List<Started> spinning = othersOnlySpin(s, others);
                if (spinning == null) {
                    spins0 = spins;
                    since = System.nanoTime();
                } else if (turns >= SPINS_OF_A_DEADLOCK && spins > last) {
                    throw new AssertionError(mutualDeadlock(s, turns, spinning) + clauseNote());
                }
            }
            last = spins;
        }
    }

    /** The other calls the scenario started that spin now, if every other busy processor is in one; else null. */
    private List<Started> othersOnlySpin(Started s, Map<Integer, Long> seen) {
        List<Started> spinning = new ArrayList<>();
        boolean all = true;
        for (int q = 0; q < machine.processorCount(); q++) {
            if (q == s.caller().processor()) {
                continue;
            }
            long spins = machine.spinTurns(q);
            Long before = seen.put(q, spins);
            boolean busy = machine.currentCall(q) != null || machine.runningDpc(q) != null;
            if (!busy) {
                continue;
            }
            int processor = q;
            Started other = started.values().stream().filter(o -> o.caller().processor() == processor && o.call().hasStarted()
                    && !o.call().isDone()).findFirst().orElse(null);
            if (other == null || before == null || spins <= before) {
                all = false;
            } else {
                spinning.add(other);
            }
        }
        return all && !spinning.isEmpty() ? spinning : null;
    }

    private String mutualDeadlock(Started s, long turns, List<Started> spinning) {
        StringBuilder sb = new StringBuilder("deadlock: ").append(s.describe()).append(" spun ").append(turns)
                .append(" times on lock ").append(s.lock()).append(", and so does ")
                .append(String.join(" and ", spinning.stream().map(Started::describe).toList()))
                .append(", each waiting for the other");
        Acquisition mine = acquisitionOf(s.caller(), s.lock());
        if (mine != null && s.api().acquires()) {
            sb.append(": ").append(s.caller()).append(" already holds ").append(mine.access().word())
                    .append(" access to lock ").append(s.lock()).append(" (with another lock state), and a thread that holds"
                            + " read access must get read access again at once, even while a writer waits for the readers to leave");
        }
        return sb.toString();
    }

    private String lonelyDeadlock(Started s, long spins) {
        int p = s.caller().processor();
        String dpc = machine.runningDpc(p);
        String who = dpc == null ? s.describe() : "the " + dpc + ", which interrupted " + s.describe() + " at "
                + machine.interruptedIrql(p) + ",";
        String base = who + " spun " + spins + " times on lock " + s.lock() + " while every other processor was idle";
        String held = holders(s.lock(), s.state() == null ? "" : s.state());
        if (!held.equals(NO_HOLDER)) {
            return base + ": a deadlock, since lock " + s.lock() + " is held by " + held + ", which nothing can make give it up";
        }
        int q = RwProbe.idleOtherThan(machine, p);
        RwProbe.Finding probe = q < 0 ? RwProbe.Finding.UNKNOWN : RwProbe.probe(machine, family, lock(s.lock()), s.lock(), q);
        if (probe == RwProbe.Finding.FREE) {
            return base + ", yet lock " + s.lock() + " is free: a probe from processor " + q + " got write access at once,"
                    + " while the waiter never does (its loop never sees the lock given up)";
        }
        String probed = probe == RwProbe.Finding.TAKEN ? " (a probe from processor " + q + " could not get write access either)" : "";
        String release = lastRelease.get(s.lock());
        return release == null
                ? base + ": lock " + s.lock() + " is taken although nobody holds it" + probed
                        + "; no release had returned, so it was never free after NdisInitializeReadWriteLock"
                : release + " returned, but lock " + s.lock() + " is still taken" + probed + ": " + base;
    }

    private void finish(Started s, CallResult r) {
        String key = s.caller().key();
        started.remove(key);
        lastCall.put(key, r);
        lastOf.computeIfAbsent(key, k -> new HashMap<>()).put(s.api(), r);
        if (!r.returned()) {
            return;
        }
        if (s.api().acquires() && s.state() != null) {
            acquisitions.put(s.state(), new Acquisition(s.caller(), s.api(), s.access(), s.lock(), r.entryIrql()));
            if (s.access() == Access.READ) {
                readCalls++;
                readInterlocked += r.interlocked();
                mostReadInterlocked = Math.max(mostReadInterlocked, r.interlocked());
            }
        } else if (s.api().releases() && s.state() != null) {
            Acquisition a = acquisitions.remove(s.state());
            if (a != null) {
                ended.put(s.state(), a);
            }
            lastRelease.put(s.lock(), s.api() + " (lock state " + s.state() + ") on " + s.caller()
                    + (a == null ? "" : " (" + a.access().word() + ", entered at " + a.entry() + ")"));
        }
    }

    /** {@code NdisAcquireReadWriteLock for read (lock state S1)}: the last call of {@code c}. */
    private String lastCallName(Caller c) {
        CallResult r = lastCall.get(c.key());
        if (r == null) {
            return "the last call";
        }
        ApiCall call = r.call();
        return call.apiName() + (call.access().isEmpty() ? "" : " for " + call.access())
                + (call.acquisition().isEmpty() ? "" : " (lock state " + call.acquisition() + ")");
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
                throw new ImplementationFault(r.call().apiName() + " on " + r.call().where() + " did not return within "
                        + machine.config().callBound().toMillis() + " ms" + clauseNote() + "\n" + r.report());
        }
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
        for (KitLockState s : states.values()) {
            sb.append(s.describe()).append('\n');
        }
        for (BugCheckRecord b : machine.bugChecks()) {
            sb.append(b).append('\n');
        }
        return sb.toString();
    }
}
