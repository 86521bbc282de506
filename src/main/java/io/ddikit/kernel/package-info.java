/**
 * The simulated kernel: a machine of N logical processors, each a dedicated platform thread with its
 * own IRQL, and the {@link io.ddikit.spi.Hal} an implementation under test may call.
 *
 * <p>The facade is {@link io.ddikit.kernel.SimulatedMachine}. Steps use it to run calls into an
 * implementation on a chosen processor ({@link io.ddikit.kernel.SimulatedMachine#call}), to set a
 * processor's entry IRQL, to queue DPCs, to hold a processor inside a HAL call
 * ({@link io.ddikit.kernel.PausePoint}) and to read what happened: {@link io.ddikit.kernel.CallResult}s,
 * {@link io.ddikit.kernel.BugCheckRecord}s, {@link io.ddikit.kernel.DpcRun}s, {@link io.ddikit.kernel.Counts}
 * and a per-processor trace.
 *
 * <p>The package knows nothing of the API under test beyond the SPI's {@code Hal}, {@code Irql} and
 * {@code BugCheck} types: API calls are traced by name, and locks are plain labels. Its own
 * correctness rests on JDK concurrency only, never on the primitive under test.
 */
package io.ddikit.kernel;
