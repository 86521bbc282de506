/*
 * A C vendor's spin locks, written for ddikit's examples: the kernel's executive spin locks (KSPIN_LOCK) and the NDIS
 * spin locks built on them, against the kit's header only. Built correct by default; each FAULT_* macro builds one
 * deliberately faulty variant (see the Makefile), for the kit's own end-to-end test.
 *
 * The lock word is 0 when free and 1 when taken. Every access to it goes through the header's Interlocked* and
 * Read/Write helpers: the kit sees them (and may switch processors there), which it cannot do for a plain access.
 */
#include <ddikit/ddikit_ntddk.h>

#define LOCK_WORD(l) ((LONG_PTR volatile *) (l))

/* Spins until the word is won: one interlocked try, then reads (no bus locking) until the word looks free. */
static void take(PKSPIN_LOCK SpinLock)
{
    for (;;) {
#if defined(FAULT_NON_ATOMIC_TAS)
        /* the fault: test, then set, as two separate operations; two processors can both see 0 */
        if (ReadULongPtrNoFence(SpinLock) == 0) {
            WriteULongPtrRelease(SpinLock, 1);
            return;
        }
#else
        if (InterlockedCompareExchangePtrSize(LOCK_WORD(SpinLock), 1, 0) == 0) {
            return;
        }
#endif
#if defined(FAULT_CRASH_ON_CONTENTION)
        /* the fault: on the contended path only, the taken word (1) is followed as if it pointed to its owner */
        {
            volatile ULONG *owner = (volatile ULONG *) ReadULongPtrNoFence(SpinLock);
            *owner += 1;
        }
#endif
        while (ReadULongPtrNoFence(SpinLock) != 0) {
            YieldProcessor();
        }
    }
}

static void give(PKSPIN_LOCK SpinLock)
{
    WriteULongPtrRelease(SpinLock, 0);
}

/* ------------------------------------------------------------------ KSPIN_LOCK (wdm.h) */

DDIKIT_EXPORT VOID KeInitializeSpinLock(PKSPIN_LOCK SpinLock)
{
    WriteULongPtrRelease(SpinLock, 0);
}

DDIKIT_EXPORT VOID KeAcquireSpinLock(PKSPIN_LOCK SpinLock, PKIRQL OldIrql)
{
    KIRQL old = KfRaiseIrql(DISPATCH_LEVEL);
    take(SpinLock);
    *OldIrql = old;
}

DDIKIT_EXPORT VOID KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql)
{
    give(SpinLock);
    KfLowerIrql(NewIrql);
}

DDIKIT_EXPORT VOID KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
    take(SpinLock);
}

DDIKIT_EXPORT VOID KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock)
{
    give(SpinLock);
}

DDIKIT_EXPORT BOOLEAN KeTestSpinLock(PKSPIN_LOCK SpinLock)
{
    return ReadULongPtrNoFence(SpinLock) == 0 ? TRUE : FALSE;
}

DDIKIT_EXPORT BOOLEAN KeTryToAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
    return InterlockedCompareExchangePtrSize(LOCK_WORD(SpinLock), 1, 0) == 0 ? TRUE : FALSE;
}

/* ------------------------------------------------------------------ NDIS_SPIN_LOCK (ndis.h), on the Ke functions */

DDIKIT_EXPORT VOID NdisAllocateSpinLock(PNDIS_SPIN_LOCK SpinLock)
{
    KeInitializeSpinLock(&SpinLock->SpinLock);
    SpinLock->OldIrql = PASSIVE_LEVEL;
}

DDIKIT_EXPORT VOID NdisFreeSpinLock(PNDIS_SPIN_LOCK SpinLock)
{
#if defined(FAULT_LOOP_IN_FREE)
    /* the fault: a loop that never ends and calls nothing of the kit's */
    for (volatile ULONG_PTR i = 0;; i++) {
    }
#endif
    UNREFERENCED_PARAMETER(SpinLock);
}

DDIKIT_EXPORT VOID NdisAcquireSpinLock(PNDIS_SPIN_LOCK SpinLock)
{
#if defined(FAULT_RAISE_AFTER_TAKE)
    /* the fault: the word is won at the caller's IRQL, and only then is the IRQL raised */
    take(&SpinLock->SpinLock);
    SpinLock->OldIrql = KfRaiseIrql(DISPATCH_LEVEL);
#else
    KIRQL old;
    KeAcquireSpinLock(&SpinLock->SpinLock, &old);
    SpinLock->OldIrql = old;
#endif
}

DDIKIT_EXPORT VOID NdisReleaseSpinLock(PNDIS_SPIN_LOCK SpinLock)
{
    KIRQL old = SpinLock->OldIrql;
#if defined(FAULT_LOWER_BEFORE_CLEAR)
    /* the fault: back at the caller's IRQL while the word is still taken */
    KfLowerIrql(old);
    give(&SpinLock->SpinLock);
#elif defined(FAULT_PLAIN_RELEASE)
    /* the fault: a plain store frees the word, with no release semantics the kit (or the compiler) is told of */
    *(volatile KSPIN_LOCK *) &SpinLock->SpinLock = 0;
    KfLowerIrql(old);
#elif defined(FAULT_KEEPS_WORD_AT_APC)
    /* the fault: the word is not cleared on one path, when the caller had entered at APC_LEVEL */
    if (old != APC_LEVEL) {
        give(&SpinLock->SpinLock);
    }
    KfLowerIrql(old);
#else
    KeReleaseSpinLock(&SpinLock->SpinLock, old);
#endif
}

DDIKIT_EXPORT VOID NdisDprAcquireSpinLock(PNDIS_SPIN_LOCK SpinLock)
{
    KeAcquireSpinLockAtDpcLevel(&SpinLock->SpinLock);
}

DDIKIT_EXPORT VOID NdisDprReleaseSpinLock(PNDIS_SPIN_LOCK SpinLock)
{
#if defined(FAULT_BUGCHECK_IN_DPR_RELEASE)
    /* the fault: a checked build that wrongly believes every Dpr release is of a lock not owned */
    KeBugCheckEx(0x10, (ULONG_PTR) SpinLock, 0, 0, 0);
#endif
    KeReleaseSpinLockFromDpcLevel(&SpinLock->SpinLock);
}
