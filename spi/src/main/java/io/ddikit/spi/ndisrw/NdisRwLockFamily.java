package io.ddikit.spi.ndisrw;

import io.ddikit.spi.Capability;
import io.ddikit.spi.Hal;

/**
 * The NDIS read-write locks over locks this implementation owns: {@code NdisInitializeReadWriteLock},
 * {@code NdisAcquireReadWriteLock}, {@code NdisReleaseReadWriteLock}, {@code NdisDprAcquireReadWriteLock} and
 * {@code NdisDprReleaseReadWriteLock}. One instance serves one scenario on one simulated machine; it is made by
 * {@link NdisRwLockProvider#create(Hal)}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Processors and threads.</b> Every method is called on a simulated processor, possibly on several processors at
 *       once with the same lock. A processor may run several threads, but it switches threads only below DISPATCH_LEVEL
 *       (dispatching is disabled at DISPATCH_LEVEL and above): a thread that holds the lock, which it does at
 *       DISPATCH_LEVEL, is the only thread its processor runs until it releases it. So
 *       {@link Hal#currentProcessorNumber()} tells the holders apart; never use the Java thread. Memory effects must be
 *       published as a real lock would (acquire and release semantics).</li>
 *   <li><b>Access.</b> Write access is exclusive: while one acquisition has it, every other read and write acquisition
 *       waits. Read access is shared: while readers hold the lock, another processor's read acquisition may enter at once
 *       (a lock that makes it wait is still correct, but the kit reports that it serialises readers). A thread that holds
 *       read access may acquire read access again (a recursive read, with another {@link LockState}) and must get it at
 *       once, even while a writer waits for the readers to leave. Each acquisition is ended by one release given the same
 *       {@link LockState}; the acquisitions of one thread are released in the reverse order. A write acquisition by a
 *       thread that already holds the lock is not defined here, and the kit makes none.</li>
 *   <li><b>IRQL.</b> {@link #acquireReadWriteLock} is called at IRQL &lt;= DISPATCH_LEVEL and always raises the IRQL:
 *       for read access explicitly to DISPATCH_LEVEL with {@link Hal#raiseIrql}, for write access as acquiring a spin
 *       lock does (raise to DISPATCH_LEVEL, then spin); either way the processor is at DISPATCH_LEVEL before it waits
 *       for or holds the lock, and the call returns at DISPATCH_LEVEL. {@link #releaseReadWriteLock}, called at
 *       DISPATCH_LEVEL, gives up that acquisition and then restores the IRQL its caller had before the matching acquire
 *       ({@link Hal#lowerIrql}). The Dpr variants are called at DISPATCH_LEVEL and neither raise nor lower; an acquisition
 *       made with one is released with the other of its pair. {@link #initializeReadWriteLock} is callable at any IRQL
 *       and neither raises nor lowers.</li>
 *   <li><b>Spinning.</b> A processor that waits for the lock calls {@link Hal#spinWait()} on each turn of its loop.</li>
 *   <li><b>Interlocked operations.</b> The pages say that read access does not require interlocked operations. The kit
 *       counts each call's interlocked operations (atomic read-modify-writes, monitors, locks) and reports what read
 *       acquisitions made as information; it is no verdict.</li>
 *   <li><b>Misuse.</b> What happens when the caller breaks the pages' rules is undefined unless the provider declares
 *       {@link Capability#MISUSE_DETECTION}; then it must be reported with {@link Hal#bugCheck} before the lock is
 *       touched: a call on a lock never initialised; a release with a {@link LockState} that no acquisition of the lock
 *       holds; an acquire given a {@link LockState} that an acquisition still holds; a release with the other variant
 *       than the acquire ({@code NdisDprReleaseReadWriteLock} after {@code NdisAcquireReadWriteLock}, or
 *       {@code NdisReleaseReadWriteLock} after {@code NdisDprAcquireReadWriteLock}); {@code NdisAcquireReadWriteLock}
 *       above DISPATCH_LEVEL or {@code NdisReleaseReadWriteLock} below it (naming the DDI compliance rule
 *       {@code Irql_Synch_Function}, which the pages list); a Dpr call below DISPATCH_LEVEL.</li>
 *   <li><b>Failures.</b> An exception other than {@link io.ddikit.spi.BugCheckException}, a call that does not return
 *       within the kit's bound, or an illegal HAL call fails the scenario and is reported with the call, the processor,
 *       the thread and its IRQL.</li>
 * </ul>
 */
public interface NdisRwLockFamily {

    /** Storage for one {@code NDIS_RW_LOCK}, not yet initialised. */
    NdisRwLock newLock();

    /** {@code NdisInitializeReadWriteLock}: initialises the lock, free for read and write access. Any IRQL. */
    void initializeReadWriteLock(NdisRwLock lock);

    /**
     * {@code NdisAcquireReadWriteLock}: raises to DISPATCH_LEVEL, then acquires write access ({@code write} true) or
     * read access ({@code false}), keeping what the release needs (the caller's previous IRQL) in {@code lockState}.
     * IRQL &lt;= DISPATCH_LEVEL.
     */
    void acquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState);

    /**
     * {@code NdisReleaseReadWriteLock}: ends the acquisition made with {@code lockState}, then restores the IRQL its
     * caller had before that {@code NdisAcquireReadWriteLock}. IRQL = DISPATCH_LEVEL.
     */
    void releaseReadWriteLock(NdisRwLock lock, LockState lockState);

    /** {@code NdisDprAcquireReadWriteLock}: as {@link #acquireReadWriteLock} without raising. IRQL = DISPATCH_LEVEL. */
    void dprAcquireReadWriteLock(NdisRwLock lock, boolean write, LockState lockState);

    /**
     * {@code NdisDprReleaseReadWriteLock}: ends the acquisition made with {@code lockState} by
     * {@link #dprAcquireReadWriteLock}, without lowering. IRQL = DISPATCH_LEVEL.
     */
    void dprReleaseReadWriteLock(NdisRwLock lock, LockState lockState);
}
