/**
 * Each implementation in its own JVM process. {@link io.ddikit.isolate.IsolatedRunner} (the kit's side)
 * starts a {@link io.ddikit.isolate.Worker} per implementation, reads its progress events, bounds its
 * time, memory and output, and names what went wrong when the process dies; the worker runs the suite
 * with {@link io.ddikit.run.SuiteRunner}, writing each scenario's result to disk as it ends.
 */
package io.ddikit.isolate;
