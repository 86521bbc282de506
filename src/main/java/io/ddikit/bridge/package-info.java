/**
 * The bridge to a C implementation, inside the sandboxed worker: loads the vendor's shared library with JNA, fills in
 * the kit header's services table ({@code ddikit_services_}, see {@code include/ddikit/ddikit_ntddk.h}) with callbacks
 * onto the simulated machine's {@link io.ddikit.spi.Hal}, calls the library's exported functions through the header's
 * trampolines (so that a failing service jumps back over the C frames and no Java exception ever unwinds through
 * them), and holds lock storage in native memory with the C layout. It knows the kernel's services and no family: each
 * family's binding (in its own package) says which exports it calls and wraps them as its SPI.
 */
package io.ddikit.bridge;
