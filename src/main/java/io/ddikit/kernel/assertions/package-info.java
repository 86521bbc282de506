/**
 * AssertJ assertions on the simulated kernel for step authors of every family: {@link
 * io.ddikit.kernel.assertions.KernelAssertions}. The kernel itself uses none of them (it depends on the SPI, the
 * scheduler and the JDK only).
 */
package io.ddikit.kernel.assertions;
