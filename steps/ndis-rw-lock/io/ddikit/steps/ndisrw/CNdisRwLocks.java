package io.ddikit.steps.ndisrw;

import com.sun.jna.Memory;
import io.ddikit.bridge.CLibrary;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndisrw.LockState;
import io.ddikit.spi.ndisrw.NdisRwLock;
import io.ddikit.spi.ndisrw.NdisRwLockFamily;
import io.ddikit.spi.ndisrw.NdisRwLockProvider;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The NDIS read-write locks of a C library: its five exported functions over {@code NDIS_RW_LOCK}s in native memory (the
 * header's 256 bytes). The caller's {@link LockState} is the kit's; each gets a {@code LOCK_STATE} in native memory
 * ({@code { USHORT LockState; KIRQL OldIrql; }}), which the kit fills from it before each call and reads back after
 * it: a field the C code changed is written to the kit's LockState then, on the calling processor, inside the call (the
 * kit cannot see when, within the call, C wrote it).
 */
final class CNdisRwLocks extends io.ddikit.bridge.CProvider implements NdisRwLockProvider {
    static final String INITIALIZE = "NdisInitializeReadWriteLock";
    static final String ACQUIRE = "NdisAcquireReadWriteLock";
    static final String RELEASE = "NdisReleaseReadWriteLock";
    static final String DPR_ACQUIRE = "NdisDprAcquireReadWriteLock";
    static final String DPR_RELEASE = "NdisDprReleaseReadWriteLock";
    /** What a C library exports to implement the family. */
    static final List<List<String>> EXPORTS = List.of(List.of(INITIALIZE), List.of(ACQUIRE), List.of(RELEASE),
            List.of(DPR_ACQUIRE), List.of(DPR_RELEASE));
    /** {@code sizeof(NDIS_RW_LOCK)} in the kit's header. */
    static final int SIZE = 256;
    /** {@code sizeof(LOCK_STATE)}. */
    static final int LOCK_STATE_SIZE = 4;
    private static final byte UNINITIALISED = (byte) 0xA5;
    /** The OldIrql byte of a LOCK_STATE that holds no IRQL. */
    private static final int NO_IRQL = 0xFF;

    private final CLibrary.CFunction initialize;
    private final CLibrary.CFunction acquire;
    private final CLibrary.CFunction release;
    private final CLibrary.CFunction dprAcquire;
    private final CLibrary.CFunction dprRelease;
    /** The native LOCK_STATE of each of the kit's (by identity: the kit's LockState has no equality of its own). */
    private final Map<LockState, Memory> states = Collections.synchronizedMap(new WeakHashMap<>());

    CNdisRwLocks(CLibrary library, String name, String version) {
        super(library, name, version);
        this.initialize = library.function(INITIALIZE);
        this.acquire = library.function(ACQUIRE);
        this.release = library.function(RELEASE);
        this.dprAcquire = library.function(DPR_ACQUIRE);
        this.dprRelease = library.function(DPR_RELEASE);
    }

    /** One {@code NDIS_RW_LOCK} in native memory. */
    record Lock(Memory memory) implements NdisRwLock {
        @Override
        public String toString() {
            return "NDIS_RW_LOCK at " + memory;
        }
    }

    @Override
    public NdisRwLockFamily create(Hal hal) {
        return new NdisRwLockFamily() {
            @Override
            public NdisRwLock newLock() {
                return new Lock(library.allocate(SIZE, UNINITIALISED));
            }

            @Override
            public void initializeReadWriteLock(NdisRwLock lock) {
                library.callV(hal, initialize, memory(lock));
            }

            @Override
            public void acquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
                Memory s = in(lockState);
                try {
                    library.callV(hal, acquire, memory(lock), write ? 1 : 0, s);
                } finally {
                    out(s, lockState);
                }
            }

            @Override
            public void releaseReadWriteLock(NdisRwLock lock, LockState lockState) {
                Memory s = in(lockState);
                try {
                    library.callV(hal, release, memory(lock), s);
                } finally {
                    out(s, lockState);
                }
            }

            @Override
            public void dprAcquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
                Memory s = in(lockState);
                try {
                    library.callV(hal, dprAcquire, memory(lock), write ? 1 : 0, s);
                } finally {
                    out(s, lockState);
                }
            }

            @Override
            public void dprReleaseReadWriteLock(NdisRwLock lock, LockState lockState) {
                Memory s = in(lockState);
                try {
                    library.callV(hal, dprRelease, memory(lock), s);
                } finally {
                    out(s, lockState);
                }
            }
        };
    }

    /** The native LOCK_STATE of {@code kit}, holding what the kit's holds now. */
    private Memory in(LockState kit) {
        Memory s = states.computeIfAbsent(kit, k -> library.allocate(LOCK_STATE_SIZE, (byte) 0));
        s.setShort(0, (short) kit.state());
        Irql old = kit.oldIrql();
        s.setByte(2, (byte) (old == null ? NO_IRQL : old.level()));
        return s;
    }

    /** Writes to the kit's LockState what C changed in its native copy. */
    private static void out(Memory s, LockState kit) {
        int state = Short.toUnsignedInt(s.getShort(0));
        if (state != kit.state()) {
            kit.setState(state);
        }
        int old = Byte.toUnsignedInt(s.getByte(2));
        Irql was = kit.oldIrql();
        if (old != (was == null ? NO_IRQL : was.level()) && old <= Irql.MAX) {
            kit.setOldIrql(Irql.of(old));
        }
    }

    private static Memory memory(NdisRwLock lock) {
        return ((Lock) lock).memory();
    }
}
