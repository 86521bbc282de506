/**
 * The service provider interface of the NDIS read-write lock family ({@code ndis.h}: NdisInitializeReadWriteLock,
 * NdisAcquireReadWriteLock, NdisReleaseReadWriteLock, NdisDprAcquireReadWriteLock, NdisDprReleaseReadWriteLock): the
 * implementation's {@link io.ddikit.spi.ndisrw.NdisRwLock}, the caller's {@link io.ddikit.spi.ndisrw.LockState}, and the
 * read or write access each acquire asks for. JDK types and the common {@code io.ddikit.spi} types only.
 */
package io.ddikit.spi.ndisrw;
