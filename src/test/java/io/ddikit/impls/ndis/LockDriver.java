package io.ddikit.impls.ndis;

import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.MachineConfig;
import io.ddikit.kernel.PendingCall;
import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockFamily;
import io.ddikit.spi.ndis.NdisSpinLockProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drives one implementation on one simulated machine by lock label, as the steps do: {@code
 * driver.acquire(0, "A")} runs {@code NdisAcquireSpinLock} on processor 0 with lock A.
 */
public final class LockDriver implements AutoCloseable {
    public final SimulatedMachine machine;
    public final NdisSpinLockFamily family;
    private final Map<String, NdisSpinLock> locks = new ConcurrentHashMap<>();

    public LockDriver(NdisSpinLockProvider provider, MachineConfig config) {
        this.machine = new SimulatedMachine(config);
        this.family = provider.create(machine.hal());
    }

    public LockDriver(NdisSpinLockProvider provider) {
        this(provider, MachineConfig.defaults());
    }

    /** Makes lock {@code label} (not yet allocated). */
    public NdisSpinLock declare(String label) {
        return locks.computeIfAbsent(label, l -> family.newLock());
    }

    /** Makes and allocates lock {@code label} on processor 0. */
    public LockDriver allocated(String label) {
        declare(label);
        CallResult r = allocate(0, label);
        if (!r.returned()) {
            throw new AssertionError(r.describe());
        }
        return this;
    }

    public NdisSpinLock lock(String label) {
        return declare(label);
    }

    public CallResult allocate(int p, String label) {
        return machine.call(p, "NdisAllocateSpinLock", label, () -> family.allocateSpinLock(lock(label)));
    }

    public CallResult free(int p, String label) {
        return machine.call(p, "NdisFreeSpinLock", label, () -> family.freeSpinLock(lock(label)));
    }

    public CallResult acquire(int p, String label) {
        return acquireAsync(p, label).await();
    }

    public PendingCall acquireAsync(int p, String label) {
        return machine.callAsync(p, "NdisAcquireSpinLock", label, () -> family.acquireSpinLock(lock(label)));
    }

    public CallResult release(int p, String label) {
        return releaseAsync(p, label).await();
    }

    public PendingCall releaseAsync(int p, String label) {
        return machine.callAsync(p, "NdisReleaseSpinLock", label, () -> family.releaseSpinLock(lock(label)));
    }

    public CallResult dprAcquire(int p, String label) {
        return dprAcquireAsync(p, label).await();
    }

    public PendingCall dprAcquireAsync(int p, String label) {
        return machine.callAsync(p, "NdisDprAcquireSpinLock", label, () -> family.dprAcquireSpinLock(lock(label)));
    }

    public CallResult dprRelease(int p, String label) {
        return machine.call(p, "NdisDprReleaseSpinLock", label, () -> family.dprReleaseSpinLock(lock(label)));
    }

    public LockDriver at(int p, Irql irql) {
        machine.setIrql(p, irql);
        return this;
    }

    @Override
    public void close() {
        machine.close();
    }
}
