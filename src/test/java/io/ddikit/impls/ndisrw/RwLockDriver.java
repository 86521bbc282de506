package io.ddikit.impls.ndisrw;

import io.ddikit.kernel.ApiCall;
import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.LockEffect;
import io.ddikit.kernel.MachineConfig;
import io.ddikit.kernel.PendingCall;
import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndisrw.LockState;
import io.ddikit.spi.ndisrw.NdisRwLock;
import io.ddikit.spi.ndisrw.NdisRwLockFamily;
import io.ddikit.spi.ndisrw.NdisRwLockProvider;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drives one implementation of the NDIS read-write locks on one simulated machine by label, as the steps do:
 * {@code driver.read(0, "A", "S1")} runs {@code NdisAcquireReadWriteLock} for read on processor 0 with lock A and a
 * fresh LOCK_STATE named S1, which {@code driver.release(0, "A", "S1")} passes back. Calls name their thread when given
 * one ({@code driver.on("T2")}).
 */
public final class RwLockDriver implements AutoCloseable {
    public static final String INITIALIZE = "NdisInitializeReadWriteLock";
    public static final String ACQUIRE = "NdisAcquireReadWriteLock";
    public static final String RELEASE = "NdisReleaseReadWriteLock";
    public static final String DPR_ACQUIRE = "NdisDprAcquireReadWriteLock";
    public static final String DPR_RELEASE = "NdisDprReleaseReadWriteLock";

    public final SimulatedMachine machine;
    public final NdisRwLockFamily family;
    private final Map<String, NdisRwLock> locks = new ConcurrentHashMap<>();
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private String thread = "";

    /** A caller's LOCK_STATE: two fields, nothing more. */
    public static final class State implements LockState {
        private final String label;
        private volatile int state;
        private volatile Irql oldIrql;

        State(String label) {
            this.label = label;
        }

        @Override
        public int state() {
            return state;
        }

        @Override
        public void setState(int value) {
            state = value;
        }

        @Override
        public Irql oldIrql() {
            return oldIrql;
        }

        @Override
        public void setOldIrql(Irql irql) {
            oldIrql = irql;
        }

        @Override
        public String toString() {
            return "LOCK_STATE " + label;
        }
    }

    public RwLockDriver(NdisRwLockProvider provider, MachineConfig config) {
        this.machine = new SimulatedMachine(config);
        this.family = provider.create(machine.hal());
    }

    public RwLockDriver(NdisRwLockProvider provider) {
        this(provider, MachineConfig.defaults().withCallBound(Duration.ofSeconds(3)));
    }

    /** The calls that follow are made by thread {@code name} (empty: each processor's own). */
    public RwLockDriver on(String name) {
        thread = name;
        return this;
    }

    public NdisRwLock lock(String label) {
        return locks.computeIfAbsent(label, l -> family.newLock());
    }

    public State state(String label) {
        return states.computeIfAbsent(label, State::new);
    }

    /** Makes and initialises lock {@code label} on processor 0. */
    public RwLockDriver initialized(String label) {
        CallResult r = initialize(0, label);
        if (!r.returned()) {
            throw new AssertionError(r.describe());
        }
        return this;
    }

    public CallResult initialize(int p, String label) {
        NdisRwLock lock = lock(label);
        return machine.call(call(p, INITIALIZE, label, LockEffect.NONE, "", ""), null, () -> family.initializeReadWriteLock(lock));
    }

    public RwLockDriver at(int p, Irql irql) {
        machine.setIrql(p, irql);
        return this;
    }

    public CallResult read(int p, String label, String state) {
        return acquireAsync(p, ACQUIRE, false, label, state).await();
    }

    public CallResult write(int p, String label, String state) {
        return acquireAsync(p, ACQUIRE, true, label, state).await();
    }

    public PendingCall acquireAsync(int p, String api, boolean write, String label, String state) {
        NdisRwLock lock = lock(label);
        State s = state(state);
        Runnable body = api.equals(ACQUIRE) ? () -> family.acquireReadWriteLock(lock, write, s)
                : () -> family.dprAcquireReadWriteLock(lock, write, s);
        return machine.callAsync(call(p, api, label, LockEffect.ACQUIRE, state, write ? "write" : "read"), null, body);
    }

    public CallResult dprRead(int p, String label, String state) {
        return acquireAsync(p, DPR_ACQUIRE, false, label, state).await();
    }

    public CallResult dprWrite(int p, String label, String state) {
        return acquireAsync(p, DPR_ACQUIRE, true, label, state).await();
    }

    public CallResult release(int p, String label, String state) {
        return releaseAsync(p, RELEASE, label, state).await();
    }

    public CallResult dprRelease(int p, String label, String state) {
        return releaseAsync(p, DPR_RELEASE, label, state).await();
    }

    public PendingCall releaseAsync(int p, String api, String label, String state) {
        NdisRwLock lock = lock(label);
        State s = state(state);
        Runnable body = api.equals(RELEASE) ? () -> family.releaseReadWriteLock(lock, s)
                : () -> family.dprReleaseReadWriteLock(lock, s);
        return machine.callAsync(call(p, api, label, LockEffect.RELEASE, state, ""), null, body);
    }

    /** Whether {@code pending} makes {@code turns} spin-wait turns without returning (it waits for the lock). */
    public boolean spins(int p, PendingCall pending, long turns) {
        long from = machine.spinTurns(p);
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!pending.isDone() && machine.spinTurns(p) - from < turns && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return !pending.isDone() && machine.spinTurns(p) - from >= turns;
    }

    private ApiCall call(int p, String api, String label, LockEffect effect, String state, String access) {
        return new ApiCall(p, api, label, effect, thread, state, access);
    }

    @Override
    public void close() {
        machine.close();
    }
}
