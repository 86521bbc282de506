/**
 * The service provider interface of the kernel's executive spin lock family ({@code wdm.h}: KeInitializeSpinLock,
 * KeAcquireSpinLock, KeReleaseSpinLock, KeAcquireSpinLockAtDpcLevel, KeReleaseSpinLockFromDpcLevel, KeTestSpinLock,
 * KeTryToAcquireSpinLockAtDpcLevel). JDK types and the common {@code io.ddikit.spi} types only.
 */
package io.ddikit.spi.ke;
