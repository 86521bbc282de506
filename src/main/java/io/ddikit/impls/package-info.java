/**
 * The implementations bundled with the kit, each found with {@link java.util.ServiceLoader} by name:
 * {@code reference} (the documented algorithm), {@code ticket} (a FIFO ticket lock) and
 * {@code verifier} (misuse detection around another implementation). They use only the SPI and the
 * JDK, exactly as a vendor's implementation would.
 */
package io.ddikit.impls;
