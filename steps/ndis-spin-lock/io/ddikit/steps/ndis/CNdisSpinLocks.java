package io.ddikit.steps.ndis;

import com.sun.jna.Memory;
import io.ddikit.bridge.CLibrary;
import io.ddikit.spi.Hal;
import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockFamily;
import io.ddikit.spi.ndis.NdisSpinLockProvider;

import java.util.List;

/**
 * The NDIS spin locks of a C library: its six exported functions over {@code NDIS_SPIN_LOCK}s in native memory with the
 * header's layout ({@code { KSPIN_LOCK SpinLock; KIRQL OldIrql; }}, 16 bytes), each call made through the header's
 * trampoline on the calling processor.
 */
final class CNdisSpinLocks extends io.ddikit.bridge.CProvider implements NdisSpinLockProvider {
    static final String ALLOCATE = "NdisAllocateSpinLock";
    static final String FREE = "NdisFreeSpinLock";
    static final String ACQUIRE = "NdisAcquireSpinLock";
    static final String RELEASE = "NdisReleaseSpinLock";
    static final String DPR_ACQUIRE = "NdisDprAcquireSpinLock";
    static final String DPR_RELEASE = "NdisDprReleaseSpinLock";
    /** What a C library exports to implement the family. */
    static final List<List<String>> EXPORTS = List.of(List.of(ALLOCATE), List.of(FREE), List.of(ACQUIRE), List.of(RELEASE),
            List.of(DPR_ACQUIRE), List.of(DPR_RELEASE));
    /** {@code sizeof(NDIS_SPIN_LOCK)}. */
    static final int SIZE = 16;
    /** What a declared, not yet allocated lock holds: not zero, as stack or pool memory would not be. */
    static final byte UNINITIALISED = (byte) 0xA5;

    private final CLibrary.CFunction allocate;
    private final CLibrary.CFunction free;
    private final CLibrary.CFunction acquire;
    private final CLibrary.CFunction release;
    private final CLibrary.CFunction dprAcquire;
    private final CLibrary.CFunction dprRelease;

    CNdisSpinLocks(CLibrary library, String name, String version) {
        super(library, name, version);
        this.allocate = library.function(ALLOCATE);
        this.free = library.function(FREE);
        this.acquire = library.function(ACQUIRE);
        this.release = library.function(RELEASE);
        this.dprAcquire = library.function(DPR_ACQUIRE);
        this.dprRelease = library.function(DPR_RELEASE);
    }

    /** One {@code NDIS_SPIN_LOCK} in native memory. */
    record Lock(Memory memory) implements NdisSpinLock {
        @Override
        public String toString() {
            return "NDIS_SPIN_LOCK at " + memory;
        }
    }

    @Override
    public NdisSpinLockFamily create(Hal hal) {
        return new NdisSpinLockFamily() {
            @Override
            public NdisSpinLock newLock() {
                return new Lock(library.allocate(SIZE, UNINITIALISED));
            }

            @Override
            public void allocateSpinLock(NdisSpinLock lock) {
                library.callV(hal, allocate, memory(lock));
            }

            @Override
            public void freeSpinLock(NdisSpinLock lock) {
                library.callV(hal, free, memory(lock));
            }

            @Override
            public void acquireSpinLock(NdisSpinLock lock) {
                library.callV(hal, acquire, memory(lock));
            }

            @Override
            public void releaseSpinLock(NdisSpinLock lock) {
                library.callV(hal, release, memory(lock));
            }

            @Override
            public void dprAcquireSpinLock(NdisSpinLock lock) {
                library.callV(hal, dprAcquire, memory(lock));
            }

            @Override
            public void dprReleaseSpinLock(NdisSpinLock lock) {
                library.callV(hal, dprRelease, memory(lock));
            }
        };
    }

    private static Memory memory(NdisSpinLock lock) {
        return ((Lock) lock).memory();
    }
}
