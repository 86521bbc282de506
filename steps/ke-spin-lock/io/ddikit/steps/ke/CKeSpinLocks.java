package io.ddikit.steps.ke;

import com.sun.jna.Memory;
import io.ddikit.bridge.CLibrary;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ke.KSpinLock;
import io.ddikit.spi.ke.KeSpinLockFamily;
import io.ddikit.spi.ke.KeSpinLockProvider;
import io.ddikit.spi.ke.OldIrql;

import java.util.List;

/**
 * The kernel's executive spin locks of a C library: its exported functions over {@code KSPIN_LOCK}s in native memory (one
 * pointer-size word), each call made through the header's trampoline on the calling processor. The acquire may be
 * exported as {@code KeAcquireSpinLock(PKSPIN_LOCK, PKIRQL)} (a macro over {@code KfAcquireSpinLock} in the WDK, which
 * the kit then calls as such), or as {@code KeAcquireSpinLockRaiseToDpc}/{@code KfAcquireSpinLock} returning the
 * previous KIRQL; the kit writes what the C code gave it to the caller's {@link OldIrql} once the call has returned (it
 * cannot see when C wrote its own KIRQL variable).
 */
final class CKeSpinLocks extends io.ddikit.bridge.CProvider implements KeSpinLockProvider {
    static final List<String> ACQUIRES = List.of("KeAcquireSpinLock", "KeAcquireSpinLockRaiseToDpc", "KfAcquireSpinLock");
    static final List<String> RELEASES = List.of("KeReleaseSpinLock", "KfReleaseSpinLock");
    static final List<String> AT_DPC = List.of("KeAcquireSpinLockAtDpcLevel", "KefAcquireSpinLockAtDpcLevel");
    static final List<String> FROM_DPC = List.of("KeReleaseSpinLockFromDpcLevel", "KefReleaseSpinLockFromDpcLevel");
    /** What a C library exports to implement the family. */
    static final List<List<String>> EXPORTS = List.of(List.of("KeInitializeSpinLock"), ACQUIRES, RELEASES, AT_DPC, FROM_DPC,
            List.of("KeTestSpinLock"), List.of("KeTryToAcquireSpinLockAtDpcLevel"));
    /** {@code sizeof(KSPIN_LOCK)}. */
    static final int SIZE = 8;
    private static final byte UNINITIALISED = (byte) 0xA5;
    /** What the kit's KIRQL holds before the call: no IRQL, so a value not written is seen. */
    private static final byte NO_IRQL = (byte) 0xFF;

    private final CLibrary.CFunction initialize;
    private final CLibrary.CFunction acquire;
    /** Whether the acquire takes a PKIRQL (KeAcquireSpinLock) rather than returning the KIRQL. */
    private final boolean acquireWritesOldIrql;
    private final CLibrary.CFunction release;
    private final CLibrary.CFunction atDpc;
    private final CLibrary.CFunction fromDpc;
    private final CLibrary.CFunction test;
    private final CLibrary.CFunction tryAtDpc;

    CKeSpinLocks(CLibrary library, String name, String version) {
        super(library, name, version);
        this.initialize = library.function("KeInitializeSpinLock");
        String a = first(library, ACQUIRES);
        this.acquire = library.function(a);
        this.acquireWritesOldIrql = a.equals("KeAcquireSpinLock");
        this.release = library.function(first(library, RELEASES));
        this.atDpc = library.function(first(library, AT_DPC));
        this.fromDpc = library.function(first(library, FROM_DPC));
        this.test = library.function("KeTestSpinLock");
        this.tryAtDpc = library.function("KeTryToAcquireSpinLockAtDpcLevel");
    }

    private static String first(CLibrary library, List<String> names) {
        return names.stream().filter(library.exports().functions()::contains).findFirst().orElseThrow();
    }

    /** One {@code KSPIN_LOCK} in native memory. */
    record Lock(Memory memory) implements KSpinLock {
        @Override
        public String toString() {
            return "KSPIN_LOCK at " + memory;
        }
    }

    @Override
    public KeSpinLockFamily create(Hal hal) {
        return new KeSpinLockFamily() {
            @Override
            public KSpinLock newLock() {
                return new Lock(library.allocate(SIZE, UNINITIALISED));
            }

            @Override
            public void initializeSpinLock(KSpinLock lock) {
                library.callV(hal, initialize, memory(lock));
            }

            @Override
            public void acquireSpinLock(KSpinLock lock, OldIrql oldIrql) {
                int previous;
                if (acquireWritesOldIrql) {
                    Memory kirql = new Memory(1);
                    kirql.setByte(0, NO_IRQL);
                    library.callV(hal, acquire, memory(lock), kirql);
                    previous = Byte.toUnsignedInt(kirql.getByte(0));
                } else {
                    previous = library.callB(hal, acquire, memory(lock));
                }
                if (previous <= Irql.MAX) {
                    oldIrql.set(Irql.of(previous));
                }
            }

            @Override
            public void releaseSpinLock(KSpinLock lock, Irql newIrql) {
                library.callV(hal, release, memory(lock), newIrql.level());
            }

            @Override
            public void acquireSpinLockAtDpcLevel(KSpinLock lock) {
                library.callV(hal, atDpc, memory(lock));
            }

            @Override
            public void releaseSpinLockFromDpcLevel(KSpinLock lock) {
                library.callV(hal, fromDpc, memory(lock));
            }

            @Override
            public boolean testSpinLock(KSpinLock lock) {
                return library.callB(hal, test, memory(lock)) != 0;
            }

            @Override
            public boolean tryToAcquireSpinLockAtDpcLevel(KSpinLock lock) {
                return library.callB(hal, tryAtDpc, memory(lock)) != 0;
            }
        };
    }

    private static Memory memory(KSpinLock lock) {
        return ((Lock) lock).memory();
    }
}
