/*
 * A third-party C spin lock that does not include the kit's header: it declares the kernel services itself, as code
 * written against its own wdm.h subset does, and gets them from include/ddikit/ddikit_shim.c compiled in beside it.
 */
typedef unsigned char KIRQL;
typedef unsigned char BOOLEAN;
typedef unsigned long KSPIN_LOCK;
typedef long long LONG64;

KIRQL KfRaiseIrql(KIRQL NewIrql);
void KfLowerIrql(KIRQL NewIrql);
void YieldProcessor(void);
LONG64 InterlockedCompareExchange64(LONG64 volatile *Destination, LONG64 Exchange, LONG64 Comparand);
LONG64 InterlockedExchange64(LONG64 volatile *Target, LONG64 Value);
LONG64 ReadNoFence64(LONG64 const volatile *Source);

#define WORD(l) ((LONG64 volatile *) (l))

static void take(KSPIN_LOCK *l)
{
    while (InterlockedCompareExchange64(WORD(l), 1, 0) != 0) {
        while (ReadNoFence64(WORD(l)) != 0) {
            YieldProcessor();
        }
    }
}

void KeInitializeSpinLock(KSPIN_LOCK *l) { InterlockedExchange64(WORD(l), 0); }
KIRQL KeAcquireSpinLockRaiseToDpc(KSPIN_LOCK *l) { KIRQL old = KfRaiseIrql(2); take(l); return old; }
void KeReleaseSpinLock(KSPIN_LOCK *l, KIRQL n) { InterlockedExchange64(WORD(l), 0); KfLowerIrql(n); }
void KeAcquireSpinLockAtDpcLevel(KSPIN_LOCK *l) { take(l); }
void KeReleaseSpinLockFromDpcLevel(KSPIN_LOCK *l) { InterlockedExchange64(WORD(l), 0); }
BOOLEAN KeTestSpinLock(KSPIN_LOCK *l) { return ReadNoFence64(WORD(l)) == 0; }
BOOLEAN KeTryToAcquireSpinLockAtDpcLevel(KSPIN_LOCK *l) { return InterlockedCompareExchange64(WORD(l), 1, 0) == 0; }
