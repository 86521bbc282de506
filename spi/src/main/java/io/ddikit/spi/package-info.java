/**
 * The vendor-facing SPI of ddikit: what every API family shares, and one subpackage per family.
 *
 * <p>Here: the simulated {@link io.ddikit.spi.Hal} an implementation is given (all the hardware it may touch), the
 * {@link io.ddikit.spi.Irql} levels, {@link io.ddikit.spi.BugCheck}s and the {@link io.ddikit.spi.Capability}s an
 * implementation may declare. A family's own types live in its subpackage: {@code io.ddikit.spi.ndis} (NDIS spin
 * locks: implement {@link io.ddikit.spi.ndis.NdisSpinLockProvider}), {@code io.ddikit.spi.ke} (the kernel's
 * executive spin locks: implement {@link io.ddikit.spi.ke.KeSpinLockProvider}) and {@code io.ddikit.spi.ndisrw} (NDIS
 * read-write locks: implement {@link io.ddikit.spi.ndisrw.NdisRwLockProvider}); providers are found with
 * {@link java.util.ServiceLoader}. Only JDK types appear, so a vendor compiles against this jar alone.
 */
package io.ddikit.spi;
