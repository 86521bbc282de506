package io.ddikit.steps.ndisrw;

import io.ddikit.kernel.LockEffect;
import io.ddikit.spi.ndisrw.LockState;
import io.ddikit.spi.ndisrw.NdisRwLock;
import io.ddikit.spi.ndisrw.NdisRwLockFamily;

/** The five functions of the family, by the names the pages use. */
enum Api {
    NdisInitializeReadWriteLock,
    NdisAcquireReadWriteLock,
    NdisReleaseReadWriteLock,
    NdisDprAcquireReadWriteLock,
    NdisDprReleaseReadWriteLock;

    /** The regular expression of the {@code {api}} parameter type. */
    static final String PATTERN = "NdisInitializeReadWriteLock|NdisAcquireReadWriteLock|NdisReleaseReadWriteLock"
            + "|NdisDprAcquireReadWriteLock|NdisDprReleaseReadWriteLock";

    boolean acquires() {
        return this == NdisAcquireReadWriteLock || this == NdisDprAcquireReadWriteLock;
    }

    boolean releases() {
        return this == NdisReleaseReadWriteLock || this == NdisDprReleaseReadWriteLock;
    }

    /** Whether it changes the IRQL (the Dpr variants and the initialisation do not). */
    boolean changesIrql() {
        return this == NdisAcquireReadWriteLock || this == NdisReleaseReadWriteLock;
    }

    /** The release that pairs with this acquire. */
    Api release() {
        return this == NdisDprAcquireReadWriteLock ? NdisDprReleaseReadWriteLock : NdisReleaseReadWriteLock;
    }

    LockEffect effect() {
        return acquires() ? LockEffect.ACQUIRE : releases() ? LockEffect.RELEASE : LockEffect.NONE;
    }

    /** Calls this function; {@code write} matters to acquires only, {@code state} to acquires and releases. */
    void invoke(NdisRwLockFamily family, NdisRwLock lock, boolean write, LockState state) {
        switch (this) {
            case NdisInitializeReadWriteLock -> family.initializeReadWriteLock(lock);
            case NdisAcquireReadWriteLock -> family.acquireReadWriteLock(lock, write, state);
            case NdisReleaseReadWriteLock -> family.releaseReadWriteLock(lock, state);
            case NdisDprAcquireReadWriteLock -> family.dprAcquireReadWriteLock(lock, write, state);
            default -> family.dprReleaseReadWriteLock(lock, state);
        }
    }

    /** {@code NdisAcquireReadWriteLock for read}, or the name alone for the others. */
    String with(Access access) {
        return acquires() && access != null ? name() + " for " + access.word() : name();
    }
}
