package io.ddikit.kernel;

import java.util.Locale;

/**
 * What a call that returns normally does to the set of locks its processor holds, as the kit tracks
 * it for watchdog messages. The kit never looks inside a lock; it only believes the calls that returned.
 */
public enum LockEffect {
    /** The processor holds the lock after the call returns. */
    ACQUIRE,
    /** The processor no longer holds the lock after the call returns. */
    RELEASE,
    /** The call does not change which locks are held. */
    NONE;

    /**
     * The effect the kernel's naming convention implies: a name containing {@code Acquire} acquires,
     * one containing {@code Release} releases, anything else has no effect.
     */
    public static LockEffect inferFrom(String apiName) {
        String n = apiName.toLowerCase(Locale.ROOT);
        if (n.contains("acquire")) {
            return ACQUIRE;
        }
        if (n.contains("release")) {
            return RELEASE;
        }
        return NONE;
    }
}
