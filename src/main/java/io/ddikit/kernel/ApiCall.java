package io.ddikit.kernel;

import java.util.Objects;

/**
 * One call the kit makes into the implementation under test.
 *
 * @param processor the processor it runs on
 * @param apiName   the API's name, e.g. {@code NdisAcquireSpinLock}
 * @param lockLabel the scenario's name for the lock it is given (e.g. {@code A}); empty when none
 * @param effect    what it does to the locks the processor holds when it returns
 */
public record ApiCall(int processor, String apiName, String lockLabel, LockEffect effect) {
    public ApiCall {
        Objects.requireNonNull(apiName, "apiName");
        Objects.requireNonNull(lockLabel, "lockLabel");
        Objects.requireNonNull(effect, "effect");
    }

    /** {@code NdisAcquireSpinLock(lock A)}, or {@code NdisFoo()} without a lock. */
    public String describe() {
        return apiName + "(" + (lockLabel.isEmpty() ? "" : "lock " + lockLabel) + ")";
    }

    @Override
    public String toString() {
        return describe() + " on processor " + processor;
    }
}
