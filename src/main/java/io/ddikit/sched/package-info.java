/**
 * Schedule noise: the tier that makes narrow races show on a machine with two cores. Implementation
 * classes are loaded through {@link io.ddikit.sched.InstrumentingClassLoader}, which puts a call to
 * {@link io.ddikit.sched.Noise#point()} before every field access and every atomic or VarHandle operation
 * of theirs. While noise is on, a seeded random few of those points pause the thread for a few microseconds
 * (busy, so that a loaded host cannot starve it), so that windows of nanoseconds (a lock word cleared before the saved IRQL is read, a
 * test and a set that are not one operation) open wide enough for another processor to step in.
 * Knows nothing of any API; depends on the JDK and ASM only.
 */
package io.ddikit.sched;
