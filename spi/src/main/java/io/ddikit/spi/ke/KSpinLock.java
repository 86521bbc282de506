package io.ddikit.spi.ke;

/**
 * A {@code KSPIN_LOCK}: storage owned by the implementation, made by {@link KeSpinLockFamily#newLock()} and passed
 * back to every call. The kit only holds it; it never looks inside.
 */
public interface KSpinLock {
}
