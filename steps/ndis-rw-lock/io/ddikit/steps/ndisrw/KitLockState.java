package io.ddikit.steps.ndisrw;

import io.ddikit.kernel.ApiCall;
import io.ddikit.kernel.SimulatedMachine;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndisrw.LockState;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The caller's {@code LOCK_STATE}, owned by the kit: its two fields, and every write the implementation made to them,
 * with the processor it came from and the call that processor was in (whose {@link ApiCall#acquisition()} names the
 * LOCK_STATE that call was given). Recording makes no HAL call and no schedule point, so it does not change what it
 * observes.
 */
final class KitLockState implements LockState {
    /** One write to a field, as the kit saw it. */
    record Write(String field, String value, int processor, ApiCall during) {
        /** The write was made outside any call, or by a call given another LOCK_STATE than {@code label}. */
        boolean foreignTo(String label) {
            return during == null || !during.acquisition().equals(label);
        }

        String describe() {
            String who = processor < 0 ? "a thread that is no simulated processor"
                    : during == null ? "processor " + processor + " outside any call"
                    : during.apiName() + " on " + during.where()
                            + (during.acquisition().isEmpty() ? "" : " (given lock state " + during.acquisition() + ")");
            return who + " wrote " + value + " to its " + field;
        }
    }

    private final String label;
    private final SimulatedMachine machine;
    private final List<Write> writes = new CopyOnWriteArrayList<>();
    private volatile int state;
    private volatile Irql oldIrql;

    KitLockState(String label, SimulatedMachine machine) {
        this.label = label;
        this.machine = machine;
    }

    String label() {
        return label;
    }

    @Override
    public int state() {
        return state;
    }

    @Override
    public void setState(int value) {
        if (value < 0 || value > MAX_STATE) {
            throw new IllegalArgumentException("LockState " + value + " of lock state " + label
                    + " does not fit in the USHORT field (0 to " + MAX_STATE + ")");
        }
        record("LockState", Integer.toString(value));
        state = value;
    }

    @Override
    public Irql oldIrql() {
        return oldIrql;
    }

    @Override
    public void setOldIrql(Irql irql) {
        record("OldIrql", String.valueOf(irql));
        oldIrql = irql;
    }

    private void record(String field, String value) {
        int p = machine.currentProcessor();
        writes.add(new Write(field, value, p, p < 0 ? null : machine.currentCall(p)));
    }

    List<Write> writes() {
        return List.copyOf(writes);
    }

    /** The first write made by another call than one given this LOCK_STATE, or null. */
    Write firstForeignWrite() {
        return writes.stream().filter(w -> w.foreignTo(label)).findFirst().orElse(null);
    }

    /** {@code its LOCK_STATE S1 holds LockState 1 and OldIrql PASSIVE_LEVEL}, or {@code ... and no OldIrql}. */
    String holds() {
        Irql o = oldIrql;
        return "its LOCK_STATE " + label + " holds LockState " + state + (o == null ? " and no OldIrql" : " and OldIrql " + o);
    }

    /** {@code lock state S1 (LockState 1, OldIrql PASSIVE_LEVEL)}. */
    String describe() {
        Irql o = oldIrql;
        return "lock state " + label + " (LockState " + state + ", OldIrql " + (o == null ? "never written" : o) + ")";
    }

    @Override
    public String toString() {
        return "LOCK_STATE " + label;
    }
}
