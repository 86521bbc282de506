package io.ddikit.steps.ndis;

import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockFamily;

import java.util.function.BiConsumer;

/** The six functions of the family, by the names the page uses. */
enum Api {
    NdisAllocateSpinLock(NdisSpinLockFamily::allocateSpinLock),
    NdisFreeSpinLock(NdisSpinLockFamily::freeSpinLock),
    NdisAcquireSpinLock(NdisSpinLockFamily::acquireSpinLock),
    NdisReleaseSpinLock(NdisSpinLockFamily::releaseSpinLock),
    NdisDprAcquireSpinLock(NdisSpinLockFamily::dprAcquireSpinLock),
    NdisDprReleaseSpinLock(NdisSpinLockFamily::dprReleaseSpinLock);

    /** The regular expression of the {@code {api}} parameter type. */
    static final String PATTERN = "NdisAllocateSpinLock|NdisFreeSpinLock|NdisAcquireSpinLock|NdisReleaseSpinLock"
            + "|NdisDprAcquireSpinLock|NdisDprReleaseSpinLock";

    private final BiConsumer<NdisSpinLockFamily, NdisSpinLock> call;

    Api(BiConsumer<NdisSpinLockFamily, NdisSpinLock> call) {
        this.call = call;
    }

    void invoke(NdisSpinLockFamily family, NdisSpinLock lock) {
        call.accept(family, lock);
    }

    boolean acquires() {
        return this == NdisAcquireSpinLock || this == NdisDprAcquireSpinLock;
    }

    boolean changesIrql() {
        return this == NdisAcquireSpinLock || this == NdisReleaseSpinLock;
    }
}
