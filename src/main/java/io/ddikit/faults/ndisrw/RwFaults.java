package io.ddikit.faults.ndisrw;

import io.ddikit.spi.Irql;
import io.ddikit.spi.ndisrw.LockState;
import io.ddikit.spi.ndisrw.NdisRwLock;
import io.ddikit.spi.ndisrw.NdisRwLockProvider;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Deliberately faulty implementations of the NDIS read-write locks, for the kit's own tests: each makes one mistake a
 * real implementer makes, breaks named clauses of the pages ({@link #breaks}), and the kit must see it. They are not
 * registered with the service loader; find them here by name.
 */
public final class RwFaults {
    private RwFaults() {
    }

    // The clauses of docs-source/ndis/*readwritelock.md that the faults break (their ids, as the kit's reader makes them).
    static final String INIT_DESCRIPTION = "NdisInitializeReadWriteLock.description.NdisInitializeReadWriteLock-function-initializes-read-write-lock";
    static final String READ_NOT_DURING_WRITE = "NdisInitializeReadWriteLock.remarks.such-read-access-not-permitted-during";
    static final String AFTER_INIT_CAN_ACQUIRE = "NdisInitializeReadWriteLock.remarks.after-calling-NdisInitializeReadWriteLock-driver-can-call";
    static final String WRITE_EXCLUDES = "NdisInitializeReadWriteLock.remarks.when-one-non-isr-thread-has";
    static final String ACQUIRE_DESCRIPTION = "NdisAcquireReadWriteLock.description.NdisAcquireReadWriteLock-function-acquires-lock-caller-uses";
    static final String REFCOUNT = "NdisAcquireReadWriteLock.remarks.decrement-reference-count-lock-driver-must";
    static final String MONITOR_READ = "NdisAcquireReadWriteLock.remarks.simply-monitor-resources-driver-thread-must";
    static final String ALWAYS_RAISES = "NdisAcquireReadWriteLock.remarks.NdisAcquireReadWriteLock-always-raises-irql";
    static final String WRITE_RAISES = "NdisAcquireReadWriteLock.remarks.write-operation-NdisAcquireReadWriteLock-raises-irql-acquiring";
    static final String READ_RAISES = "NdisAcquireReadWriteLock.remarks.read-operation-NdisAcquireReadWriteLock-explicitly-raises-irql";
    static final String RELEASE_DESCRIPTION = "NdisReleaseReadWriteLock.description.NdisReleaseReadWriteLock-function-releases-lock-acquired-preceding";
    static final String RECIPROCAL = "NdisReleaseReadWriteLock.remarks.each-call-NdisAcquireReadWriteLock-requires-reciprocal-call";
    static final String RESTORES = "NdisReleaseReadWriteLock.remarks.NdisReleaseReadWriteLock-restores-original-irql-used-caller";
    static final String DPR_CAN_USE = "NdisDprAcquireReadWriteLock.remarks.drivers-can-use-NdisDprAcquireReadWriteLock-rather-than";
    static final String DPR_ACQUIRE_IRQL = "NdisDprAcquireReadWriteLock.requirements.irql";
    static final String DPR_RELEASE_DESCRIPTION = "NdisDprReleaseReadWriteLock.description.NdisDprReleaseReadWriteLock-function-releases-lock-acquired-preceding";
    static final String DPR_RELEASE_IRQL = "NdisDprReleaseReadWriteLock.requirements.irql";

    // ------------------------------------------------------------------ the IRQL of an acquire

    /** Readers never raise: read access is held at the caller's IRQL. */
    public static final NdisRwLockProvider READ_NO_RAISE = RwFaultBase.provider("read-no-raise",
            "NdisAcquireReadWriteLock for read access keeps the caller's IRQL instead of raising to DISPATCH_LEVEL: a PASSIVE_LEVEL reader holds the lock at PASSIVE_LEVEL, where another thread of its processor, or a DPC, can run and wait for the lock for ever (breaks: for a read operation, NdisAcquireReadWriteLock explicitly raises the IRQL to DISPATCH_LEVEL; NdisAcquireReadWriteLock always raises the IRQL).",
            hal -> new RwFaultBase(hal) {
                @Override
                public void acquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
                    if (write) {
                        super.acquireReadWriteLock(lock, true, lockState);
                        return;
                    }
                    keepOldIrql(l(lock), lockState, hal.currentIrql());
                    enter(l(lock), false, lockState);
                }
            });

    /** Writers take the writers' word without raising, unlike a spin lock acquisition. */
    public static final NdisRwLockProvider WRITE_NO_RAISE = RwFaultBase.provider("write-no-raise",
            "NdisAcquireReadWriteLock for write access takes the writers' word without raising the IRQL, unlike a spin lock acquisition: a PASSIVE_LEVEL writer holds the lock at PASSIVE_LEVEL (breaks: for a write operation, NdisAcquireReadWriteLock raises the IRQL by acquiring a spin lock; NdisAcquireReadWriteLock always raises the IRQL).",
            hal -> new RwFaultBase(hal) {
                @Override
                public void acquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
                    if (!write) {
                        super.acquireReadWriteLock(lock, false, lockState);
                        return;
                    }
                    keepOldIrql(l(lock), lockState, hal.currentIrql());
                    enter(l(lock), true, lockState);
                }
            });

    /** Readers count themselves in before they raise: read access held for a moment below DISPATCH_LEVEL. */
    public static final NdisRwLockProvider READ_COUNTS_BEFORE_RAISING = RwFaultBase.provider("read-counts-before-raising",
            "NdisAcquireReadWriteLock for read access counts the reader in first and raises to DISPATCH_LEVEL only then: for a moment the lock is held for read at the caller's IRQL, and a writer is kept out by a reader that is not at DISPATCH_LEVEL yet (breaks: for a read operation, NdisAcquireReadWriteLock explicitly raises the IRQL to DISPATCH_LEVEL).",
            hal -> new RwFaultBase(hal) {
                @Override
                public void acquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
                    if (write) {
                        super.acquireReadWriteLock(lock, true, lockState);
                        return;
                    }
                    enter(l(lock), false, lockState);
                    keepOldIrql(l(lock), lockState, hal.raiseIrql(Irql.DISPATCH_LEVEL));
                }
            });

    // ------------------------------------------------------------------ exclusion

    /** The reader count is read and written back in two steps: two readers entering at once count as one. */
    public static final NdisRwLockProvider NON_ATOMIC_READER_COUNT = RwFaultBase.provider("non-atomic-reader-count",
            "The count of readers inside is read and then written back in two steps instead of one atomic increment or decrement: two readers that count themselves in or out at once lose one update, so the count says 0 while a reader is inside (and a writer enters beside it) or stays above 0 when everyone has left (and writers wait for ever) (breaks: NdisAcquireReadWriteLock acquires a lock for either write or read access; when one thread has write access, all other accesses must wait; read access is not permitted during a write access; to monitor the resources a thread must acquire a read-only lock).",
            hal -> new RwFaultBase(hal) {
                @Override
                void addReader(Lock l) {
                    int n = l.readers.get();
                    l.readers.set(n + 1);
                }

                @Override
                void removeReader(Lock l) {
                    int n = l.readers.get();
                    l.readers.set(n - 1);
                }
            });

    /** A writer takes the writers' word and goes in without waiting for the readers inside. */
    public static final NdisRwLockProvider WRITER_IGNORES_READERS = RwFaultBase.provider("writer-ignores-readers",
            "NdisAcquireReadWriteLock for write access takes the writers' word and returns without waiting for the readers already inside to leave: a writer is admitted while readers are inside (breaks: such read access is not permitted during a write access; NdisAcquireReadWriteLock acquires a lock for either write or read access).",
            hal -> new RwFaultBase(hal) {
                @Override
                void waitForReaders(Lock l) {
                    // goes in at once
                }
            });

    /** A processor's stale reading depth makes its later write acquisition look like a recursive read. */
    public static final NdisRwLockProvider WRITE_MISTAKEN_FOR_RECURSION = RwFaultBase.provider("write-mistaken-for-recursion",
            "The per-processor depth that lets a reader read again is not cleared when its last read is released, and a write acquisition that finds it takes itself for a recursive acquisition of a thread already inside: a thread that read the lock once and later asks for write access is admitted at once while readers of other processors are inside (breaks: such read access is not permitted during a write access; NdisAcquireReadWriteLock acquires a lock for either write or read access).",
            hal -> new RwFaultBase(hal) {
                @Override
                void enterWrite(Lock l, LockState lockState) {
                    int me = hal.currentProcessorNumber();
                    int deep = l.depth.get(me);
                    if (deep > 0) {
                        l.depth.set(me, deep + 1);
                        lockState.setState(INNER_READ);
                        return;
                    }
                    super.enterWrite(l, lockState);
                }

                @Override
                void leaveOuterRead(Lock l) {
                    removeReader(l);
                }
            });

    // ------------------------------------------------------------------ releases

    /** Every release takes the writer path: a reader's release never counts the reader out. */
    public static final NdisRwLockProvider RELEASE_ALWAYS_WRITER_PATH = RwFaultBase.provider("release-always-writer-path",
            "NdisReleaseReadWriteLock always takes the writer path (it clears the writers' word), whatever its LOCK_STATE says: a reader's release never counts the reader out, so after the first read no writer ever gets the lock (breaks: NdisReleaseReadWriteLock releases a lock that was acquired in a preceding call to NdisAcquireReadWriteLock).",
            hal -> new RwFaultBase(hal) {
                @Override
                void leave(Lock l, LockState lockState) {
                    leaveWrite(l);
                }
            });

    /** Once any writer has held the lock, every release takes the writer path. */
    public static final NdisRwLockProvider RELEASE_WRITER_PATH_AFTER_A_WRITER = RwFaultBase.provider("release-writer-path-after-a-writer",
            "NdisReleaseReadWriteLock decides between the reader and the writer path from a flag that the first write acquisition sets and nothing clears, not from its LOCK_STATE: once a writer has held the lock, a reader's release clears the writers' word instead of counting the reader out, and the next writer waits for ever (breaks: NdisReleaseReadWriteLock releases a lock that was acquired in a preceding call to NdisAcquireReadWriteLock).",
            hal -> new RwFaultBase(hal) {
                @Override
                public NdisRwLock newLock() {
                    return new FlaggedLock();
                }

                @Override
                void enterWrite(Lock l, LockState lockState) {
                    super.enterWrite(l, lockState);
                    ((FlaggedLock) l).writerSeen = true;
                }

                @Override
                void leave(Lock l, LockState lockState) {
                    if (((FlaggedLock) l).writerSeen) {
                        leaveWrite(l);
                        return;
                    }
                    super.leave(l, lockState);
                }
            });

    /** The lock of {@link #RELEASE_WRITER_PATH_AFTER_A_WRITER}: the flag of a writer ever seen. */
    static final class FlaggedLock extends RwFaultBase.Lock {
        volatile boolean writerSeen;
    }

    /** The caller's previous IRQL is kept in the lock, one field for every acquisition, not in its LOCK_STATE. */
    public static final NdisRwLockProvider SHARED_LOCK_STATE = RwFaultBase.provider("shared-lock-state",
            "NdisAcquireReadWriteLock keeps the caller's previous IRQL in one field of the lock instead of the caller's LOCK_STATE, so that every acquisition shares it: a second acquisition while the first is held (a reader on another processor, or the same thread reading again) overwrites it, and the first release restores the second caller's IRQL (breaks: NdisReleaseReadWriteLock restores the original IRQL that was used by its caller before the call to NdisAcquireReadWriteLock was made).",
            hal -> new RwFaultBase(hal) {
                @Override
                public NdisRwLock newLock() {
                    return new OneStateLock();
                }

                @Override
                void keepOldIrql(Lock l, LockState lockState, Irql previous) {
                    ((OneStateLock) l).oldIrql = previous;
                }

                @Override
                Irql oldIrql(Lock l, LockState lockState) {
                    return ((OneStateLock) l).oldIrql;
                }
            });

    /** The lock of {@link #SHARED_LOCK_STATE}: one previous IRQL for all. */
    static final class OneStateLock extends RwFaultBase.Lock {
        volatile Irql oldIrql = Irql.PASSIVE_LEVEL;
    }

    /** A release lowers the IRQL before it gives the lock up. */
    public static final NdisRwLockProvider RELEASE_LOWERS_BEFORE_LEAVING = RwFaultBase.provider("release-lowers-before-leaving",
            "NdisReleaseReadWriteLock lowers the IRQL to the caller's previous one first and gives the lock up only then: for a moment the lock is held below DISPATCH_LEVEL, where a DPC or another thread of the processor that asks for it waits for ever (breaks: NdisReleaseReadWriteLock releases a lock that was acquired in a preceding call to NdisAcquireReadWriteLock).",
            hal -> new RwFaultBase(hal) {
                @Override
                public void releaseReadWriteLock(NdisRwLock lock, LockState lockState) {
                    hal.lowerIrql(oldIrql(l(lock), lockState));
                    leave(l(lock), lockState);
                }
            });

    // ------------------------------------------------------------------ recursion

    /** A reader that already reads waits like a new one, behind the writer that waits for it. */
    public static final NdisRwLockProvider RECURSIVE_READ_DEADLOCKS = RwFaultBase.provider("recursive-read-deadlocks",
            "NdisAcquireReadWriteLock for read access does not know a thread that already reads: it waits like a new reader while a writer holds the writers' word, but that writer waits for this very reader to leave, so a recursive read while a writer waits deadlocks (breaks: to decrement the reference count of the lock, a driver must call NdisReleaseReadWriteLock once for each call to NdisAcquireReadWriteLock; each call to NdisAcquireReadWriteLock requires a reciprocal call to NdisReleaseReadWriteLock).",
            hal -> new RwFaultBase(hal) {
                @Override
                void enterRead(Lock l, LockState lockState) {
                    waitAsNewReader(l);
                    lockState.setState(OUTER_READ);
                }
            });

    // ------------------------------------------------------------------ the Dpr variants

    /** NdisDprAcquireReadWriteLock takes the non-Dpr path: it raises (and its release lowers) though the caller is at DISPATCH_LEVEL. */
    public static final NdisRwLockProvider DPR_ACQUIRE_RAISES = RwFaultBase.provider("dpr-acquire-raises",
            "NdisDprAcquireReadWriteLock runs the same code as NdisAcquireReadWriteLock: it calls KeRaiseIrql and keeps the previous IRQL, and NdisDprReleaseReadWriteLock calls KeLowerIrql, though the caller is already at DISPATCH_LEVEL and the Dpr variants exist to spare that (breaks: drivers can use NdisDprAcquireReadWriteLock rather than NdisAcquireReadWriteLock when the current IRQL is already DISPATCH_LEVEL; IRQL = DISPATCH_LEVEL).",
            hal -> new RwFaultBase(hal) {
                @Override
                public void dprAcquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState) {
                    acquireReadWriteLock(lock, write, lockState);
                }

                @Override
                public void dprReleaseReadWriteLock(NdisRwLock lock, LockState lockState) {
                    releaseReadWriteLock(lock, lockState);
                }
            });

    /** NdisDprReleaseReadWriteLock lowers to PASSIVE_LEVEL, as if every caller had come from there. */
    public static final NdisRwLockProvider DPR_RELEASE_LOWERS = RwFaultBase.provider("dpr-release-lowers",
            "NdisDprReleaseReadWriteLock lowers the IRQL to PASSIVE_LEVEL after it gives the lock up, as if its caller had come from there: a DPC-level caller is left at PASSIVE_LEVEL (breaks: NdisDprReleaseReadWriteLock releases a lock that was acquired in a preceding call to NdisDprAcquireReadWriteLock; IRQL: DISPATCH_LEVEL).",
            hal -> new RwFaultBase(hal) {
                @Override
                public void dprReleaseReadWriteLock(NdisRwLock lock, LockState lockState) {
                    super.dprReleaseReadWriteLock(lock, lockState);
                    hal.lowerIrql(Irql.PASSIVE_LEVEL);
                }
            });

    // ------------------------------------------------------------------ initialisation

    /** NdisInitializeReadWriteLock leaves the writers' word taken. */
    public static final NdisRwLockProvider INITIALIZE_LEAVES_WRITTEN = RwFaultBase.provider("initialize-leaves-written",
            "NdisInitializeReadWriteLock sets the writers' word to taken instead of free (a constructor that starts the lock held): nobody holds the new lock, yet no reader or writer can ever get it (breaks: NdisInitializeReadWriteLock initializes a read or write lock variable of type NDIS_RW_LOCK; after calling NdisInitializeReadWriteLock, the driver can call NdisAcquireReadWriteLock to obtain write or read access).",
            hal -> new RwFaultBase(hal) {
                @Override
                public void initializeReadWriteLock(NdisRwLock lock) {
                    super.initializeReadWriteLock(lock);
                    l(lock).writer.set(1);
                }
            });

    // ------------------------------------------------------------------ checked builds

    /** A checked build that does not see a LOCK_STATE given to a second acquire while the first still holds it. */
    public static final NdisRwLockProvider CHECKED_TRUSTS_LOCK_STATE = RwFaultBase.checked("checked-trusts-lock-state",
            "A checked build that never checks whether the LOCK_STATE given to an acquire still holds another acquisition: a caller that reuses one LOCK_STATE for two acquisitions at once, and so can no longer release the first, is not reported (breaks: each call to NdisAcquireReadWriteLock requires a reciprocal call to NdisReleaseReadWriteLock, as misuse detection).",
            hal -> new RwCheckedFaultBase(hal) {
                @Override
                void checkFree(String api, LockState lockState) {
                    // trusts the caller
                }
            });

    /** Every fault. */
    public static List<NdisRwLockProvider> all() {
        return List.of(READ_NO_RAISE, WRITE_NO_RAISE, READ_COUNTS_BEFORE_RAISING, NON_ATOMIC_READER_COUNT,
                WRITER_IGNORES_READERS, WRITE_MISTAKEN_FOR_RECURSION, RELEASE_ALWAYS_WRITER_PATH,
                RELEASE_WRITER_PATH_AFTER_A_WRITER, SHARED_LOCK_STATE, RELEASE_LOWERS_BEFORE_LEAVING,
                RECURSIVE_READ_DEADLOCKS, DPR_ACQUIRE_RAISES, DPR_RELEASE_LOWERS, INITIALIZE_LEAVES_WRITTEN,
                CHECKED_TRUSTS_LOCK_STATE);
    }

    /** For each fault, the clauses it breaks: the self-test asks that one of them catches it. */
    private static final Map<String, List<String>> BREAKS = Map.ofEntries(
            Map.entry("read-no-raise", List.of(READ_RAISES, ALWAYS_RAISES)),
            Map.entry("write-no-raise", List.of(WRITE_RAISES, ALWAYS_RAISES)),
            Map.entry("read-counts-before-raising", List.of(READ_RAISES)),
            Map.entry("non-atomic-reader-count", List.of(ACQUIRE_DESCRIPTION, WRITE_EXCLUDES, READ_NOT_DURING_WRITE, MONITOR_READ)),
            Map.entry("writer-ignores-readers", List.of(READ_NOT_DURING_WRITE, ACQUIRE_DESCRIPTION)),
            Map.entry("write-mistaken-for-recursion", List.of(READ_NOT_DURING_WRITE, ACQUIRE_DESCRIPTION)),
            Map.entry("release-always-writer-path", List.of(RELEASE_DESCRIPTION)),
            Map.entry("release-writer-path-after-a-writer", List.of(RELEASE_DESCRIPTION)),
            Map.entry("shared-lock-state", List.of(RESTORES)),
            Map.entry("release-lowers-before-leaving", List.of(RELEASE_DESCRIPTION)),
            Map.entry("recursive-read-deadlocks", List.of(REFCOUNT, RECIPROCAL)),
            Map.entry("dpr-acquire-raises", List.of(DPR_CAN_USE, DPR_ACQUIRE_IRQL)),
            Map.entry("dpr-release-lowers", List.of(DPR_RELEASE_DESCRIPTION, DPR_RELEASE_IRQL)),
            Map.entry("initialize-leaves-written", List.of(INIT_DESCRIPTION, AFTER_INIT_CAN_ACQUIRE)),
            Map.entry("checked-trusts-lock-state", List.of(RECIPROCAL)));

    /** The ids of the clauses a fault of this catalogue breaks. */
    public static List<String> breaks(NdisRwLockProvider fault) {
        List<String> b = BREAKS.get(fault.name());
        if (b == null) {
            throw new NoSuchElementException("fault " + fault.name() + " names no clause it breaks");
        }
        return b;
    }

    /** The one-line description of a fault of this catalogue: what it gets wrong and which sentence that breaks. */
    public static String description(NdisRwLockProvider fault) {
        if (!(fault instanceof RwFaultBase.Fault)) {
            throw new NoSuchElementException(fault.name() + " is not a fault of this catalogue");
        }
        return ((RwFaultBase.Fault) fault).description();
    }

    /** The fault named {@code name}. */
    public static NdisRwLockProvider byName(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no fault named " + name));
    }
}
