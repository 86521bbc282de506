/*
 * ddikit_shim.c: the kit's kernel services as real exported functions, for a third-party C library whose own
 * headers declare KeGetCurrentIrql, KfRaiseIrql, InterlockedCompareExchange... (instead of including
 * ddikit_ntddk.h). Compile it into the library:
 *
 *     cc -shared -fPIC -O2 -I <kit>/include their_locks.c <kit>/include/ddikit/ddikit_shim.c -o libtheirs.so
 *
 * It also brings the services table and the trampolines the kit calls the library through. The library's own
 * declarations must match these (LP64: LONG is 32 bits, KSPIN_LOCK and the *PtrSize words 64 bits).
 */
#define DDIKIT_SHIM
#include "ddikit_ntddk.h"

DDIKIT_EXPORT KIRQL KeGetCurrentIrql(void)
{
    return ddikit_inline_KeGetCurrentIrql();
}

DDIKIT_EXPORT KIRQL KfRaiseIrql(KIRQL NewIrql)
{
    return ddikit_inline_KfRaiseIrql(NewIrql);
}

DDIKIT_EXPORT void KeRaiseIrql(KIRQL NewIrql, PKIRQL OldIrql)
{
    ddikit_inline_KeRaiseIrql(NewIrql, OldIrql);
}

DDIKIT_EXPORT KIRQL KeRaiseIrqlToDpcLevel(void)
{
    return ddikit_inline_KeRaiseIrqlToDpcLevel();
}

DDIKIT_EXPORT void KfLowerIrql(KIRQL NewIrql)
{
    ddikit_inline_KfLowerIrql(NewIrql);
}

DDIKIT_EXPORT void KeLowerIrql(KIRQL NewIrql)
{
    ddikit_inline_KeLowerIrql(NewIrql);
}

DDIKIT_EXPORT ULONG KeGetCurrentProcessorNumber(void)
{
    return ddikit_inline_KeGetCurrentProcessorNumber();
}

DDIKIT_EXPORT void YieldProcessor(void)
{
    ddikit_inline_YieldProcessor();
}

DDIKIT_EXPORT void KeBugCheckEx(ULONG BugCheckCode, ULONG_PTR P1, ULONG_PTR P2, ULONG_PTR P3,
                                                          ULONG_PTR P4)
{
    ddikit_inline_KeBugCheckEx(BugCheckCode, P1, P2, P3, P4);
}

DDIKIT_EXPORT void KeBugCheck(ULONG BugCheckCode)
{
    ddikit_inline_KeBugCheck(BugCheckCode);
}

DDIKIT_EXPORT LONG InterlockedExchange(LONG volatile *Target, LONG Value)
{
    return ddikit_inline_InterlockedExchange(Target, Value);
}

DDIKIT_EXPORT LONG InterlockedCompareExchange(LONG volatile *Destination, LONG Exchange, LONG Comparand)
{
    return ddikit_inline_InterlockedCompareExchange(Destination, Exchange, Comparand);
}

DDIKIT_EXPORT LONG InterlockedIncrement(LONG volatile *Addend)
{
    return ddikit_inline_InterlockedIncrement(Addend);
}

DDIKIT_EXPORT LONG InterlockedDecrement(LONG volatile *Addend)
{
    return ddikit_inline_InterlockedDecrement(Addend);
}

DDIKIT_EXPORT LONG InterlockedExchangeAdd(LONG volatile *Addend, LONG Value)
{
    return ddikit_inline_InterlockedExchangeAdd(Addend, Value);
}

DDIKIT_EXPORT LONG InterlockedAnd(LONG volatile *Destination, LONG Value)
{
    return ddikit_inline_InterlockedAnd(Destination, Value);
}

DDIKIT_EXPORT LONG InterlockedOr(LONG volatile *Destination, LONG Value)
{
    return ddikit_inline_InterlockedOr(Destination, Value);
}

DDIKIT_EXPORT LONG64 InterlockedExchange64(LONG64 volatile *Target, LONG64 Value)
{
    return ddikit_inline_InterlockedExchange64(Target, Value);
}

DDIKIT_EXPORT LONG64 InterlockedCompareExchange64(LONG64 volatile *Destination, LONG64 Exchange, LONG64 Comparand)
{
    return ddikit_inline_InterlockedCompareExchange64(Destination, Exchange, Comparand);
}

DDIKIT_EXPORT LONG64 InterlockedIncrement64(LONG64 volatile *Addend)
{
    return ddikit_inline_InterlockedIncrement64(Addend);
}

DDIKIT_EXPORT LONG64 InterlockedDecrement64(LONG64 volatile *Addend)
{
    return ddikit_inline_InterlockedDecrement64(Addend);
}

DDIKIT_EXPORT LONG64 InterlockedExchangeAdd64(LONG64 volatile *Addend, LONG64 Value)
{
    return ddikit_inline_InterlockedExchangeAdd64(Addend, Value);
}

DDIKIT_EXPORT LONG_PTR InterlockedExchangePtrSize(LONG_PTR volatile *Target, LONG_PTR Value)
{
    return ddikit_inline_InterlockedExchangePtrSize(Target, Value);
}

DDIKIT_EXPORT LONG_PTR InterlockedCompareExchangePtrSize(LONG_PTR volatile *Destination, LONG_PTR Exchange,
                                                         LONG_PTR Comparand)
{
    return ddikit_inline_InterlockedCompareExchangePtrSize(Destination, Exchange, Comparand);
}

DDIKIT_EXPORT PVOID InterlockedExchangePointer(PVOID volatile *Target, PVOID Value)
{
    return ddikit_inline_InterlockedExchangePointer(Target, Value);
}

DDIKIT_EXPORT PVOID InterlockedCompareExchangePointer(PVOID volatile *Destination, PVOID Exchange, PVOID Comparand)
{
    return ddikit_inline_InterlockedCompareExchangePointer(Destination, Exchange, Comparand);
}

DDIKIT_EXPORT BOOLEAN InterlockedBitTestAndSet64(LONG64 volatile *Base, LONG64 Offset)
{
    return ddikit_inline_InterlockedBitTestAndSet64(Base, Offset);
}

DDIKIT_EXPORT LONG ReadNoFence(LONG const volatile *Source)
{
    return ddikit_inline_ReadNoFence(Source);
}

DDIKIT_EXPORT LONG ReadAcquire(LONG const volatile *Source)
{
    return ddikit_inline_ReadAcquire(Source);
}

DDIKIT_EXPORT void WriteNoFence(LONG volatile *Destination, LONG Value)
{
    ddikit_inline_WriteNoFence(Destination, Value);
}

DDIKIT_EXPORT void WriteRelease(LONG volatile *Destination, LONG Value)
{
    ddikit_inline_WriteRelease(Destination, Value);
}

DDIKIT_EXPORT LONG64 ReadNoFence64(LONG64 const volatile *Source)
{
    return ddikit_inline_ReadNoFence64(Source);
}

DDIKIT_EXPORT LONG64 ReadAcquire64(LONG64 const volatile *Source)
{
    return ddikit_inline_ReadAcquire64(Source);
}

DDIKIT_EXPORT void WriteNoFence64(LONG64 volatile *Destination, LONG64 Value)
{
    ddikit_inline_WriteNoFence64(Destination, Value);
}

DDIKIT_EXPORT void WriteRelease64(LONG64 volatile *Destination, LONG64 Value)
{
    ddikit_inline_WriteRelease64(Destination, Value);
}

DDIKIT_EXPORT ULONG_PTR ReadULongPtrNoFence(ULONG_PTR const volatile *Source)
{
    return ddikit_inline_ReadULongPtrNoFence(Source);
}

DDIKIT_EXPORT ULONG_PTR ReadULongPtrAcquire(ULONG_PTR const volatile *Source)
{
    return ddikit_inline_ReadULongPtrAcquire(Source);
}

DDIKIT_EXPORT void WriteULongPtrNoFence(ULONG_PTR volatile *Destination, ULONG_PTR Value)
{
    ddikit_inline_WriteULongPtrNoFence(Destination, Value);
}

DDIKIT_EXPORT void WriteULongPtrRelease(ULONG_PTR volatile *Destination, ULONG_PTR Value)
{
    ddikit_inline_WriteULongPtrRelease(Destination, Value);
}

DDIKIT_EXPORT void KeMemoryBarrier(void)
{
    ddikit_inline_KeMemoryBarrier();
}
