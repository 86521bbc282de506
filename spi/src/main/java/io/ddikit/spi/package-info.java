/**
 * The vendor-facing SPI of ddikit for the NDIS spin lock family.
 *
 * <p>A vendor implements {@link io.ddikit.spi.NdisSpinLockProvider} (found with
 * {@link java.util.ServiceLoader}) and {@link io.ddikit.spi.NdisSpinLockFamily}. The implementation
 * runs on a simulated multiprocessor kernel: the {@link io.ddikit.spi.Hal} it is given is all the
 * hardware it may touch. Only JDK types appear here, so a vendor compiles against this jar alone.
 */
package io.ddikit.spi;
