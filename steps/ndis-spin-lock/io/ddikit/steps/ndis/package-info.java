/**
 * Step definitions of the NDIS spin lock family's features. They drive an implementation only through
 * the SPI ({@link io.ddikit.spi.ndis.NdisSpinLockFamily}) on the kit's simulated kernel, and speak the page's
 * language in their failure messages: the call, the processor, the IRQL expected and found, the clause.
 */
package io.ddikit.steps.ndis;
