/**
 * The service provider interface of the NDIS spin lock family ({@code ndis.h}: NdisAllocateSpinLock,
 * NdisFreeSpinLock, NdisAcquireSpinLock, NdisReleaseSpinLock, NdisDprAcquireSpinLock, NdisDprReleaseSpinLock).
 * JDK types and the common {@code io.ddikit.spi} types only.
 */
package io.ddikit.spi.ndis;
