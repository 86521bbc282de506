package io.ddikit.kernel;

import java.util.Objects;

/**
 * One call the kit makes into the implementation under test.
 *
 * @param processor   the processor it runs on
 * @param apiName     the API's name, e.g. {@code NdisAcquireSpinLock}
 * @param lockLabel   the scenario's name for the lock it is given (e.g. {@code A}); empty when none
 * @param effect      what it does to the locks the processor holds when it returns
 * @param thread      the simulated thread that makes it (see {@link SimulatedMachine}, <em>Threads</em>); empty for the
 *                    processor's own thread, and for a call that runs on whichever thread the processor runs
 * @param acquisition which acquisition of the lock it makes or ends, when a lock can be held several times at once
 *                    (a read-write lock's {@code LOCK_STATE}, such as {@code S1}); a release ends the acquisition of
 *                    the same name. Empty when the lock is held once at a time
 * @param access      how the acquisition holds the lock ({@code read}, {@code write}), for messages and the
 *                    schedule's log; empty when the lock has one kind of access
 */
public record ApiCall(int processor, String apiName, String lockLabel, LockEffect effect, String thread,
                      String acquisition, String access) {
    public ApiCall {
        Objects.requireNonNull(apiName, "apiName");
        Objects.requireNonNull(lockLabel, "lockLabel");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(acquisition, "acquisition");
        Objects.requireNonNull(access, "access");
    }

    /** A call on the processor's own thread, of a lock held once at a time. */
    public ApiCall(int processor, String apiName, String lockLabel, LockEffect effect) {
        this(processor, apiName, lockLabel, effect, "", "", "");
    }

    /** {@code NdisAcquireSpinLock(lock A)}, or {@code NdisFoo()} without a lock. */
    public String describe() {
        return apiName + "(" + (lockLabel.isEmpty() ? "" : "lock " + lockLabel) + ")";
    }

    /** {@code processor 0}, or {@code thread T2 on processor 0} for a named thread. */
    public String where() {
        return thread.isEmpty() ? "processor " + processor : "thread " + thread + " on processor " + processor;
    }

    @Override
    public String toString() {
        return describe() + " on " + where();
    }
}
