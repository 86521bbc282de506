package io.ddikit.spi.ke;

import io.ddikit.spi.Capability;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;

/**
 * The kernel's executive spin locks over locks this implementation owns. One instance serves one scenario on one
 * simulated machine; it is made by {@link KeSpinLockProvider#create(Hal)}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Threads.</b> Every method is called on a simulated processor, possibly on several processors at once with
 *       the same lock. Use {@link Hal#currentProcessorNumber()}, never the Java thread, to tell processors apart.
 *       Memory effects must be published as a real lock would (acquire and release semantics on the lock word).</li>
 *   <li><b>IRQL.</b> {@link #acquireSpinLock} raises the caller to DISPATCH_LEVEL with {@link Hal#raiseIrql}, then
 *       acquires the lock, then writes the previous IRQL to {@code oldIrql}; {@link #releaseSpinLock} frees the lock
 *       and then lowers to {@code newIrql} with {@link Hal#lowerIrql}. The {@code AtDpcLevel}/{@code FromDpcLevel}
 *       variants and {@link #tryToAcquireSpinLockAtDpcLevel} are called at DISPATCH_LEVEL or above and neither raise
 *       nor lower; {@link #testSpinLock} neither raises nor lowers and never acquires.
 *       {@link #initializeSpinLock} is callable at any IRQL.</li>
 *   <li><b>Spinning.</b> A processor that waits for a lock calls {@link Hal#spinWait()} on each turn of its loop.
 *       There is no deadlock protection: a recursive acquire spins for ever, which the kit reports as a deadlock.</li>
 *   <li><b>Misuse.</b> What happens when the caller breaks the pages' rules is undefined unless the provider
 *       declares {@link Capability#MISUSE_DETECTION}; then it must be reported with {@link Hal#bugCheck} naming the
 *       DDI compliance rule ({@code SpinLock}, {@code SpinlockRelease}, {@code IrqlKeDispatchLte},
 *       {@code IrqlKeReleaseSpinLock}, {@code IrqlDispatch}).</li>
 *   <li><b>Failures.</b> An exception other than {@link io.ddikit.spi.BugCheckException}, a call that does not return
 *       within the kit's bound, or an illegal HAL call fails the scenario and is reported with the call, the processor
 *       and its IRQL.</li>
 * </ul>
 */
public interface KeSpinLockFamily {

    /** Storage for one {@code KSPIN_LOCK}, not yet initialised (as a declared variable would be). */
    KSpinLock newLock();

    /** {@code KeInitializeSpinLock}: initialises the lock, free. Any IRQL. */
    void initializeSpinLock(KSpinLock lock);

    /**
     * {@code KeAcquireSpinLock}: raises to DISPATCH_LEVEL, acquires, then writes the previous IRQL to {@code oldIrql}.
     * IRQL &lt;= DISPATCH_LEVEL.
     */
    void acquireSpinLock(KSpinLock lock, OldIrql oldIrql);

    /**
     * {@code KeReleaseSpinLock}: releases the lock, then lowers the IRQL to {@code newIrql}, the value the acquire
     * wrote to its {@code OldIrql}. Called at DISPATCH_LEVEL.
     */
    void releaseSpinLock(KSpinLock lock, Irql newIrql);

    /** {@code KeAcquireSpinLockAtDpcLevel}: acquires without changing the IRQL. IRQL &gt;= DISPATCH_LEVEL. */
    void acquireSpinLockAtDpcLevel(KSpinLock lock);

    /** {@code KeReleaseSpinLockFromDpcLevel}: releases without changing the IRQL. IRQL &gt;= DISPATCH_LEVEL. */
    void releaseSpinLockFromDpcLevel(KSpinLock lock);

    /**
     * {@code KeTestSpinLock}: {@code true} when the lock is free (an acquire would very likely succeed at once),
     * {@code false} when it is held. Neither raises nor lowers the IRQL and never acquires. IRQL &lt;= DISPATCH_LEVEL.
     */
    boolean testSpinLock(KSpinLock lock);

    /**
     * {@code KeTryToAcquireSpinLockAtDpcLevel}: acquires the lock and returns {@code true} when it is free; returns
     * {@code false} at once, without waiting, when it is held. Neither raises nor lowers. IRQL = DISPATCH_LEVEL.
     */
    boolean tryToAcquireSpinLockAtDpcLevel(KSpinLock lock);
}
