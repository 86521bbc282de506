package io.ddikit.impls.ke;

import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.LockEffect;
import io.ddikit.kernel.MachineConfig;
import io.ddikit.kernel.PendingCall;
import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ke.KSpinLock;
import io.ddikit.spi.ke.KeSpinLockFamily;
import io.ddikit.spi.ke.KeSpinLockProvider;
import io.ddikit.spi.ke.OldIrql;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives one implementation of the executive spin locks on one simulated machine by lock label, as the steps do:
 * {@code driver.acquire(0, "A")} runs {@code KeAcquireSpinLock} on processor 0 with lock A and a fresh {@code OldIrql}
 * variable ({@link Cell}), which {@code driver.release(0, "A")} then passes back as {@code NewIrql}, as a caller keeping
 * OldIrql in a local variable would.
 *
 * <p>The cells are the kit's, not the implementation's: each write is recorded with the processor thread it came from,
 * that processor's IRQL then, and which processors held which locks then according to the calls that had returned
 * ({@link SimulatedMachine#locksHeld()}). Recording makes no HAL call, so it does not change what it observes.
 *
 * <p>{@code KeTryToAcquireSpinLockAtDpcLevel} and {@code KeTestSpinLock} are traced with no lock effect (a try that
 * fails holds nothing), so the machine's bookkeeping of held locks believes only the acquire routines.
 */
public final class KeLockDriver implements AutoCloseable {
    public static final String INITIALIZE = "KeInitializeSpinLock";
    public static final String ACQUIRE = "KeAcquireSpinLock";
    public static final String RELEASE = "KeReleaseSpinLock";
    public static final String AT_DPC_LEVEL = "KeAcquireSpinLockAtDpcLevel";
    public static final String FROM_DPC_LEVEL = "KeReleaseSpinLockFromDpcLevel";
    public static final String TEST = "KeTestSpinLock";
    public static final String TRY = "KeTryToAcquireSpinLockAtDpcLevel";

    public final SimulatedMachine machine;
    public final KeSpinLockFamily family;
    private final Map<String, KSpinLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Cell> lastCell = new ConcurrentHashMap<>();

    /** One write to an {@code OldIrql} cell, as the kit saw it. */
    public record Write(Irql value, String thread, Irql irqlThen, Map<Integer, List<String>> holdersThen) {
        /** Whether it was made on simulated processor {@code p}. */
        public boolean onProcessor(int p) {
            return thread.equals("ddikit-cpu-" + p);
        }

        /** Whether a processor other than {@code p} held lock {@code label} when the write was made. */
        public boolean heldByAnotherThan(int p, String label) {
            return holdersThen.entrySet().stream().anyMatch(e -> e.getKey() != p && e.getValue().contains(label));
        }
    }

    /** The caller's {@code KIRQL OldIrql} variable for one {@code KeAcquireSpinLock} call on processor {@code p}. */
    public final class Cell implements OldIrql {
        private final int processor;
        private final List<Write> writes = new CopyOnWriteArrayList<>();
        private volatile Irql value;

        Cell(int processor) {
            this.processor = processor;
        }

        @Override
        public void set(Irql previous) {
            writes.add(new Write(previous, Thread.currentThread().getName(), machine.irql(processor), machine.locksHeld()));
            value = previous;
        }

        @Override
        public Irql get() {
            return value;
        }

        /** Every write so far, in order. */
        public List<Write> writes() {
            return List.copyOf(writes);
        }
    }

    /** A call of a routine that returns a BOOLEAN: the call, and the value if it returned. */
    public record Answer(CallResult call, Boolean value) {
        public boolean isTrue() {
            assertReturned();
            return value;
        }

        public boolean isFalse() {
            assertReturned();
            return !value;
        }

        private void assertReturned() {
            if (!call.returned() || value == null) {
                throw new AssertionError("expected " + call.call().apiName() + " to return a BOOLEAN, but: "
                        + call.describe());
            }
        }
    }

    /** A BOOLEAN routine still running: await it as an {@link Answer}. */
    public static final class PendingAnswer {
        private final PendingCall call;
        private final AtomicReference<Boolean> value;

        PendingAnswer(PendingCall call, AtomicReference<Boolean> value) {
            this.call = call;
            this.value = value;
        }

        public PendingCall call() {
            return call;
        }

        public Answer await() {
            CallResult r = call.await();
            return new Answer(r, r.returned() ? value.get() : null);
        }

        public Optional<Answer> await(Duration max) {
            return call.await(max).map(r -> new Answer(r, r.returned() ? value.get() : null));
        }
    }

    public KeLockDriver(KeSpinLockProvider provider, MachineConfig config) {
        this.machine = new SimulatedMachine(config);
        this.family = provider.create(machine.hal());
    }

    public KeLockDriver(KeSpinLockProvider provider) {
        this(provider, MachineConfig.defaults());
    }

    /** Makes lock {@code label} (not yet initialised, as a declared variable). */
    public KSpinLock declare(String label) {
        return locks.computeIfAbsent(label, l -> family.newLock());
    }

    public KSpinLock lock(String label) {
        return declare(label);
    }

    /** Makes and initialises lock {@code label} on processor 0. */
    public KeLockDriver initialized(String label) {
        declare(label);
        CallResult r = initialize(0, label);
        if (!r.returned()) {
            throw new AssertionError(r.describe());
        }
        return this;
    }

    public KeLockDriver at(int p, Irql irql) {
        machine.setIrql(p, irql);
        return this;
    }

    public CallResult initialize(int p, String label) {
        return machine.call(p, INITIALIZE, label, () -> family.initializeSpinLock(lock(label)));
    }

    /** {@code KeAcquireSpinLock} with a fresh OldIrql cell, remembered for {@link #release(int, String)}. */
    public CallResult acquire(int p, String label) {
        return acquireAsync(p, label).await();
    }

    public PendingCall acquireAsync(int p, String label) {
        Cell cell = new Cell(p);
        lastCell.put(key(p, label), cell);
        KSpinLock lock = lock(label);
        return machine.callAsync(p, ACQUIRE, label, () -> family.acquireSpinLock(lock, cell));
    }

    /** The OldIrql cell of the last {@code KeAcquireSpinLock} of {@code label} on {@code p}. */
    public Cell oldIrql(int p, String label) {
        Cell c = lastCell.get(key(p, label));
        if (c == null) {
            throw new AssertionError("no KeAcquireSpinLock of lock " + label + " on processor " + p);
        }
        return c;
    }

    /** {@code KeReleaseSpinLock} with the value the last acquire on {@code p} wrote to its OldIrql. */
    public CallResult release(int p, String label) {
        return releaseAsync(p, label).await();
    }

    public PendingCall releaseAsync(int p, String label) {
        Irql saved = oldIrql(p, label).get();
        if (saved == null) {
            throw new AssertionError("KeAcquireSpinLock of lock " + label + " on processor " + p
                    + " wrote nothing to its OldIrql");
        }
        return releaseAsync(p, label, saved);
    }

    /** {@code KeReleaseSpinLock} with an explicit NewIrql. */
    public CallResult release(int p, String label, Irql newIrql) {
        return releaseAsync(p, label, newIrql).await();
    }

    public PendingCall releaseAsync(int p, String label, Irql newIrql) {
        KSpinLock lock = lock(label);
        return machine.callAsync(p, RELEASE, label, () -> family.releaseSpinLock(lock, newIrql));
    }

    public CallResult atDpcLevel(int p, String label) {
        return atDpcLevelAsync(p, label).await();
    }

    public PendingCall atDpcLevelAsync(int p, String label) {
        KSpinLock lock = lock(label);
        return machine.callAsync(p, AT_DPC_LEVEL, label, () -> family.acquireSpinLockAtDpcLevel(lock));
    }

    public CallResult fromDpcLevel(int p, String label) {
        KSpinLock lock = lock(label);
        return machine.call(p, FROM_DPC_LEVEL, label, () -> family.releaseSpinLockFromDpcLevel(lock));
    }

    public Answer test(int p, String label) {
        KSpinLock lock = lock(label);
        AtomicReference<Boolean> v = new AtomicReference<>();
        CallResult r = machine.call(p, TEST, label, LockEffect.NONE, () -> v.set(family.testSpinLock(lock)));
        return new Answer(r, r.returned() ? v.get() : null);
    }

    public Answer tryToAcquire(int p, String label) {
        return tryToAcquireAsync(p, label).await();
    }

    public PendingAnswer tryToAcquireAsync(int p, String label) {
        KSpinLock lock = lock(label);
        AtomicReference<Boolean> v = new AtomicReference<>();
        PendingCall c = machine.callAsync(p, TRY, label, LockEffect.NONE,
                () -> v.set(family.tryToAcquireSpinLockAtDpcLevel(lock)));
        return new PendingAnswer(c, v);
    }

    private static String key(int p, String label) {
        return p + ":" + label;
    }

    @Override
    public void close() {
        machine.close();
    }
}
