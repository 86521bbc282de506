package io.ddikit.spi.ndisrw;

/**
 * An {@code NDIS_RW_LOCK}: storage owned by the implementation, made by {@link NdisRwLockFamily#newLock()} (as a
 * declared, not yet initialised variable would be) and passed back to every call. The kit only holds it; it never
 * looks inside.
 */
public interface NdisRwLock {
}
