package io.ddikit.faults.ndis;

import io.ddikit.spi.Irql;
import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockProvider;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Deliberately faulty implementations, for the kit's own tests: each breaks one clause of the page,
 * and the kit must see it. They are not registered with the service loader; find them here by name.
 */
public final class Faults {
    private Faults() {
    }

    /** The value {@link #FREE_RETIRES_WORD} leaves in a freed lock's word. */
    private static final int RETIRED = 0xDEAD;

    /** Where {@link #SHARED_OLDIRQL} saves the previous IRQL, for every lock. */
    private static volatile Irql sharedOldIrql = Irql.PASSIVE_LEVEL;

    /** Acquire never raises: breaks "raises to DISPATCH_LEVEL"; the caller holds the lock at its entry IRQL. */
    public static final NdisSpinLockProvider NO_RAISE = FaultBase.provider("no-raise",
            "Acquire never raises: the caller holds the lock at its entry IRQL (breaks: releases a lock acquired by NdisAcquireSpinLock, which raises to DISPATCH_LEVEL).", hal -> new FaultBase(hal) {
        @Override
        public void acquireSpinLock(NdisSpinLock lock) {
            Irql old = hal.currentIrql();
            take(l(lock));
            l(lock).oldIrql = old;
        }
    });

    /** Release lowers to PASSIVE_LEVEL whatever the entry level: breaks "restores the saved IRQL"; an APC_LEVEL caller returns at PASSIVE_LEVEL. */
    public static final NdisSpinLockProvider LOWER_TO_PASSIVE = FaultBase.provider("lower-to-passive",
            "Release lowers to PASSIVE_LEVEL whatever the entry level: an APC_LEVEL caller returns at PASSIVE_LEVEL (breaks: restores the original IRQL).",
            hal -> new FaultBase(hal) {
                @Override
                public void releaseSpinLock(NdisSpinLock lock) {
                    l(lock).word.setRelease(0);
                    hal.lowerIrql(Irql.PASSIVE_LEVEL);
                }
            });

    /**
     * Release clears the lock word, checks its IRQL, then reads OldIrql: breaks "reads the saved IRQL while
     * still holding"; a processor that acquires in between makes the releaser lower to the new owner's IRQL.
     */
    public static final NdisSpinLockProvider LATE_OLDIRQL_READ = FaultBase.provider("late-oldirql-read",
            "Release clears the lock word before reading OldIrql: a processor that acquires in between makes the releaser lower to the new owner's IRQL (breaks: restores the original IRQL).",
            hal -> new FaultBase(hal) {
                @Override
                public void releaseSpinLock(NdisSpinLock lock) {
                    l(lock).word.setRelease(0);
                    if (hal.currentIrql().isBelow(Irql.DISPATCH_LEVEL)) {
                        throw new IllegalStateException("released below DISPATCH_LEVEL");
                    }
                    hal.lowerIrql(l(lock).oldIrql);
                }
            });

    /** Acquire saves the previous IRQL before winning the lock: breaks "then saves"; a waiter overwrites the owner's saved IRQL. */
    public static final NdisSpinLockProvider EARLY_OLDIRQL_WRITE = FaultBase.provider("early-oldirql-write",
            "Acquire saves the previous IRQL before winning the lock: a waiter overwrites the owner's saved IRQL (breaks: restores the original IRQL).",
            hal -> new FaultBase(hal) {
                @Override
                public void acquireSpinLock(NdisSpinLock lock) {
                    l(lock).oldIrql = hal.raiseIrql(Irql.DISPATCH_LEVEL);
                    take(l(lock));
                }
            });

    /** Test then set with a plain read and a plain write: breaks mutual exclusion; two processors hold the lock at once. */
    public static final NdisSpinLockProvider NON_ATOMIC_TAS = FaultBase.provider("non-atomic-tas",
            "Test then set with a plain read and a plain write: two processors hold the lock at once (breaks: releases a lock acquired, i.e. mutual exclusion).",
            hal -> new FaultBase(hal) {
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

    /** Dpr acquire raises to DISPATCH_LEVEL and Dpr release lowers: breaks "the Dpr variants never change IRQL"; one raise and one lower are counted. */
    public static final NdisSpinLockProvider DPR_RAISES = FaultBase.provider("dpr-raises",
            "Dpr acquire raises to DISPATCH_LEVEL and Dpr release lowers: one raise and one lower are counted (breaks: the Dpr pair never changes IRQL).", hal -> new FaultBase(hal) {
        @Override
        public void dprAcquireSpinLock(NdisSpinLock lock) {
            Irql old = hal.raiseIrql(Irql.DISPATCH_LEVEL);
            take(l(lock));
            l(lock).oldIrql = old;
        }

        @Override
        public void dprReleaseSpinLock(NdisSpinLock lock) {
            releaseSpinLock(lock);
        }
    });

    /** Once contended, never gets the lock: breaks "spins until the lock is acquired"; the waiter times out. */
    public static final NdisSpinLockProvider HANG_ON_CONTENTION = FaultBase.provider("hang-on-contention",
            "Once contended, never gets the lock: the waiter times out (breaks: a released lock can be acquired by a waiter).",
            hal -> new FaultBase(hal) {
                @Override
                void take(Lock lock) {
                    if (lock.word.compareAndExchangeAcquire(0, 1) == 0) {
                        return;
                    }
                    while (true) {
                        hal.spinWait();
                    }
                }
            });

    /**
     * Release leaves the lock word set when the saved IRQL is APC_LEVEL (and only then): breaks "releases the lock"; a
     * caller that entered at APC_LEVEL leaves the lock taken by nobody, and every waiter spins forever.
     */
    public static final NdisSpinLockProvider RELEASE_KEEPS_WORD_AT_APC = FaultBase.provider("release-keeps-word-at-apc",
            "Release forgets to clear the lock word when the saved IRQL is APC_LEVEL: the lock stays taken by nobody (breaks: NdisReleaseSpinLock releases the lock).",
            hal -> new FaultBase(hal) {
                @Override
                public void releaseSpinLock(NdisSpinLock lock) {
                    Irql old = l(lock).oldIrql;
                    if (old != Irql.APC_LEVEL) {
                        l(lock).word.setRelease(0);
                    }
                    hal.lowerIrql(old);
                }
            });

    /**
     * Acquire takes the lock word first and raises to DISPATCH_LEVEL only then: for a moment the processor holds the lock at
     * its caller's IRQL, so a DPC (or, on a real machine, a thread switch) on that processor in that window deadlocks.
     */
    public static final NdisSpinLockProvider RAISE_AFTER_TAKE = FaultBase.provider("raise-after-take",
            "Acquire takes the lock word before it raises to DISPATCH_LEVEL: for a moment the lock is held at the caller's IRQL, and a DPC on that processor that takes the lock deadlocks (breaks: IRQL DISPATCH_LEVEL).",
            hal -> new FaultBase(hal) {
                @Override
                public void acquireSpinLock(NdisSpinLock lock) {
                    take(l(lock));
                    l(lock).oldIrql = hal.raiseIrql(Irql.DISPATCH_LEVEL);
                }
            });

    /**
     * Waiters spin on a plain field that mirrors the lock word: a data race (nothing orders the holder's write before the
     * waiter's read), and a loop the compiler may turn into one read and an endless loop; mutual exclusion itself holds.
     */
    public static final NdisSpinLockProvider PLAIN_READ_SPIN = FaultBase.provider("plain-read-spin",
            "Waiters spin on a plain (non-volatile) field mirroring the lock word: a data race, and a waiting loop the compiler may hoist into one read (breaks: a released lock can be acquired by a waiter).",
            hal -> new FaultBase(hal) {
                @Override
                void take(Lock lock) {
                    PlainLock l = (PlainLock) lock;
                    while (true) {
                        while (l.busy) {
                            hal.spinWait();
                        }
                        if (l.word.compareAndSet(0, 1)) {
                            l.busy = true;
                            return;
                        }
                        hal.spinWait();
                    }
                }

                @Override
                public NdisSpinLock newLock() {
                    return new PlainLock();
                }

                @Override
                public void releaseSpinLock(NdisSpinLock lock) {
                    Irql old = l(lock).oldIrql;
                    ((PlainLock) lock).busy = false;
                    l(lock).word.setRelease(0);
                    hal.lowerIrql(old);
                }

                @Override
                public void dprReleaseSpinLock(NdisSpinLock lock) {
                    ((PlainLock) lock).busy = false;
                    l(lock).word.setRelease(0);
                }
            });

    /** The lock of {@link #PLAIN_READ_SPIN}: the word, and a plain mirror of it. */
    static final class PlainLock extends FaultBase.Lock {
        boolean busy;
    }

    /**
     * Release clears the lock word and then reads OldIrql, with no HAL call between (so no pause point can hold it there):
     * a processor that wins the lock in that window overwrites OldIrql, and the releaser lowers to the new owner's IRQL.
     */
    public static final NdisSpinLockProvider LATE_OLDIRQL_READ_NO_HAL = FaultBase.provider("late-oldirql-read-no-hal",
            "Release clears the lock word, then reads OldIrql with no HAL call between: a processor that acquires in that window makes the releaser lower to the new owner's IRQL (breaks: restores the original IRQL).",
            hal -> new FaultBase(hal) {
                @Override
                public void releaseSpinLock(NdisSpinLock lock) {
                    l(lock).word.setRelease(0);
                    hal.lowerIrql(l(lock).oldIrql);
                }
            });

    /** Allocate leaves the lock word set: the lock is taken by nobody from the start, and the first acquire spins forever. */
    public static final NdisSpinLockProvider ALLOCATE_LEAVES_TAKEN = FaultBase.provider("allocate-leaves-taken",
            "NdisAllocateSpinLock leaves the lock word set: the lock is taken by nobody from the start, and the first acquire spins forever (breaks: a driver must initialize its spin lock with NdisAllocateSpinLock, which must leave it free).",
            hal -> new FaultBase(hal) {
                @Override
                public void allocateSpinLock(NdisSpinLock lock) {
                    l(lock).word.set(1);
                }
            });

    /**
     * NdisAllocateSpinLock and NdisFreeSpinLock refuse callers above DISPATCH_LEVEL with a bug check, as the acquire
     * would: a reading of "any IRQL" as "at most DISPATCH_LEVEL".
     */
    public static final NdisSpinLockProvider ALLOCATE_FREE_AT_MOST_DISPATCH = FaultBase.provider("allocate-free-at-most-dispatch",
            "NdisAllocateSpinLock and NdisFreeSpinLock bug-check when called above DISPATCH_LEVEL (breaks: callers of NdisAllocateSpinLock and of NdisFreeSpinLock can run at any IRQL).",
            hal -> new FaultBase(hal) {
                private void atMostDispatch(String api) {
                    Irql irql = hal.currentIrql();
                    if (irql.isAbove(Irql.DISPATCH_LEVEL)) {
                        hal.bugCheck(new io.ddikit.spi.BugCheck(0xC4, 0x2005, "Irql_Synch_Function",
                                api + ": called at " + irql + ", must be at or below DISPATCH_LEVEL"));
                    }
                }

                @Override
                public void allocateSpinLock(NdisSpinLock lock) {
                    atMostDispatch("NdisAllocateSpinLock");
                    super.allocateSpinLock(lock);
                }

                @Override
                public void freeSpinLock(NdisSpinLock lock) {
                    atMostDispatch("NdisFreeSpinLock");
                    super.freeSpinLock(lock);
                }
            });

    /**
     * A ticket lock whose "next ticket" counter wraps at 16 while "now serving" does not: after 16 acquisitions the next
     * waiter holds a ticket that is never served, and the lock, free, can never be taken again.
     */
    public static final NdisSpinLockProvider TICKET_WRAPS = FaultBase.provider("ticket-wraps",
            "A ticket lock whose next-ticket counter wraps at 16 while now-serving does not: from the 17th acquisition on, the lock is free but no waiter's ticket is ever served (breaks: a released lock can be acquired by a waiter).",
            hal -> new SkippingTicketFamily(hal) {
                @Override
                void take(Lock lock) {
                    TicketLock t = (TicketLock) lock;
                    int ticket = t.next.getAndUpdate(n -> (n + 1) % 16);
                    while (t.serving.getAcquire() != ticket) {
                        hal.spinWait();
                    }
                }

                @Override
                void serveNext(TicketLock t) {
                    t.serving.setRelease(t.serving.get() + 1);
                }
            });

    /** Release throws IllegalStateException: breaks "releases the lock"; the call ends with an exception. */
    public static final NdisSpinLockProvider THROWS = FaultBase.provider("throws",
            "Release throws IllegalStateException: the call ends with an exception (breaks: releases the lock).", hal -> new FaultBase(hal) {
        @Override
        public void releaseSpinLock(NdisSpinLock lock) {
            throw new IllegalStateException("release is not implemented");
        }
    });

    /** NdisDprReleaseSpinLock lowers to PASSIVE_LEVEL: breaks the Dpr pair clause; the Dpr caller returns below DISPATCH_LEVEL. */
    public static final NdisSpinLockProvider DPR_RELEASE_LOWERS = FaultBase.provider("dpr-release-lowers",
            "NdisDprReleaseSpinLock lowers to PASSIVE_LEVEL: the Dpr caller returns at PASSIVE_LEVEL (breaks: a lock taken with NdisDprAcquireSpinLock is given back with NdisDprReleaseSpinLock, which never changes IRQL).",
            hal -> new FaultBase(hal) {
                @Override
                public void dprReleaseSpinLock(NdisSpinLock lock) {
                    l(lock).word.setRelease(0);
                    hal.lowerIrql(Irql.PASSIVE_LEVEL);
                }
            });

    /** Release lowers the IRQL before clearing the lock word: breaks the description (the lock is released, then the IRQL lowered); the lock is still held while the releaser runs below DISPATCH_LEVEL. */
    public static final NdisSpinLockProvider LOWER_BEFORE_CLEAR = FaultBase.provider("lower-before-clear",
            "Release lowers the IRQL before clearing the lock word: the lock is still taken while the releaser is back at its entry IRQL (breaks: NdisReleaseSpinLock releases the lock).",
            hal -> new FaultBase(hal) {
                @Override
                public void releaseSpinLock(NdisSpinLock lock) {
                    Irql old = l(lock).oldIrql;
                    hal.lowerIrql(old);
                    l(lock).word.setRelease(0);
                }
            });

    /**
     * Free marks the lock word retired and allocate initialises a lock only the first time: breaks "must initialize
     * with NdisAllocateSpinLock"; after free then allocate, the lock can never be taken.
     */
    public static final NdisSpinLockProvider FREE_RETIRES_WORD = FaultBase.provider("free-retires-word",
            "Free marks the lock word retired and allocate initialises a lock only once: after free then allocate the lock can never be taken (breaks: a driver must initialize its spin lock with NdisAllocateSpinLock).",
            hal -> new FaultBase(hal) {
                private final java.util.Set<NdisSpinLock> initialised =
                        java.util.Collections.newSetFromMap(new java.util.concurrent.ConcurrentHashMap<>());

                @Override
                public void allocateSpinLock(NdisSpinLock lock) {
                    if (initialised.add(lock)) {
                        l(lock).word.set(0);
                    }
                }

                @Override
                public void freeSpinLock(NdisSpinLock lock) {
                    l(lock).word.set(RETIRED);
                }
            });

    /** Release clears the lock word with a plain write (no release semantics): breaks the description (data written inside the lock is published by the release); a new owner may read stale data. */
    public static final NdisSpinLockProvider PLAIN_RELEASE = FaultBase.provider("plain-release",
            "Release clears the lock word with a plain write, without release semantics: the next owner may miss the previous owner's writes (breaks: NdisReleaseSpinLock releases the lock, publishing the protected data).",
            hal -> new FaultBase(hal) {
                @Override
                public void releaseSpinLock(NdisSpinLock lock) {
                    Irql old = l(lock).oldIrql;
                    l(lock).word.setPlain(0);
                    hal.lowerIrql(old);
                }

                @Override
                public void dprReleaseSpinLock(NdisSpinLock lock) {
                    l(lock).word.setPlain(0);
                }
            });

    /**
     * A ticket lock whose release serves the next ticket to be drawn instead of the next in line: breaks the
     * description; with a waiter queued, now-serving jumps past its ticket and it spins forever.
     */
    public static final NdisSpinLockProvider TICKET_SKIPS_WAITER = FaultBase.provider("ticket-skips-waiter",
            "A ticket lock whose release serves the next ticket to be drawn instead of the next in line: a queued waiter's turn is skipped and it spins forever (breaks: a released lock can be acquired by a waiter).",
            SkippingTicketFamily::new);

    /**
     * Acquire "optimises" entry at DISPATCH_LEVEL by neither raising nor saving OldIrql; release lowers to the stale
     * OldIrql of an earlier owner: breaks "restores the original IRQL"; a DISPATCH_LEVEL caller returns at PASSIVE_LEVEL.
     */
    public static final NdisSpinLockProvider DISPATCH_ENTRY_STALE_SAVE = FaultBase.provider("dispatch-entry-stale-save",
            "Acquire entered at DISPATCH_LEVEL neither raises nor saves OldIrql, and release lowers to the stale saved value: a DISPATCH_LEVEL caller returns at PASSIVE_LEVEL (breaks: restores the original IRQL).",
            hal -> new FaultBase(hal) {
                @Override
                public void acquireSpinLock(NdisSpinLock lock) {
                    if (hal.currentIrql().equals(Irql.DISPATCH_LEVEL)) {
                        take(l(lock));
                        return;
                    }
                    super.acquireSpinLock(lock);
                }
            });

    /**
     * A checked build that lets the owner acquire its lock again (a recursion count instead of bug check 0xF): breaks
     * "each acquire requires a reciprocal release before acquiring again"; the recursive acquire is not reported.
     */
    public static final NdisSpinLockProvider RECURSIVE_ACQUIRE = FaultBase.checked("recursive-acquire",
            "A checked build in which the owner acquiring its lock again succeeds (a recursion count instead of bug check 0xF) (breaks: each call to NdisAcquireSpinLock requires a reciprocal call to NdisReleaseSpinLock before acquiring again).",
            hal -> new CheckedFaultBase(hal) {
                @Override
                boolean alreadyMine(String api, CheckedLock lock) {
                    if (lock.owner.get() == hal.currentProcessorNumber()) {
                        lock.depth++;
                        return true;
                    }
                    return false;
                }
            });

    /**
     * A checked build that reports a release of a lock the caller does not hold under the SpinLock rule: breaks
     * "must call NdisAcquireSpinLock before NdisReleaseSpinLock"; the report names the wrong DDI compliance rule.
     */
    public static final NdisSpinLockProvider WRONG_RULE = FaultBase.checked("wrong-rule",
            "A checked build that reports a release of a lock the caller does not hold as a SpinLock violation instead of SpinlockRelease (breaks: a driver must call NdisAcquireSpinLock before it can call NdisReleaseSpinLock).",
            hal -> new CheckedFaultBase(hal) {
                @Override
                String notOwnedRule() {
                    return "SpinLock";
                }
            });

    /** Acquire raises to HIGH_LEVEL: breaks "restores ... and is DISPATCH_LEVEL in between"; the lock is held at HIGH_LEVEL. */
    public static final NdisSpinLockProvider RAISE_TO_HIGH = FaultBase.provider("raise-to-high",
            "Acquire raises to HIGH_LEVEL instead of DISPATCH_LEVEL: the lock is held with every interrupt masked (breaks: the caller holds the lock at DISPATCH_LEVEL between acquire and release).",
            hal -> new FaultBase(hal) {
                @Override
                public void acquireSpinLock(NdisSpinLock lock) {
                    Irql old = hal.raiseIrql(Irql.HIGH_LEVEL);
                    take(l(lock));
                    l(lock).oldIrql = old;
                }
            });

    /** Acquire raises to APC_LEVEL when entered below it: breaks the IRQL requirement; a DPC runs on the holder's processor while it holds the lock. */
    public static final NdisSpinLockProvider RAISE_TO_APC = FaultBase.provider("raise-to-apc",
            "Acquire raises to APC_LEVEL instead of DISPATCH_LEVEL: DPCs run on the holder's processor while it holds the lock (breaks: IRQL DISPATCH_LEVEL).",
            hal -> new FaultBase(hal) {
                @Override
                public void acquireSpinLock(NdisSpinLock lock) {
                    Irql now = hal.currentIrql();
                    Irql old = now.isBelow(Irql.APC_LEVEL) ? hal.raiseIrql(Irql.APC_LEVEL) : now;
                    take(l(lock));
                    l(lock).oldIrql = old;
                }
            });

    /** Release never lowers: breaks "restores the original IRQL"; the caller returns at DISPATCH_LEVEL. */
    public static final NdisSpinLockProvider RELEASE_NEVER_LOWERS = FaultBase.provider("release-never-lowers",
            "Release clears the lock word but never lowers the IRQL: the caller returns at DISPATCH_LEVEL (breaks: restores the original IRQL).",
            hal -> new FaultBase(hal) {
                @Override
                public void releaseSpinLock(NdisSpinLock lock) {
                    l(lock).word.setRelease(0);
                }
            });

    /** Dpr acquire never takes the lock word: breaks the Dpr pair clause; NdisAcquireSpinLock on another processor enters while the Dpr holder is inside. */
    public static final NdisSpinLockProvider DPR_SKIPS_WORD = FaultBase.provider("dpr-skips-word",
            "NdisDprAcquireSpinLock does not take the lock word (\"already at DISPATCH_LEVEL, nothing to do\"): it excludes no NdisAcquireSpinLock on another processor (breaks: a lock taken with NdisDprAcquireSpinLock is held until NdisDprReleaseSpinLock).",
            hal -> new FaultBase(hal) {
                @Override
                public void dprAcquireSpinLock(NdisSpinLock lock) {
                }
            });

    /** One lock word per processor: breaks the description (mutual exclusion); two processors hold the lock at once. */
    public static final NdisSpinLockProvider PER_PROCESSOR_WORD = FaultBase.provider("per-processor-word",
            "The lock word is kept per processor (indexed by KeGetCurrentProcessorNumber): every processor wins its own word, so there is no exclusion (breaks: NdisReleaseSpinLock releases a lock acquired by NdisAcquireSpinLock, i.e. mutual exclusion).",
            hal -> new FaultBase(hal) {
                private final java.util.Map<NdisSpinLock, java.util.concurrent.atomic.AtomicIntegerArray> words =
                        new java.util.concurrent.ConcurrentHashMap<>();

                private java.util.concurrent.atomic.AtomicIntegerArray words(NdisSpinLock lock) {
                    return words.computeIfAbsent(lock, k -> new java.util.concurrent.atomic.AtomicIntegerArray(64));
                }

                @Override
                void take(Lock lock) {
                    int me = hal.currentProcessorNumber();
                    while (!words(lock).compareAndSet(me, 0, 1)) {
                        hal.spinWait();
                    }
                }

                @Override
                public void releaseSpinLock(NdisSpinLock lock) {
                    Irql old = l(lock).oldIrql;
                    words(lock).set(hal.currentProcessorNumber(), 0);
                    hal.lowerIrql(old);
                }

                @Override
                public void dprReleaseSpinLock(NdisSpinLock lock) {
                    words(lock).set(hal.currentProcessorNumber(), 0);
                }
            });

    /**
     * A waiter spins without calling Hal.spinWait (a bare busy loop): breaks the description (the waiter must spin
     * the documented way); the kit sees a waiting processor that makes no spin-wait turns. It gives up when its
     * processor thread is interrupted, so that a stopped machine does not leave it spinning.
     */
    public static final NdisSpinLockProvider SPIN_WITHOUT_YIELD = FaultBase.provider("spin-without-yield",
            "A waiter spins in a bare busy loop without Hal.spinWait (YieldProcessor): the waiting processor makes no spin-wait turns (breaks: the waiter spins on the lock until it is released, per the SPI contract).",
            hal -> new FaultBase(hal) {
                @Override
                void take(Lock lock) {
                    while (lock.word.getAcquire() != 0 || lock.word.compareAndExchangeAcquire(0, 1) != 0) {
                        Thread.onSpinWait();
                        if (Thread.currentThread().isInterrupted()) {
                            throw new IllegalStateException("busy loop interrupted");
                        }
                    }
                }
            });

    /** OldIrql kept in one static field for every lock: breaks "restores the original IRQL"; with nested locks the outer release restores the inner entry IRQL. */
    public static final NdisSpinLockProvider SHARED_OLDIRQL = FaultBase.provider("shared-oldirql",
            "OldIrql is saved in one static field shared by every lock: with nested locks, releasing the outer lock restores the inner lock's entry IRQL (breaks: restores the original IRQL).",
            hal -> new FaultBase(hal) {
                @Override
                public void acquireSpinLock(NdisSpinLock lock) {
                    Irql old = hal.raiseIrql(Irql.DISPATCH_LEVEL);
                    take(l(lock));
                    sharedOldIrql = old;
                }

                @Override
                public void releaseSpinLock(NdisSpinLock lock) {
                    Irql old = sharedOldIrql;
                    l(lock).word.setRelease(0);
                    hal.lowerIrql(old);
                }
            });

    /** Free throws when the lock was ever acquired: breaks "must initialize with NdisAllocateSpinLock" (free and allocate again); the call ends with an exception. */
    public static final NdisSpinLockProvider FREE_THROWS_AFTER_USE = FaultBase.provider("free-throws-after-use",
            "NdisFreeSpinLock throws IllegalStateException when the lock was ever acquired: a used lock cannot be retired and allocated again (breaks: a driver must initialize its spin lock with NdisAllocateSpinLock).",
            hal -> new FaultBase(hal) {
                private final java.util.Set<NdisSpinLock> used =
                        java.util.Collections.newSetFromMap(new java.util.concurrent.ConcurrentHashMap<>());

                @Override
                void take(Lock lock) {
                    super.take(lock);
                    used.add(lock);
                }

                @Override
                public void freeSpinLock(NdisSpinLock lock) {
                    if (used.contains(lock)) {
                        throw new IllegalStateException("lock freed after use");
                    }
                }
            });

    /** A ticket lock whose release serves {@code next} (the next ticket to be drawn) instead of {@code serving + 1}. */
    private static class SkippingTicketFamily extends FaultBase {
        static final class TicketLock extends Lock {
            final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            final java.util.concurrent.atomic.AtomicInteger serving = new java.util.concurrent.atomic.AtomicInteger();
        }

        SkippingTicketFamily(io.ddikit.spi.Hal hal) {
            super(hal);
        }

        @Override
        public NdisSpinLock newLock() {
            return new TicketLock();
        }

        @Override
        public void allocateSpinLock(NdisSpinLock lock) {
            TicketLock t = (TicketLock) lock;
            t.next.set(0);
            t.serving.set(0);
        }

        @Override
        void take(Lock lock) {
            TicketLock t = (TicketLock) lock;
            int ticket = t.next.getAndIncrement();
            while (t.serving.getAcquire() != ticket) {
                hal.spinWait();
            }
        }

        @Override
        public void releaseSpinLock(NdisSpinLock lock) {
            Irql old = l(lock).oldIrql;
            serveNext((TicketLock) lock);
            hal.lowerIrql(old);
        }

        @Override
        public void dprReleaseSpinLock(NdisSpinLock lock) {
            serveNext((TicketLock) lock);
        }

        /** Serves the next ticket: this fault's mistake is to serve the newest one, skipping those queued. */
        void serveNext(TicketLock t) {
            t.serving.setRelease(t.next.get());
        }
    }

    /** Every fault. */
    public static List<NdisSpinLockProvider> all() {
        return List.of(NO_RAISE, LOWER_TO_PASSIVE, LATE_OLDIRQL_READ, EARLY_OLDIRQL_WRITE, NON_ATOMIC_TAS, DPR_RAISES,
                HANG_ON_CONTENTION, THROWS, DPR_RELEASE_LOWERS, LOWER_BEFORE_CLEAR, FREE_RETIRES_WORD, PLAIN_RELEASE,
                TICKET_SKIPS_WAITER, DISPATCH_ENTRY_STALE_SAVE, RECURSIVE_ACQUIRE, WRONG_RULE, RAISE_TO_HIGH, RAISE_TO_APC,
                RELEASE_NEVER_LOWERS, DPR_SKIPS_WORD, PER_PROCESSOR_WORD, SPIN_WITHOUT_YIELD, SHARED_OLDIRQL,
                FREE_THROWS_AFTER_USE, RELEASE_KEEPS_WORD_AT_APC, RAISE_AFTER_TAKE, PLAIN_READ_SPIN, LATE_OLDIRQL_READ_NO_HAL, ALLOCATE_LEAVES_TAKEN, TICKET_WRAPS,
                ALLOCATE_FREE_AT_MOST_DISPATCH);
    }

    // The clauses of docs-source/ndis/nf-ndis-ndisreleasespinlock.md that the faults break (their ids).
    static final String DESCRIPTION = "NdisReleaseSpinLock.description.NdisReleaseSpinLock-function-releases-spin-lock-acquired";
    static final String INITIALIZE = "NdisReleaseSpinLock.remarks.driver-must-initialize-spin-lock-NdisAllocateSpinLock";
    static final String ACQUIRE_FIRST = "NdisReleaseSpinLock.remarks.driver-must-call-NdisAcquireSpinLock-acquire-spin";
    static final String RECIPROCAL = "NdisReleaseSpinLock.remarks.each-call-NdisAcquireSpinLock-requires-reciprocal-call";
    static final String RESTORES = "NdisReleaseSpinLock.remarks.NdisReleaseSpinLock-restores-original-irql-which-caller";
    static final String DPR_PAIR = "NdisReleaseSpinLock.remarks.spin-lock-acquired-NdisDprAcquireSpinLock-must-released";
    static final String IRQL = "NdisReleaseSpinLock.requirements.irql";
    // ... and of the other five pages of the family.
    static final String ALLOCATE_INITIALIZES = "NdisAllocateSpinLock.description.NdisAllocateSpinLock-function-initializes-variable-type-ndis_spin_lock";
    static final String RAISES_AND_STORES = "NdisAllocateSpinLock.remarks.NdisAcquireSpinLock-raises-irql-dispatch_level-stores-old";
    static final String FREE_CLEARS = "NdisAllocateSpinLock.remarks.NdisFreeSpinLock-clears-memory-SpinLock-so-no";
    static final String FREE_RELEASES = "NdisFreeSpinLock.description.NdisFreeSpinLock-function-releases-spin-lock-initialized";
    static final String ALLOCATE_AGAIN = "NdisFreeSpinLock.remarks.if-caller-NdisFreeSpinLock-needs-use-spin";
    static final String ACQUIRE_EXCLUSIVE = "NdisAcquireSpinLock.description.NdisAcquireSpinLock-function-acquires-spin-lock-so";
    static final String ACQUIRE_IRQL = "NdisAcquireSpinLock.requirements.irql";
    static final String DPR_ACQUIRE_EXCLUSIVE = "NdisDprAcquireSpinLock.description.NdisDprAcquireSpinLock-function-acquires-spin-lock-so";
    static final String DPR_ONLY_AT_DISPATCH = "NdisDprAcquireSpinLock.remarks.NdisDprAcquireSpinLock-optimized-version-NdisAcquireSpinLock-miniport-driver";
    static final String DPR_RELEASE_IRQL = "NdisDprReleaseSpinLock.requirements.irql";
    static final String ALLOCATE_ANY_IRQL = "NdisAllocateSpinLock.remarks.callers-NdisAllocateSpinLock-can-run-irql";
    static final String ALLOCATE_IRQL = "NdisAllocateSpinLock.requirements.irql";
    static final String FREE_ANY_IRQL = "NdisFreeSpinLock.remarks.callers-NdisFreeSpinLock-can-run-irql";
    static final String FREE_IRQL = "NdisFreeSpinLock.requirements.irql";

    /** For each fault, the clauses it breaks: the self-test asks that one of them catches it. */
    private static final Map<String, List<String>> BREAKS = Map.ofEntries(
            Map.entry("no-raise", List.of(RESTORES, IRQL, RAISES_AND_STORES, ACQUIRE_IRQL)),
            Map.entry("lower-to-passive", List.of(RESTORES)),
            Map.entry("late-oldirql-read", List.of(RESTORES)),
            Map.entry("early-oldirql-write", List.of(RESTORES, RAISES_AND_STORES)),
            Map.entry("non-atomic-tas", List.of(DESCRIPTION, ACQUIRE_EXCLUSIVE)),
            Map.entry("dpr-raises", List.of(DPR_PAIR, DPR_ONLY_AT_DISPATCH)),
            Map.entry("hang-on-contention", List.of(DESCRIPTION)),
            Map.entry("throws", List.of(DESCRIPTION)),
            Map.entry("dpr-release-lowers", List.of(DPR_PAIR, DPR_RELEASE_IRQL)),
            Map.entry("lower-before-clear", List.of(DESCRIPTION, IRQL)),
            Map.entry("release-keeps-word-at-apc", List.of(DESCRIPTION)),
            Map.entry("free-retires-word", List.of(INITIALIZE, ALLOCATE_AGAIN, FREE_CLEARS)),
            Map.entry("plain-release", List.of(DESCRIPTION)),
            Map.entry("ticket-skips-waiter", List.of(DESCRIPTION)),
            Map.entry("dispatch-entry-stale-save", List.of(RESTORES)),
            Map.entry("recursive-acquire", List.of(RECIPROCAL)),
            Map.entry("wrong-rule", List.of(ACQUIRE_FIRST)),
            Map.entry("raise-to-high", List.of(RESTORES, RAISES_AND_STORES)),
            Map.entry("raise-to-apc", List.of(IRQL, RAISES_AND_STORES)),
            Map.entry("release-never-lowers", List.of(RESTORES)),
            Map.entry("dpr-skips-word", List.of(DPR_PAIR, DPR_ACQUIRE_EXCLUSIVE)),
            Map.entry("per-processor-word", List.of(DESCRIPTION, ACQUIRE_EXCLUSIVE)),
            Map.entry("spin-without-yield", List.of(DESCRIPTION)),
            Map.entry("shared-oldirql", List.of(RESTORES, RAISES_AND_STORES)),
            Map.entry("free-throws-after-use", List.of(INITIALIZE, FREE_RELEASES)),
            Map.entry("raise-after-take", List.of(IRQL, ACQUIRE_IRQL)),
            Map.entry("plain-read-spin", List.of(DESCRIPTION)),
            Map.entry("late-oldirql-read-no-hal", List.of(RESTORES)),
            Map.entry("allocate-leaves-taken", List.of(INITIALIZE, DESCRIPTION, ALLOCATE_INITIALIZES)),
            Map.entry("ticket-wraps", List.of(DESCRIPTION)),
            Map.entry("allocate-free-at-most-dispatch", List.of(ALLOCATE_ANY_IRQL, ALLOCATE_IRQL, FREE_ANY_IRQL, FREE_IRQL)));

    /** The ids of the clauses a fault of this catalogue breaks. */
    public static List<String> breaks(NdisSpinLockProvider fault) {
        List<String> b = BREAKS.get(fault.name());
        if (b == null) {
            throw new NoSuchElementException("fault " + fault.name() + " names no clause it breaks");
        }
        return b;
    }

    /** The one-line description of a fault of this catalogue: what it gets wrong and which clause that breaks. */
    public static String description(NdisSpinLockProvider fault) {
        return ((FaultBase.Fault) fault).description();
    }

    /** The fault named {@code name}. */
    public static NdisSpinLockProvider byName(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no fault named " + name));
    }
}
