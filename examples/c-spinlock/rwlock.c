/*
 * A C vendor's NDIS read-write lock, written for ddikit's examples against the kit's header only.
 *
 * The lock is one 32-bit word in the NDIS_RW_LOCK (Longs[0]): WRITER (bit 31) while a writer holds it, otherwise the number of
 * readers holding it. A reader enters with an interlocked increment of the count while no writer holds the word (so a
 * reader may always enter again, even while a writer waits); a writer swaps 0 for WRITER. The LOCK_STATE keeps how
 * the acquisition holds the lock (READ or WRITE) and the caller's IRQL before it.
 */
#include <ddikit/ddikit_ntddk.h>

#define WRITER ((LONG) 0x80000000)
#define HELD_FOR_READ 1
#define HELD_FOR_WRITE 2
#define WORD(l) ((LONG volatile *) &(l)->Longs[0])

static void take(PNDIS_RW_LOCK Lock, BOOLEAN fWrite, PLOCK_STATE LockState)
{
    LONG volatile *word = WORD(Lock);
    if (fWrite) {
        while (InterlockedCompareExchange(word, WRITER, 0) != 0) {
            YieldProcessor();
        }
        LockState->LockState = HELD_FOR_WRITE;
        return;
    }
    for (;;) {
        LONG seen = ReadNoFence(word);
        if ((seen & WRITER) == 0 && InterlockedCompareExchange(word, seen + 1, seen) == seen) {
            LockState->LockState = HELD_FOR_READ;
            return;
        }
        YieldProcessor();
    }
}

static void give(PNDIS_RW_LOCK Lock, PLOCK_STATE LockState)
{
    if (LockState->LockState == HELD_FOR_WRITE) {
#if defined(FAULT_RW_PLAIN_RELEASE)
        /* the fault: the writer gives the word up with a plain store, which publishes nothing it wrote */
        *WORD(Lock) = 0;
#else
        InterlockedExchange(WORD(Lock), 0);
#endif
    } else {
        InterlockedDecrement(WORD(Lock));
    }
    LockState->LockState = 0;
}

DDIKIT_EXPORT VOID NdisInitializeReadWriteLock(PNDIS_RW_LOCK Lock)
{
    for (int i = 0; i < DDIKIT_RW_LOCK_WORDS; i++) {
        Lock->Words[i] = 0;
    }
    KeMemoryBarrier();
}

DDIKIT_EXPORT VOID NdisAcquireReadWriteLock(PNDIS_RW_LOCK Lock, BOOLEAN fWrite, PLOCK_STATE LockState)
{
    KIRQL old = KfRaiseIrql(DISPATCH_LEVEL);
    take(Lock, fWrite, LockState);
    LockState->OldIrql = old;
}

DDIKIT_EXPORT VOID NdisReleaseReadWriteLock(PNDIS_RW_LOCK Lock, PLOCK_STATE LockState)
{
    KIRQL old = LockState->OldIrql;
    give(Lock, LockState);
    KfLowerIrql(old);
}

DDIKIT_EXPORT VOID NdisDprAcquireReadWriteLock(PNDIS_RW_LOCK Lock, BOOLEAN fWrite, PLOCK_STATE LockState)
{
    take(Lock, fWrite, LockState);
}

DDIKIT_EXPORT VOID NdisDprReleaseReadWriteLock(PNDIS_RW_LOCK Lock, PLOCK_STATE LockState)
{
    give(Lock, LockState);
}
