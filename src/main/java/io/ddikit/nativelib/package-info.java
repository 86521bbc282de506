/**
 * C implementations as the engine sees them, without loading any: a shared library's exported names read from its
 * ELF file ({@link io.ddikit.nativelib.ElfExports}), the notes a worker leaves of the C calls it makes
 * ({@link io.ddikit.nativelib.CallNotes}), and what a worker that died in C says of it
 * ({@link io.ddikit.nativelib.NativeCrash}). Loading a library and binding it to the simulated machine is the
 * bridge's ({@code io.ddikit.bridge}), inside the sandboxed worker only.
 */
package io.ddikit.nativelib;
