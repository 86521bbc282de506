package io.ddikit.spi.ndis;

import io.ddikit.spi.Hal;
import io.ddikit.spi.Capability;
import io.ddikit.spi.BugCheck;
import io.ddikit.spi.BugCheckException;

/**
 * The NDIS spin lock family over locks this implementation owns. One instance serves one scenario
 * on one simulated machine; it is made by {@link NdisSpinLockProvider#create(Hal)}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Threads.</b> Every method is called on a simulated processor, possibly on several
 *       processors at once with the same lock. Use {@link Hal#currentProcessorNumber()}, never the Java
 *       thread, to tell processors apart. Memory effects must be published as a real lock would
 *       (acquire and release semantics on the lock word).</li>
 *   <li><b>IRQL.</b> {@link #acquireSpinLock} raises the caller to DISPATCH_LEVEL with
 *       {@link Hal#raiseIrql}, wins the lock, then saves the previous IRQL in the lock;
 *       {@link #releaseSpinLock} reads the saved IRQL while still holding, frees the lock, then lowers
 *       to that IRQL with {@link Hal#lowerIrql}. The Dpr variants are called at DISPATCH_LEVEL and must
 *       neither raise nor lower. Allocate and free are callable at any IRQL up to DISPATCH_LEVEL.</li>
 *   <li><b>Spinning.</b> A processor that waits for a lock calls {@link Hal#spinWait()} on each turn of
 *       its loop.</li>
 *   <li><b>Misuse.</b> What happens when the caller breaks the page's rules is undefined unless the
 *       provider declares {@link Capability#MISUSE_DETECTION}; then it must be reported with
 *       {@link Hal#bugCheck(BugCheck)} naming the DDI compliance rule.</li>
 *   <li><b>Failures.</b> An exception other than {@link BugCheckException}, a call that does not
 *       return within the kit's bound, or an illegal HAL call fails the scenario and is reported with
 *       the call, the processor and its IRQL.</li>
 * </ul>
 */
public interface NdisSpinLockFamily {

    /** Storage for one {@code NDIS_SPIN_LOCK}, not yet initialised (as a declared variable would be). */
    NdisSpinLock newLock();

    /** {@code NdisAllocateSpinLock}: initialises the lock. Any IRQL (its page: callers "can run at any IRQL"). */
    void allocateSpinLock(NdisSpinLock lock);

    /** {@code NdisFreeSpinLock}: retires a lock that is not held. Any IRQL (its page: callers "can run at any IRQL"). */
    void freeSpinLock(NdisSpinLock lock);

    /** {@code NdisAcquireSpinLock}: raises to DISPATCH_LEVEL, acquires, saves the previous IRQL. IRQL &lt;= DISPATCH_LEVEL. */
    void acquireSpinLock(NdisSpinLock lock);

    /** {@code NdisReleaseSpinLock}: releases and restores the IRQL saved by the acquire. Called at DISPATCH_LEVEL. */
    void releaseSpinLock(NdisSpinLock lock);

    /** {@code NdisDprAcquireSpinLock}: acquires without changing IRQL. Called at DISPATCH_LEVEL. */
    void dprAcquireSpinLock(NdisSpinLock lock);

    /** {@code NdisDprReleaseSpinLock}: releases without changing IRQL. Called at DISPATCH_LEVEL. */
    void dprReleaseSpinLock(NdisSpinLock lock);
}
