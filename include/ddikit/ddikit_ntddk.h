/*
 * ddikit_ntddk.h: what a C implementation of the kit's lock families needs from the WDK, implemented by ddikit.
 *
 * Build a vendor library with nothing but a C compiler:
 *
 *     cc -shared -fPIC -O2 -I <kit>/include mylocks.c -o libmylocks.so
 *     ./ddikit run --native libmylocks.so
 *
 * and export the functions under their documented names (NdisAcquireSpinLock, KeAcquireSpinLock or
 * KeAcquireSpinLockRaiseToDpc, NdisAcquireReadWriteLock, ...). This header brings the WDK types and constants
 * (KIRQL, KSPIN_LOCK, NDIS_SPIN_LOCK, NDIS_RW_LOCK, LOCK_STATE, BOOLEAN, LONG, ULONG_PTR), defines the calling
 * conventions and SAL annotations away, and gives the kernel services a lock calls: KeGetCurrentIrql,
 * KeRaiseIrql/KfRaiseIrql, KeLowerIrql/KfLowerIrql, KeGetCurrentProcessorNumber, YieldProcessor, KeBugCheckEx, the
 * Interlocked* operations, ReadNoFence/WriteNoFence/ReadAcquire/WriteRelease and the memory barriers.
 *
 * Every service is the kit's: it goes through a table of function pointers, ddikit_services_, that the kit fills
 * in when it loads the library. So each one is a HAL call of the simulated machine (counted, checked: raising to a
 * lower IRQL is bug check 0xC4) and a schedule point of the controlled scheduler. The Interlocked* operations and
 * the Read/Write helpers do the real atomic operation (GCC/Clang __atomic built-ins) after telling the kit, which
 * counts them (interlocked operations, writes with release semantics) and may switch processors there. A plain C
 * memory access (lock->SpinLock = 0) is invisible to the kit: it cannot switch there, and a lock word freed that
 * way is a release without release semantics (the kit sees the word change with no release among the services).
 *
 * The kit calls every exported function through a trampoline (ddikit_call_*) that sets a jump point first: when a
 * service fails (KeBugCheckEx, an illegal IRQL change, the machine stopping), the service jumps back to it, so no
 * exception ever unwinds through C frames; the kit then gives the same verdict as for a Java implementation.
 *
 * Layout the kit owns and reads (x86-64 and AArch64, LP64):
 *   KSPIN_LOCK       8 bytes, 0 = free (the kit reads it to see a lock left taken)
 *   NDIS_SPIN_LOCK   { KSPIN_LOCK SpinLock; KIRQL OldIrql; } 16 bytes
 *   LOCK_STATE       { USHORT LockState; KIRQL OldIrql; } 4 bytes
 *   NDIS_RW_LOCK     256 bytes, all the implementation's: Words[32] (ULONG_PTR), Longs[64] (LONG) or Bytes[256]
 *
 * Written for ddikit; it holds no code of any other implementation.
 */
#ifndef DDIKIT_NTDDK_H
#define DDIKIT_NTDDK_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ types */

typedef unsigned char UCHAR, *PUCHAR;
typedef unsigned char BOOLEAN, *PBOOLEAN;
typedef unsigned short USHORT, *PUSHORT;
typedef int32_t LONG, *PLONG;
typedef uint32_t ULONG, *PULONG;
typedef int64_t LONG64, *PLONG64;
typedef int64_t LONGLONG;
typedef intptr_t LONG_PTR, *PLONG_PTR;
typedef uintptr_t ULONG_PTR, *PULONG_PTR;
typedef ULONG_PTR SIZE_T;
typedef void VOID, *PVOID;
typedef int NTSTATUS;

#ifndef TRUE
#define TRUE ((BOOLEAN) 1)
#endif
#ifndef FALSE
#define FALSE ((BOOLEAN) 0)
#endif

typedef UCHAR KIRQL, *PKIRQL;
#define PASSIVE_LEVEL 0
#define LOW_LEVEL 0
#define APC_LEVEL 1
#define DISPATCH_LEVEL 2
#define CLOCK_LEVEL 13
#define IPI_LEVEL 14
#define POWER_LEVEL 14
#define HIGH_LEVEL 15

typedef ULONG_PTR KSPIN_LOCK, *PKSPIN_LOCK;

typedef struct _NDIS_SPIN_LOCK {
    KSPIN_LOCK SpinLock;
    KIRQL OldIrql;
} NDIS_SPIN_LOCK, *PNDIS_SPIN_LOCK;

typedef struct _LOCK_STATE {
    USHORT LockState;
    KIRQL OldIrql;
} LOCK_STATE, *PLOCK_STATE;

/* An NDIS_RW_LOCK is opaque in ndis.h; here it is a fixed 256 bytes the implementation lays out as it likes. */
#define DDIKIT_RW_LOCK_WORDS 32
typedef struct _NDIS_RW_LOCK {
    union {
        ULONG_PTR Words[DDIKIT_RW_LOCK_WORDS];
        LONG Longs[DDIKIT_RW_LOCK_WORDS * 2];
        UCHAR Bytes[DDIKIT_RW_LOCK_WORDS * 8];
    };
} NDIS_RW_LOCK, *PNDIS_RW_LOCK;

/* ------------------------------------------------------------------ calling conventions and SAL, defined away */

#define NTAPI
#define NDISAPI
#define WINAPI
#define FASTCALL
#ifndef __stdcall
#define __stdcall
#endif
#ifndef __fastcall
#define __fastcall
#endif
#define NTKERNELAPI
#define NTHALAPI
#define DECLSPEC_NORETURN __attribute__((noreturn))
#define FORCEINLINE static inline
#define IN
#define OUT
#define OPTIONAL
#define UNREFERENCED_PARAMETER(P) ((void) (P))
#define _In_
#define _Out_
#define _Inout_
#define _In_opt_
#define _Out_opt_
#define _Must_inspect_result_
#define _Requires_lock_held_(x)
#define _Requires_lock_not_held_(x)
#define _Acquires_lock_(x)
#define _Releases_lock_(x)
#define _IRQL_requires_(x)
#define _IRQL_requires_max_(x)
#define _IRQL_requires_min_(x)
#define _IRQL_requires_same_
#define _IRQL_raises_(x)
#define _IRQL_saves_
#define _IRQL_restores_
#define _IRQL_saves_global_(kind, param)
#define _IRQL_restores_global_(kind, param)
#define _IRQL_uses_cancel_
#define _Kernel_requires_resource_held_(x)
#define _When_(c, a)
#define _Post_satisfies_(x)
#define _Ret_maybenull_
#define _Success_(x)
#define _Function_class_(x)
#define _Use_decl_annotations_

/* What an implementation puts on its exported functions, so they stay visible with -fvisibility=hidden. */
#define DDIKIT_EXPORT __attribute__((visibility("default")))

/* ------------------------------------------------------------------ the kit's side: services and trampolines */

#define DDIKIT_WEAK __attribute__((weak, visibility("default")))

/* Operations the kit is told of before it is done, so that it counts it and may switch processors there. */
enum {
    DDIKIT_OP_INTERLOCKED_EXCHANGE = 1,
    DDIKIT_OP_INTERLOCKED_COMPARE_EXCHANGE = 2,
    DDIKIT_OP_INTERLOCKED_INCREMENT = 3,
    DDIKIT_OP_INTERLOCKED_DECREMENT = 4,
    DDIKIT_OP_INTERLOCKED_EXCHANGE_ADD = 5,
    DDIKIT_OP_INTERLOCKED_AND = 6,
    DDIKIT_OP_INTERLOCKED_OR = 7,
    DDIKIT_OP_INTERLOCKED_BIT_TEST_AND_SET = 8,
    DDIKIT_OP_READ_NO_FENCE = 16,
    DDIKIT_OP_READ_ACQUIRE = 17,
    DDIKIT_OP_WRITE_NO_FENCE = 18,
    DDIKIT_OP_WRITE_RELEASE = 19,
    DDIKIT_OP_MEMORY_BARRIER = 20
};

/*
 * The services, filled in by the kit when it loads the library. Each returns a negative value when the call must
 * not go on (a bug check, an illegal IRQL change, the machine stopping): the inline functions below then jump
 * back to the kit's trampoline. Never call these pointers yourself.
 */
typedef struct DDIKIT_SERVICES {
    ULONG size;     /* sizeof(DDIKIT_SERVICES) as the kit knows it; 0 until the kit has loaded the library */
    ULONG version;  /* 1 */
    int (*get_irql)(void);
    int (*raise_irql)(int new_irql);
    int (*lower_irql)(int new_irql);
    int (*processor_number)(void);
    int (*yield_processor)(void);
    int (*bug_check)(ULONG code, ULONG_PTR p1, ULONG_PTR p2, ULONG_PTR p3, ULONG_PTR p4);
    int (*operation)(int op, const volatile void *address);
} DDIKIT_SERVICES;

#define DDIKIT_SERVICES_VERSION 1

DDIKIT_WEAK DDIKIT_SERVICES ddikit_services_;

typedef struct ddikit_frame_ {
    jmp_buf jump;
    struct ddikit_frame_ *outer;
} ddikit_frame_;

/* The innermost trampoline of the calling thread: where a failing service jumps to. */
DDIKIT_WEAK __thread ddikit_frame_ *ddikit_frame_now_;

static inline __attribute__((noreturn)) void ddikit_unwind_(void)
{
    ddikit_frame_ *f = ddikit_frame_now_;
    if (f == NULL) {
        fputs("ddikit: a kernel service failed outside any call of the kit (on a thread of the library's own?)\n", stderr);
        abort();
    }
    longjmp(f->jump, 1);
}

static inline int ddikit_check_(int r)
{
    if (r < 0) {
        ddikit_unwind_();
    }
    return r;
}

/* Trampolines, one per call signature: each returns 0 when the function returned, 1 when a service jumped back. */
#define DDIKIT_ENTER_ \
    ddikit_frame_ frame; \
    frame.outer = ddikit_frame_now_; \
    ddikit_frame_now_ = &frame; \
    if (setjmp(frame.jump) != 0) { \
        ddikit_frame_now_ = frame.outer; \
        return 1; \
    }
#define DDIKIT_LEAVE_ \
    ddikit_frame_now_ = frame.outer; \
    return 0;

DDIKIT_WEAK int ddikit_call_v_p(void (*fn)(void *), void *a)
{
    DDIKIT_ENTER_
    fn(a);
    DDIKIT_LEAVE_
}

DDIKIT_WEAK int ddikit_call_v_pp(void (*fn)(void *, void *), void *a, void *b)
{
    DDIKIT_ENTER_
    fn(a, b);
    DDIKIT_LEAVE_
}

DDIKIT_WEAK int ddikit_call_v_pb(void (*fn)(void *, UCHAR), void *a, int b)
{
    DDIKIT_ENTER_
    fn(a, (UCHAR) b);
    DDIKIT_LEAVE_
}

DDIKIT_WEAK int ddikit_call_v_pbp(void (*fn)(void *, UCHAR, void *), void *a, int b, void *c)
{
    DDIKIT_ENTER_
    fn(a, (UCHAR) b, c);
    DDIKIT_LEAVE_
}

DDIKIT_WEAK int ddikit_call_b_p(UCHAR (*fn)(void *), void *a, UCHAR *result)
{
    DDIKIT_ENTER_
    *result = fn(a);
    DDIKIT_LEAVE_
}

/* Calls fn(a) n times (a kit call that measures the bridge itself; the benchmark's). */
DDIKIT_WEAK int ddikit_call_v_p_times(void (*fn)(void *), void (*gn)(void *), void *a, int n)
{
    DDIKIT_ENTER_
    for (int i = 0; i < n; i++) {
        fn(a);
        gn(a);
    }
    DDIKIT_LEAVE_
}

#undef DDIKIT_ENTER_
#undef DDIKIT_LEAVE_

/* ------------------------------------------------------------------ kernel services */

/*
 * With DDIKIT_SHIM defined (ddikit_shim.c), the services below are named ddikit_inline_<name>, so that the shim can
 * export real functions of the documented names for code that declares them itself.
 */
#ifdef DDIKIT_SHIM
#define DDIKIT_NAME_(n) ddikit_inline_##n
#else
#define DDIKIT_NAME_(n) n
#endif

static inline KIRQL DDIKIT_NAME_(KeGetCurrentIrql)(void)
{
    return (KIRQL) ddikit_check_(ddikit_services_.get_irql());
}

static inline KIRQL DDIKIT_NAME_(KfRaiseIrql)(KIRQL NewIrql)
{
    return (KIRQL) ddikit_check_(ddikit_services_.raise_irql(NewIrql));
}

static inline void DDIKIT_NAME_(KeRaiseIrql)(KIRQL NewIrql, PKIRQL OldIrql)
{
    *OldIrql = DDIKIT_NAME_(KfRaiseIrql)(NewIrql);
}

static inline KIRQL DDIKIT_NAME_(KeRaiseIrqlToDpcLevel)(void)
{
    return DDIKIT_NAME_(KfRaiseIrql)(DISPATCH_LEVEL);
}

static inline void DDIKIT_NAME_(KfLowerIrql)(KIRQL NewIrql)
{
    ddikit_check_(ddikit_services_.lower_irql(NewIrql));
}

static inline void DDIKIT_NAME_(KeLowerIrql)(KIRQL NewIrql)
{
    DDIKIT_NAME_(KfLowerIrql)(NewIrql);
}

static inline ULONG DDIKIT_NAME_(KeGetCurrentProcessorNumber)(void)
{
    return (ULONG) ddikit_check_(ddikit_services_.processor_number());
}

#define KeGetCurrentProcessorNumberEx(ProcNumber) KeGetCurrentProcessorNumber()

/* Call once on every turn of a spin-wait loop: the kit bounds the wait, and switches processors here. */
static inline void DDIKIT_NAME_(YieldProcessor)(void)
{
    ddikit_check_(ddikit_services_.yield_processor());
}

/* Stops the (simulated) machine: the kit records the bug check and the call ends here, never returning. */
static inline __attribute__((noreturn)) void DDIKIT_NAME_(KeBugCheckEx)(ULONG BugCheckCode, ULONG_PTR P1, ULONG_PTR P2, ULONG_PTR P3,
                                                          ULONG_PTR P4)
{
    ddikit_services_.bug_check(BugCheckCode, P1, P2, P3, P4);
    ddikit_unwind_();
}

static inline __attribute__((noreturn)) void DDIKIT_NAME_(KeBugCheck)(ULONG BugCheckCode)
{
    DDIKIT_NAME_(KeBugCheckEx)(BugCheckCode, 0, 0, 0, 0);
}

static inline void ddikit_op_(int op, const volatile void *address)
{
    ddikit_check_(ddikit_services_.operation(op, address));
}

/* ------------------------------------------------------------------ interlocked operations (full barriers) */

#define DDIKIT_SEQ_ __ATOMIC_SEQ_CST

static inline LONG DDIKIT_NAME_(InterlockedExchange)(LONG volatile *Target, LONG Value)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_EXCHANGE, Target);
    return __atomic_exchange_n(Target, Value, DDIKIT_SEQ_);
}

static inline LONG DDIKIT_NAME_(InterlockedCompareExchange)(LONG volatile *Destination, LONG Exchange, LONG Comparand)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_COMPARE_EXCHANGE, Destination);
    LONG expected = Comparand;
    __atomic_compare_exchange_n(Destination, &expected, Exchange, 0, DDIKIT_SEQ_, DDIKIT_SEQ_);
    return expected;
}

static inline LONG DDIKIT_NAME_(InterlockedIncrement)(LONG volatile *Addend)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_INCREMENT, Addend);
    return __atomic_add_fetch(Addend, 1, DDIKIT_SEQ_);
}

static inline LONG DDIKIT_NAME_(InterlockedDecrement)(LONG volatile *Addend)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_DECREMENT, Addend);
    return __atomic_sub_fetch(Addend, 1, DDIKIT_SEQ_);
}

static inline LONG DDIKIT_NAME_(InterlockedExchangeAdd)(LONG volatile *Addend, LONG Value)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_EXCHANGE_ADD, Addend);
    return __atomic_fetch_add(Addend, Value, DDIKIT_SEQ_);
}

static inline LONG DDIKIT_NAME_(InterlockedAnd)(LONG volatile *Destination, LONG Value)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_AND, Destination);
    return __atomic_fetch_and(Destination, Value, DDIKIT_SEQ_);
}

static inline LONG DDIKIT_NAME_(InterlockedOr)(LONG volatile *Destination, LONG Value)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_OR, Destination);
    return __atomic_fetch_or(Destination, Value, DDIKIT_SEQ_);
}

static inline LONG64 DDIKIT_NAME_(InterlockedExchange64)(LONG64 volatile *Target, LONG64 Value)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_EXCHANGE, Target);
    return __atomic_exchange_n(Target, Value, DDIKIT_SEQ_);
}

static inline LONG64 DDIKIT_NAME_(InterlockedCompareExchange64)(LONG64 volatile *Destination, LONG64 Exchange, LONG64 Comparand)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_COMPARE_EXCHANGE, Destination);
    LONG64 expected = Comparand;
    __atomic_compare_exchange_n(Destination, &expected, Exchange, 0, DDIKIT_SEQ_, DDIKIT_SEQ_);
    return expected;
}

static inline LONG64 DDIKIT_NAME_(InterlockedIncrement64)(LONG64 volatile *Addend)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_INCREMENT, Addend);
    return __atomic_add_fetch(Addend, 1, DDIKIT_SEQ_);
}

static inline LONG64 DDIKIT_NAME_(InterlockedDecrement64)(LONG64 volatile *Addend)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_DECREMENT, Addend);
    return __atomic_sub_fetch(Addend, 1, DDIKIT_SEQ_);
}

static inline LONG64 DDIKIT_NAME_(InterlockedExchangeAdd64)(LONG64 volatile *Addend, LONG64 Value)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_EXCHANGE_ADD, Addend);
    return __atomic_fetch_add(Addend, Value, DDIKIT_SEQ_);
}

/* Pointer-size variants, on a KSPIN_LOCK or any ULONG_PTR/LONG_PTR word. */
static inline LONG_PTR DDIKIT_NAME_(InterlockedExchangePtrSize)(LONG_PTR volatile *Target, LONG_PTR Value)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_EXCHANGE, Target);
    return __atomic_exchange_n(Target, Value, DDIKIT_SEQ_);
}

static inline LONG_PTR DDIKIT_NAME_(InterlockedCompareExchangePtrSize)(LONG_PTR volatile *Destination, LONG_PTR Exchange,
                                                         LONG_PTR Comparand)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_COMPARE_EXCHANGE, Destination);
    LONG_PTR expected = Comparand;
    __atomic_compare_exchange_n(Destination, &expected, Exchange, 0, DDIKIT_SEQ_, DDIKIT_SEQ_);
    return expected;
}

static inline PVOID DDIKIT_NAME_(InterlockedExchangePointer)(PVOID volatile *Target, PVOID Value)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_EXCHANGE, Target);
    return __atomic_exchange_n(Target, Value, DDIKIT_SEQ_);
}

static inline PVOID DDIKIT_NAME_(InterlockedCompareExchangePointer)(PVOID volatile *Destination, PVOID Exchange, PVOID Comparand)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_COMPARE_EXCHANGE, Destination);
    PVOID expected = Comparand;
    __atomic_compare_exchange_n(Destination, &expected, Exchange, 0, DDIKIT_SEQ_, DDIKIT_SEQ_);
    return expected;
}

static inline BOOLEAN DDIKIT_NAME_(InterlockedBitTestAndSet64)(LONG64 volatile *Base, LONG64 Offset)
{
    ddikit_op_(DDIKIT_OP_INTERLOCKED_BIT_TEST_AND_SET, Base);
    LONG64 bit = (LONG64) 1 << (Offset & 63);
    return (__atomic_fetch_or(Base, bit, DDIKIT_SEQ_) & bit) != 0;
}

/* ------------------------------------------------------------------ single reads and writes the kit sees */

static inline LONG DDIKIT_NAME_(ReadNoFence)(LONG const volatile *Source)
{
    ddikit_op_(DDIKIT_OP_READ_NO_FENCE, Source);
    return __atomic_load_n(Source, __ATOMIC_RELAXED);
}

static inline LONG DDIKIT_NAME_(ReadAcquire)(LONG const volatile *Source)
{
    ddikit_op_(DDIKIT_OP_READ_ACQUIRE, Source);
    return __atomic_load_n(Source, __ATOMIC_ACQUIRE);
}

static inline void DDIKIT_NAME_(WriteNoFence)(LONG volatile *Destination, LONG Value)
{
    ddikit_op_(DDIKIT_OP_WRITE_NO_FENCE, Destination);
    __atomic_store_n(Destination, Value, __ATOMIC_RELAXED);
}

static inline void DDIKIT_NAME_(WriteRelease)(LONG volatile *Destination, LONG Value)
{
    ddikit_op_(DDIKIT_OP_WRITE_RELEASE, Destination);
    __atomic_store_n(Destination, Value, __ATOMIC_RELEASE);
}

static inline LONG64 DDIKIT_NAME_(ReadNoFence64)(LONG64 const volatile *Source)
{
    ddikit_op_(DDIKIT_OP_READ_NO_FENCE, Source);
    return __atomic_load_n(Source, __ATOMIC_RELAXED);
}

static inline LONG64 DDIKIT_NAME_(ReadAcquire64)(LONG64 const volatile *Source)
{
    ddikit_op_(DDIKIT_OP_READ_ACQUIRE, Source);
    return __atomic_load_n(Source, __ATOMIC_ACQUIRE);
}

static inline void DDIKIT_NAME_(WriteNoFence64)(LONG64 volatile *Destination, LONG64 Value)
{
    ddikit_op_(DDIKIT_OP_WRITE_NO_FENCE, Destination);
    __atomic_store_n(Destination, Value, __ATOMIC_RELAXED);
}

static inline void DDIKIT_NAME_(WriteRelease64)(LONG64 volatile *Destination, LONG64 Value)
{
    ddikit_op_(DDIKIT_OP_WRITE_RELEASE, Destination);
    __atomic_store_n(Destination, Value, __ATOMIC_RELEASE);
}

/* Pointer-size reads and writes, for a KSPIN_LOCK word. */
static inline ULONG_PTR DDIKIT_NAME_(ReadULongPtrNoFence)(ULONG_PTR const volatile *Source)
{
    ddikit_op_(DDIKIT_OP_READ_NO_FENCE, Source);
    return __atomic_load_n(Source, __ATOMIC_RELAXED);
}

static inline ULONG_PTR DDIKIT_NAME_(ReadULongPtrAcquire)(ULONG_PTR const volatile *Source)
{
    ddikit_op_(DDIKIT_OP_READ_ACQUIRE, Source);
    return __atomic_load_n(Source, __ATOMIC_ACQUIRE);
}

static inline void DDIKIT_NAME_(WriteULongPtrNoFence)(ULONG_PTR volatile *Destination, ULONG_PTR Value)
{
    ddikit_op_(DDIKIT_OP_WRITE_NO_FENCE, Destination);
    __atomic_store_n(Destination, Value, __ATOMIC_RELAXED);
}

static inline void DDIKIT_NAME_(WriteULongPtrRelease)(ULONG_PTR volatile *Destination, ULONG_PTR Value)
{
    ddikit_op_(DDIKIT_OP_WRITE_RELEASE, Destination);
    __atomic_store_n(Destination, Value, __ATOMIC_RELEASE);
}

static inline void DDIKIT_NAME_(KeMemoryBarrier)(void)
{
    ddikit_op_(DDIKIT_OP_MEMORY_BARRIER, NULL);
    __atomic_thread_fence(DDIKIT_SEQ_);
}

#define MemoryBarrier() KeMemoryBarrier()
#define KeMemoryBarrierWithoutFence() __atomic_signal_fence(__ATOMIC_SEQ_CST)

#ifdef __cplusplus
}
#endif

#endif /* DDIKIT_NTDDK_H */
