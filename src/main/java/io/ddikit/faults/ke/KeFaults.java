package io.ddikit.faults.ke;

import io.ddikit.spi.BugCheck;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ke.KSpinLock;
import io.ddikit.spi.ke.KeSpinLockProvider;
import io.ddikit.spi.ke.OldIrql;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Deliberately faulty implementations of the executive spin locks, for the kit's own tests: each makes one mistake a
 * real implementer makes, breaks named clauses of the pages ({@link #breaks}), and the kit must see it. They are not
 * registered with the service loader; find them here by name.
 */
public final class KeFaults {
    private KeFaults() {
    }

    // The clauses of docs-source/wdm/*.md that the faults break (their ids, as the kit's reader makes them).
    static final String INITIALIZE = "KeInitializeSpinLock.description.KeInitializeSpinLock-routine-initializes-variable-type-kspin_lock";
    static final String ACQUIRE = "KeAcquireSpinLock.description.KeAcquireSpinLock-routine-acquires-spin-lock-so";
    static final String RAISE_FIRST = "KeAcquireSpinLock.remarks.KeAcquireSpinLock-first-resets-irql-dispatch_level-then";
    static final String OLDIRQL_AFTER = "KeAcquireSpinLock.remarks.previous-irql-written-OldIrql-after-lock";
    static final String DISPATCHING_DISABLED = "KeAcquireSpinLock.remarks.particular-no-deadlock-protection-performed-dispatching";
    static final String ACQUIRE_IRQL = "KeAcquireSpinLock.requirements.irql";
    static final String RELEASE = "KeReleaseSpinLock.description.KeReleaseSpinLock-routine-releases-spin-lock-restores";
    static final String RESTORED_TO_NEWIRQL = "KeReleaseSpinLock.remarks.return-from-KeReleaseSpinLock-irql-restored-NewIrql";
    static final String NEWIRQL_IS_OLDIRQL = "KeReleaseSpinLock.remarks.input-NewIrql-value-must-OldIrql-returned";
    static final String AT_DPC_LEVEL_ACQUIRES = "KeAcquireSpinLockAtDpcLevel.description.KeAcquireSpinLockAtDpcLevel-routine-acquires-spin-lock-when";
    static final String AT_DPC_LEVEL_NO_RAISE = "KeAcquireSpinLockAtDpcLevel.remarks.KeAcquireSpinLockAtDpcLevel-assumes-caller-already-running-irql";
    static final String FROM_DPC_LEVEL_RELEASES = "KeReleaseSpinLockFromDpcLevel.description.KeReleaseSpinLockFromDpcLevel-routine-releases-executive-spin-lock";
    static final String TEST_TESTS = "KeTestSpinLock.description.KeTestSpinLock-routine-tests-availability-spin-lock";
    static final String TEST_TRUE_MEANS_FREE = "KeTestSpinLock.remarks.if-KeTestSpinLock-returns-true-caller-can";
    static final String TEST_CHANGES_NOTHING = "KeTestSpinLock.remarks.routine-neither-raises-nor-lowers-irql";
    static final String TRY_NOT_BUSY = "KeTryToAcquireSpinLockAtDpcLevel.remarks.if-specified-spin-lock-not-busy";
    static final String TRY_ALREADY_HELD = "KeTryToAcquireSpinLockAtDpcLevel.remarks.if-spin-lock-has-already-been";

    /** SYNCH_LEVEL on x64, where {@code KeAcquireSpinLockRaiseToSynch} raises to. */
    private static final Irql SYNCH_LEVEL = Irql.of(12);

    // ------------------------------------------------------------------ KeAcquireSpinLock

    /** KeAcquireSpinLock never raises: the lock is held at the caller's IRQL, with dispatching enabled. */
    public static final KeSpinLockProvider NO_RAISE = KeFaultBase.provider("no-raise",
            "KeAcquireSpinLock takes the lock word without raising the IRQL: a PASSIVE_LEVEL caller holds the lock at PASSIVE_LEVEL, where a DPC or a thread switch on its processor can deadlock (breaks: KeAcquireSpinLock first resets the IRQL to DISPATCH_LEVEL and then acquires the lock; dispatching is disabled while the spin lock is held).",
            hal -> new KeFaultBase(hal) {
                @Override
                public void acquireSpinLock(KSpinLock lock, OldIrql oldIrql) {
                    Irql previous = hal.currentIrql();
                    take(l(lock));
                    oldIrql.set(previous);
                }
            });

    /** KeAcquireSpinLock takes the word, then raises: a window in which the lock is held below DISPATCH_LEVEL. */
    public static final KeSpinLockProvider RAISE_AFTER_TAKE = KeFaultBase.provider("raise-after-take",
            "KeAcquireSpinLock wins the lock word first and raises to DISPATCH_LEVEL only then: for a moment the lock is held at the caller's IRQL, and a DPC on that processor that takes the lock deadlocks (breaks: KeAcquireSpinLock first resets the IRQL to DISPATCH_LEVEL and then acquires the lock; dispatching is disabled while the spin lock is held).",
            hal -> new KeFaultBase(hal) {
                @Override
                public void acquireSpinLock(KSpinLock lock, OldIrql oldIrql) {
                    take(l(lock));
                    oldIrql.set(hal.raiseIrql(Irql.DISPATCH_LEVEL));
                }
            });

    /** KeAcquireSpinLock raises to SYNCH_LEVEL, as KeAcquireSpinLockRaiseToSynch does. */
    public static final KeSpinLockProvider RAISE_TO_SYNCH = KeFaultBase.provider("raise-to-synch",
            "KeAcquireSpinLock raises to SYNCH_LEVEL (DIRQL 12), as KeAcquireSpinLockRaiseToSynch does, instead of DISPATCH_LEVEL: the caller holds the lock with device interrupts masked (breaks: KeAcquireSpinLock first resets the IRQL to DISPATCH_LEVEL).",
            hal -> new KeFaultBase(hal) {
                @Override
                public void acquireSpinLock(KSpinLock lock, OldIrql oldIrql) {
                    Irql previous = hal.raiseIrql(SYNCH_LEVEL);
                    take(l(lock));
                    oldIrql.set(previous);
                }
            });

    /** KeAcquireSpinLock asserts its caller is below DISPATCH_LEVEL: an off-by-one IRQL check. */
    public static final KeSpinLockProvider IRQL_CHECK_OFF_BY_ONE = KeFaultBase.provider("irql-check-off-by-one",
            "KeAcquireSpinLock checks its caller's IRQL with < instead of <= DISPATCH_LEVEL and bug-checks IRQL_NOT_LESS_OR_EQUAL (0xA) for a caller already at DISPATCH_LEVEL (breaks: the IRQL requirement <= DISPATCH_LEVEL).",
            hal -> new KeFaultBase(hal) {
                @Override
                public void acquireSpinLock(KSpinLock lock, OldIrql oldIrql) {
                    Irql now = hal.currentIrql();
                    if (!now.isBelow(Irql.DISPATCH_LEVEL)) {
                        hal.bugCheck(new BugCheck(BugCheck.IRQL_NOT_LESS_OR_EQUAL, now.level(), "",
                                "KeAcquireSpinLock on processor " + hal.currentProcessorNumber() + ": called at " + now));
                    }
                    super.acquireSpinLock(lock, oldIrql);
                }
            });

    /** KeAcquireSpinLock writes OldIrql right after raising, before the lock is won. */
    public static final KeSpinLockProvider EARLY_OLDIRQL_WRITE = KeFaultBase.provider("early-oldirql-write",
            "KeAcquireSpinLock writes the previous IRQL to OldIrql right after raising, before it has won the lock: a waiter writes its OldIrql while another processor still holds the lock, and a caller that keeps OldIrql in a shared location overwrites the holder's (breaks: the previous IRQL is written to OldIrql after the lock is acquired).",
            hal -> new KeFaultBase(hal) {
                @Override
                public void acquireSpinLock(KSpinLock lock, OldIrql oldIrql) {
                    oldIrql.set(hal.raiseIrql(Irql.DISPATCH_LEVEL));
                    take(l(lock));
                }
            });

    /** KeAcquireSpinLock writes the IRQL it is at after raising (DISPATCH_LEVEL), not the previous one. */
    public static final KeSpinLockProvider OLDIRQL_IS_CURRENT = KeFaultBase.provider("oldirql-is-current",
            "KeAcquireSpinLock writes KeGetCurrentIrql() after raising (always DISPATCH_LEVEL) to OldIrql instead of the IRQL raiseIrql returned: the caller's KeReleaseSpinLock(OldIrql) leaves it at DISPATCH_LEVEL (breaks: the previous IRQL is written to OldIrql after the lock is acquired).",
            hal -> new KeFaultBase(hal) {
                @Override
                public void acquireSpinLock(KSpinLock lock, OldIrql oldIrql) {
                    hal.raiseIrql(Irql.DISPATCH_LEVEL);
                    take(l(lock));
                    oldIrql.set(hal.currentIrql());
                }
            });

    /** KeAcquireSpinLock entered at DISPATCH_LEVEL "has nothing to raise" and writes nothing to OldIrql. */
    public static final KeSpinLockProvider DISPATCH_ENTRY_SKIPS_OLDIRQL = KeFaultBase.provider("dispatch-entry-skips-oldirql",
            "KeAcquireSpinLock entered at DISPATCH_LEVEL skips the raise and with it the write to OldIrql: the caller's OldIrql keeps whatever it held, and its KeReleaseSpinLock lowers to that (breaks: the previous IRQL is written to OldIrql after the lock is acquired).",
            hal -> new KeFaultBase(hal) {
                @Override
                public void acquireSpinLock(KSpinLock lock, OldIrql oldIrql) {
                    if (hal.currentIrql().equals(Irql.DISPATCH_LEVEL)) {
                        take(l(lock));
                        return;
                    }
                    super.acquireSpinLock(lock, oldIrql);
                }
            });

    /** Test then set in two steps: two processors that both see the word free both take it. */
    public static final KeSpinLockProvider NON_ATOMIC_TAS = KeFaultBase.provider("non-atomic-tas",
            "The lock word is tested and then set in two steps (a read, a YieldProcessor turn, a plain write) instead of one atomic exchange: two processors that both see the word free both hold the lock (breaks: KeAcquireSpinLock acquires a spin lock so the caller can synchronize access to shared data in a multiprocessor-safe way; KeAcquireSpinLockAtDpcLevel acquires a spin lock).",
            hal -> new KeFaultBase(hal) {
                @Override
                void take(Lock lock) {
                    while (true) {
                        if (lock.word.get() == 0) {
                            hal.spinWait();
                            lock.word.set(1);
                            return;
                        }
                        hal.spinWait();
                    }
                }
            });

    // ------------------------------------------------------------------ KeReleaseSpinLock

    /** KeReleaseSpinLock lowers the IRQL before it clears the lock word. */
    public static final KeSpinLockProvider LOWER_BEFORE_CLEAR = KeFaultBase.provider("lower-before-clear",
            "KeReleaseSpinLock lowers to NewIrql before it clears the lock word: for a moment the lock is still held at the caller's IRQL, with dispatching enabled, and a DPC on that processor that takes the lock deadlocks (breaks: KeReleaseSpinLock releases a spin lock and restores the original IRQL; dispatching is disabled while the spin lock is held).",
            hal -> new KeFaultBase(hal) {
                @Override
                public void releaseSpinLock(KSpinLock lock, Irql newIrql) {
                    hal.lowerIrql(newIrql);
                    clear(l(lock));
                }
            });

    /** KeReleaseSpinLock ignores NewIrql and lowers to PASSIVE_LEVEL. */
    public static final KeSpinLockProvider RELEASE_TO_PASSIVE = KeFaultBase.provider("release-to-passive",
            "KeReleaseSpinLock ignores NewIrql and lowers to PASSIVE_LEVEL: an APC_LEVEL caller returns at PASSIVE_LEVEL (invisible from PASSIVE_LEVEL) (breaks: on return from KeReleaseSpinLock, IRQL is restored to the NewIrql value; it restores the original IRQL at which the caller was running).",
            hal -> new KeFaultBase(hal) {
                @Override
                public void releaseSpinLock(KSpinLock lock, Irql newIrql) {
                    clear(l(lock));
                    hal.lowerIrql(Irql.PASSIVE_LEVEL);
                }
            });

    /** KeReleaseSpinLock clears the word and returns without lowering. */
    public static final KeSpinLockProvider RELEASE_NEVER_LOWERS = KeFaultBase.provider("release-never-lowers",
            "KeReleaseSpinLock clears the lock word but never lowers: the caller returns at DISPATCH_LEVEL (breaks: on return from KeReleaseSpinLock, IRQL is restored to the NewIrql value; it restores the original IRQL at which the caller was running).",
            hal -> new KeFaultBase(hal) {
                @Override
                public void releaseSpinLock(KSpinLock lock, Irql newIrql) {
                    clear(l(lock));
                }
            });

    // ------------------------------------------------------------------ the DPC-level pair

    /** KeAcquireSpinLockAtDpcLevel "makes sure" of DISPATCH_LEVEL by raising, and its release lowers back. */
    private static final class RaisingDpcLevelPair extends KeFaultBase {
        private final java.util.Map<KSpinLock, Irql> saved = new java.util.concurrent.ConcurrentHashMap<>();

        RaisingDpcLevelPair(io.ddikit.spi.Hal hal) {
            super(hal);
        }

        @Override
        public void acquireSpinLockAtDpcLevel(KSpinLock lock) {
            Irql was = hal.raiseIrql(Irql.DISPATCH_LEVEL);
            take(l(lock));
            saved.put(lock, was);
        }

        @Override
        public void releaseSpinLockFromDpcLevel(KSpinLock lock) {
            Irql was = saved.remove(lock);
            clear(l(lock));
            hal.lowerIrql(was == null ? Irql.DISPATCH_LEVEL : was);
        }
    }

    /** KeAcquireSpinLockAtDpcLevel raises to DISPATCH_LEVEL "to be sure", and KeReleaseSpinLockFromDpcLevel lowers back. */
    public static final KeSpinLockProvider AT_DPC_LEVEL_RAISES = KeFaultBase.provider("at-dpc-level-raises",
            "KeAcquireSpinLockAtDpcLevel calls KeRaiseIrql(DISPATCH_LEVEL) \"to be sure\" and KeReleaseSpinLockFromDpcLevel lowers back: a raise and a lower counted at DISPATCH_LEVEL, and a caller above DISPATCH_LEVEL bug-checks 0xC4 (raising to a lower IRQL) (breaks: KeAcquireSpinLockAtDpcLevel assumes the caller is already running at IRQL >= DISPATCH_LEVEL, so no raise is necessary; it acquires a spin lock when the caller is already running at IRQL >= DISPATCH_LEVEL).",
            RaisingDpcLevelPair::new);

    /** KeReleaseSpinLockFromDpcLevel is KeReleaseSpinLock(lock, PASSIVE_LEVEL). */
    public static final KeSpinLockProvider FROM_DPC_LEVEL_LOWERS = KeFaultBase.provider("from-dpc-level-lowers",
            "KeReleaseSpinLockFromDpcLevel is written as KeReleaseSpinLock(SpinLock, PASSIVE_LEVEL): a DISPATCH_LEVEL caller (a DPC) returns at PASSIVE_LEVEL (breaks: KeReleaseSpinLockFromDpcLevel releases an executive spin lock without changing the IRQL).",
            hal -> new KeFaultBase(hal) {
                @Override
                public void releaseSpinLockFromDpcLevel(KSpinLock lock) {
                    releaseSpinLock(lock, Irql.PASSIVE_LEVEL);
                }
            });

    /** The uniprocessor build's DPC-level pair: at DISPATCH_LEVEL there is "nothing left to exclude". */
    public static final KeSpinLockProvider UNIPROCESSOR_AT_DPC_LEVEL = KeFaultBase.provider("uniprocessor-at-dpc-level",
            "KeAcquireSpinLockAtDpcLevel and KeReleaseSpinLockFromDpcLevel come from a uniprocessor build, where being at DISPATCH_LEVEL is all a spin lock needs: they never touch the lock word, so another processor's KeAcquireSpinLock enters while the DPC-level caller holds the lock (breaks: KeAcquireSpinLockAtDpcLevel acquires a spin lock when the caller is already running at IRQL >= DISPATCH_LEVEL).",
            hal -> new KeFaultBase(hal) {
                @Override
                public void acquireSpinLockAtDpcLevel(KSpinLock lock) {
                }

                @Override
                public void releaseSpinLockFromDpcLevel(KSpinLock lock) {
                }
            });

    // ------------------------------------------------------------------ KeInitializeSpinLock

    /** KeInitializeSpinLock sets the word to 1, "one holder available", while acquire takes 0 as free. */
    public static final KeSpinLockProvider INITIALIZE_LEAVES_TAKEN = KeFaultBase.provider("initialize-leaves-taken",
            "KeInitializeSpinLock sets the lock word to 1 (\"one holder available\", as for a semaphore) while the acquire routines take 0 as free: an initialised lock is held by nobody and can never be acquired (breaks: KeInitializeSpinLock initializes a variable of type KSPIN_LOCK).",
            hal -> new KeFaultBase(hal) {
                @Override
                public void initializeSpinLock(KSpinLock lock) {
                    l(lock).word.set(1);
                }
            });

    // ------------------------------------------------------------------ KeTestSpinLock

    /** KeTestSpinLock returns whether the lock is held, the inverse of the page's answer. */
    public static final KeSpinLockProvider TEST_INVERTED = KeFaultBase.provider("test-inverted",
            "KeTestSpinLock returns the lock word as a boolean (TRUE when held) instead of TRUE when free: FALSE on a free lock, TRUE on a held one (breaks: KeTestSpinLock tests for the availability of a spin lock; if it returns TRUE, the caller can try to acquire the lock with a high probability of immediate success).",
            hal -> new KeFaultBase(hal) {
                @Override
                public boolean testSpinLock(KSpinLock lock) {
                    return l(lock).word.getAcquire() != 0;
                }
            });

    /** KeTestSpinLock written as a test-and-set: it takes a free lock. */
    public static final KeSpinLockProvider TEST_AND_SET = KeFaultBase.provider("test-and-set",
            "KeTestSpinLock is written as a test-and-set (an atomic exchange with 1): it answers TRUE on a free lock but leaves it taken by nobody, so the caller's next try fails and every acquire waits for ever (breaks: KeTestSpinLock never acquires the spin lock; if it returns TRUE, the caller can try to acquire the lock with a high probability of immediate success).",
            hal -> new KeFaultBase(hal) {
                @Override
                public boolean testSpinLock(KSpinLock lock) {
                    return l(lock).word.getAndSet(1) == 0;
                }
            });

    /** KeTestSpinLock raises to DISPATCH_LEVEL around its read, like an acquire. */
    public static final KeSpinLockProvider TEST_RAISES = KeFaultBase.provider("test-raises",
            "KeTestSpinLock raises to DISPATCH_LEVEL around its read of the lock word and lowers back, as an acquire would: one raise and one lower per call (breaks: KeTestSpinLock neither raises nor lowers the IRQL).",
            hal -> new KeFaultBase(hal) {
                @Override
                public boolean testSpinLock(KSpinLock lock) {
                    Irql was = hal.raiseIrql(Irql.DISPATCH_LEVEL);
                    boolean free = l(lock).word.getAcquire() == 0;
                    hal.lowerIrql(was);
                    return free;
                }
            });

    // ------------------------------------------------------------------ KeTryToAcquireSpinLockAtDpcLevel

    /** KeTryToAcquireSpinLockAtDpcLevel shares the acquire's spin loop: it waits instead of returning FALSE. */
    public static final KeSpinLockProvider TRY_SPINS = KeFaultBase.provider("try-spins",
            "KeTryToAcquireSpinLockAtDpcLevel calls the acquire's spin loop and returns TRUE once it wins: on a held lock it spins until the holder releases instead of returning FALSE (breaks: if the spin lock has already been acquired, the routine immediately returns FALSE).",
            hal -> new KeFaultBase(hal) {
                @Override
                public boolean tryToAcquireSpinLockAtDpcLevel(KSpinLock lock) {
                    take(l(lock));
                    return true;
                }
            });

    /** KeTryToAcquireSpinLockAtDpcLevel tests the word and returns TRUE without setting it. */
    public static final KeSpinLockProvider TRY_WITHOUT_TAKING = KeFaultBase.provider("try-without-taking",
            "KeTryToAcquireSpinLockAtDpcLevel reads the lock word and returns TRUE when it is free, without setting it: the caller believes it holds a lock that is still free, and a second caller's try succeeds too (breaks: if the specified spin lock is not busy, the routine acquires the spin lock and returns TRUE).",
            hal -> new KeFaultBase(hal) {
                @Override
                public boolean tryToAcquireSpinLockAtDpcLevel(KSpinLock lock) {
                    return l(lock).word.getAcquire() == 0;
                }
            });

    /** KeTryToAcquireSpinLockAtDpcLevel mistakes the compare-and-exchange's witness value for its success. */
    public static final KeSpinLockProvider TRY_WITNESS_INVERTED = KeFaultBase.provider("try-witness-inverted",
            "KeTryToAcquireSpinLockAtDpcLevel returns compareAndExchange(0, 1) != 0, mistaking the witness value for success: on a free lock it takes the word but returns FALSE (the lock is then held by nobody), on a held lock it returns TRUE without taking it (breaks: if the specified spin lock is not busy, the routine acquires it and returns TRUE; if the spin lock has already been acquired, the routine immediately returns FALSE).",
            hal -> new KeFaultBase(hal) {
                @Override
                public boolean tryToAcquireSpinLockAtDpcLevel(KSpinLock lock) {
                    return l(lock).word.compareAndExchangeAcquire(0, 1) != 0;
                }
            });

    // ------------------------------------------------------------------ checked builds

    /** A checked build that checks NewIrql only against DISPATCH_LEVEL, never against the acquire's OldIrql. */
    public static final KeSpinLockProvider CHECKED_TRUSTS_NEWIRQL = KeFaultBase.checked("checked-trusts-newirql",
            "A checked build whose KeReleaseSpinLock checks only that NewIrql is at most DISPATCH_LEVEL, never that it is the OldIrql its KeAcquireSpinLock wrote: a caller that passes another value is not reported (breaks: the input NewIrql value must be the OldIrql returned by KeAcquireSpinLock, as misuse detection).",
            hal -> new KeCheckedFaultBase(hal) {
                @Override
                void checkNewIrql(String api, CheckedLock l, Irql newIrql) {
                    // trusts the caller
                }
            });

    /** Every fault. */
    public static List<KeSpinLockProvider> all() {
        return List.of(NO_RAISE, RAISE_AFTER_TAKE, RAISE_TO_SYNCH, IRQL_CHECK_OFF_BY_ONE, EARLY_OLDIRQL_WRITE,
                OLDIRQL_IS_CURRENT, DISPATCH_ENTRY_SKIPS_OLDIRQL, NON_ATOMIC_TAS, LOWER_BEFORE_CLEAR, RELEASE_TO_PASSIVE,
                RELEASE_NEVER_LOWERS, AT_DPC_LEVEL_RAISES, FROM_DPC_LEVEL_LOWERS, UNIPROCESSOR_AT_DPC_LEVEL,
                INITIALIZE_LEAVES_TAKEN, TEST_INVERTED, TEST_AND_SET, TEST_RAISES, TRY_SPINS, TRY_WITHOUT_TAKING,
                TRY_WITNESS_INVERTED, CHECKED_TRUSTS_NEWIRQL);
    }

    /** For each fault, the clauses it breaks: the self-test asks that one of them catches it. */
    private static final Map<String, List<String>> BREAKS = Map.ofEntries(
            Map.entry("no-raise", List.of(RAISE_FIRST, ACQUIRE, DISPATCHING_DISABLED)),
            Map.entry("raise-after-take", List.of(RAISE_FIRST, DISPATCHING_DISABLED)),
            Map.entry("raise-to-synch", List.of(RAISE_FIRST)),
            Map.entry("irql-check-off-by-one", List.of(ACQUIRE_IRQL)),
            Map.entry("early-oldirql-write", List.of(OLDIRQL_AFTER)),
            Map.entry("oldirql-is-current", List.of(OLDIRQL_AFTER)),
            Map.entry("dispatch-entry-skips-oldirql", List.of(OLDIRQL_AFTER)),
            Map.entry("non-atomic-tas", List.of(ACQUIRE, AT_DPC_LEVEL_ACQUIRES)),
            Map.entry("lower-before-clear", List.of(RELEASE, DISPATCHING_DISABLED)),
            Map.entry("release-to-passive", List.of(RESTORED_TO_NEWIRQL, RELEASE)),
            Map.entry("release-never-lowers", List.of(RESTORED_TO_NEWIRQL, RELEASE)),
            Map.entry("at-dpc-level-raises", List.of(AT_DPC_LEVEL_NO_RAISE, AT_DPC_LEVEL_ACQUIRES)),
            Map.entry("from-dpc-level-lowers", List.of(FROM_DPC_LEVEL_RELEASES)),
            Map.entry("uniprocessor-at-dpc-level", List.of(AT_DPC_LEVEL_ACQUIRES)),
            Map.entry("initialize-leaves-taken", List.of(INITIALIZE)),
            Map.entry("test-inverted", List.of(TEST_TESTS, TEST_TRUE_MEANS_FREE)),
            Map.entry("test-and-set", List.of(TEST_CHANGES_NOTHING, TEST_TRUE_MEANS_FREE)),
            Map.entry("test-raises", List.of(TEST_CHANGES_NOTHING)),
            Map.entry("try-spins", List.of(TRY_ALREADY_HELD)),
            Map.entry("try-without-taking", List.of(TRY_NOT_BUSY)),
            Map.entry("try-witness-inverted", List.of(TRY_NOT_BUSY, TRY_ALREADY_HELD)),
            Map.entry("checked-trusts-newirql", List.of(NEWIRQL_IS_OLDIRQL)));

    /** The ids of the clauses a fault of this catalogue breaks. */
    public static List<String> breaks(KeSpinLockProvider fault) {
        List<String> b = BREAKS.get(fault.name());
        if (b == null) {
            throw new NoSuchElementException("fault " + fault.name() + " names no clause it breaks");
        }
        return b;
    }

    /** The one-line description of a fault of this catalogue: what it gets wrong and which sentence that breaks. */
    public static String description(KeSpinLockProvider fault) {
        if (!(fault instanceof KeFaultBase.Fault)) {
            throw new NoSuchElementException(fault.name() + " is not a fault of this catalogue");
        }
        return ((KeFaultBase.Fault) fault).description();
    }

    /** The fault named {@code name}. */
    public static KeSpinLockProvider byName(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no fault named " + name));
    }
}
