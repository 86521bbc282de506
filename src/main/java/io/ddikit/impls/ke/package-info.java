/**
 * The bundled implementations of the kernel's executive spin locks ({@link io.ddikit.spi.ke.KeSpinLockProvider}), each
 * found by name: {@code reference} (the documented algorithm on one lock word), {@code queued} (a FIFO queue lock with
 * a node per waiter) and {@code verifier} (misuse detection around another implementation). They use only the SPI and
 * the JDK, exactly as a vendor's implementation would.
 */
package io.ddikit.impls.ke;
