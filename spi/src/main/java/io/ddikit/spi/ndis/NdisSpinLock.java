package io.ddikit.spi.ndis;

/**
 * An {@code NDIS_SPIN_LOCK}: storage owned by the implementation, made by
 * {@link NdisSpinLockFamily#newLock()} and passed back to every call. The kit only holds it;
 * it never looks inside.
 */
public interface NdisSpinLock {
}
