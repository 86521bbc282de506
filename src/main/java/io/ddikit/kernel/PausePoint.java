package io.ddikit.kernel;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds one processor inside one of its HAL calls, so that a scenario can act on other processors
 * while it is there. Made by {@link SimulatedMachine#pauseAt}.
 *
 * <p>The point is armed when made. The {@code occurrence}-th matching HAL call the processor makes
 * from then on (1 = the next one) stops at the point: {@link Position#BEFORE} the IRQL change takes
 * effect or {@link Position#AFTER} it. The processor signals {@link #awaitArrival(Duration)} and waits
 * until {@link #release()}; the wait is bounded by twice the machine's call bound, so that the watchdog
 * reports the held call first (then the point expires and the processor goes on), and ends when the
 * machine is closed. Kit setup (for example
 * {@link SimulatedMachine#setIrql}) never stops at a pause point.
 *
 * <p>Which position to choose:
 * <ul>
 *   <li>{@code LOWER BEFORE} in a release: the lock word has been cleared and the saved IRQL read, but the
 *       processor is still at DISPATCH_LEVEL; another processor must be able to take the lock now.</li>
 *   <li>{@code RAISE AFTER} in an acquire: the processor is at DISPATCH_LEVEL and has not touched the lock yet.</li>
 *   <li>{@code SPIN} (n-th turn of the wait loop) in an acquire: the processor has found the lock taken
 *       and is waiting; anything an acquire does before winning (for example writing the saved IRQL
 *       too early) has happened.</li>
 * </ul>
 * An ordering with no HAL call in between (for example between clearing the lock word and reading
 * the saved IRQL) cannot be held deterministically; it needs a stress run.
 */
public final class PausePoint {

    /** Where inside the HAL call the processor stops. */
    public enum Position {
        /** Before the call has any effect (the IRQL is still the old one). */
        BEFORE,
        /** After the call's effect on the IRQL, before it returns (and before a lower runs queued DPCs). */
        AFTER
    }

    private final int processor;
    private final HalOp op;
    private final Position position;
    private final int occurrence;
    private final AtomicInteger remaining;
    /** Only IRQL changes to a level below this one count (null: every call of {@link #op}). */
    private final io.ddikit.spi.Irql below;
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean expired;

    PausePoint(int processor, HalOp op, Position position, int occurrence) {
        this(processor, op, position, occurrence, null);
    }

    /**
     * A pause point that counts only the {@code op} calls (a raise or a lower) whose new IRQL is below {@code below}:
     * such as the KeLowerIrql of a release that goes back below DISPATCH_LEVEL, not one that stays at DISPATCH_LEVEL.
     */
    PausePoint(int processor, HalOp op, Position position, int occurrence, io.ddikit.spi.Irql below) {
        if (occurrence < 1) {
            throw new IllegalArgumentException("occurrence must be 1 or more, was " + occurrence);
        }
        this.processor = processor;
        this.op = op;
        this.position = op == HalOp.SPIN ? Position.BEFORE : position;
        this.occurrence = occurrence;
        this.remaining = new AtomicInteger(occurrence);
        this.below = below;
    }

    public int processor() {
        return processor;
    }

    public HalOp op() {
        return op;
    }

    public Position position() {
        return position;
    }

    public int occurrence() {
        return occurrence;
    }

    /**
     * Waits until the processor stops here.
     *
     * @return true when it has arrived, false when it did not within {@code max}
     */
    public boolean awaitArrival(Duration max) {
        try {
            return arrived.await(max.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the processor has stopped here (it may have been released since). */
    public boolean hasArrived() {
        return arrived.getCount() == 0;
    }

    /** Lets the processor go on; if it has not arrived yet, it will not stop here at all. */
    public void release() {
        released.countDown();
    }

    /** Whether {@link #release()} was called. */
    public boolean isReleased() {
        return released.getCount() == 0;
    }

    /** Whether the processor gave up waiting because the machine's call bound passed first. */
    public boolean hasExpired() {
        return expired;
    }

    boolean matches(HalOp o, Position p) {
        return matches(o, p, null);
    }

    /** Whether a call of {@code o} to the new IRQL {@code target} (null when it has none) stops here at {@code p}. */
    boolean matches(HalOp o, Position p, io.ddikit.spi.Irql target) {
        return op == o && position == p && !isReleased() && (below == null || target != null && target.isBelow(below));
    }

    /** Counts one matching call; true when this is the one to stop at. */
    boolean tick() {
        return remaining.decrementAndGet() == 0;
    }

    /** Called on the processor's thread: signal arrival and wait for release, at most {@code bound}. */
    void hold(Duration bound) {
        arrived.countDown();
        try {
            if (!released.await(bound.toNanos(), TimeUnit.NANOSECONDS)) {
                expired = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code KeLowerIrql before (1st call) on processor 0}. */
    public String describe() {
        return op.kernelName() + " " + position.name().toLowerCase(java.util.Locale.ROOT) + " (call " + occurrence
                + (below == null ? "" : " to a level below " + below) + ") on processor " + processor;
    }

    @Override
    public String toString() {
        return describe();
    }
}
