/**
 * Schedules of implementation code: the two tiers in which the kit interleaves simulated processors. Implementation
 * classes are loaded through {@link io.ddikit.sched.InstrumentingClassLoader}, which puts a schedule point
 * ({@link io.ddikit.sched.points.SchedulePoints}) before every field access and every atomic or VarHandle operation of
 * theirs.
 * <ul>
 *   <li>The stress tier: while {@link io.ddikit.sched.Noise} is on, a seeded random few of those points pause the
 *       thread for a few microseconds (busy, so that a loaded host cannot starve it), so that windows of nanoseconds
 *       (a lock word cleared before the saved IRQL is read, a test and a set that are not one operation) open wide
 *       enough for another processor to step in.</li>
 *   <li>The controlled tier: a {@link io.ddikit.sched.Scheduler} runs a fixed set of threads one at a time, switching
 *       only at points, each choice made by the strategy of a {@link io.ddikit.sched.ScheduleId} (a random walk or
 *       PCT), so that an interleaving is the same whatever the host's load, and replays from its id. It tells a
 *       deadlock (everyone only spins) from a hang, and finds data races on plain fields with vector clocks.</li>
 * </ul>
 * Knows nothing of any API; depends on the JDK and ASM only.
 */
package io.ddikit.sched;
