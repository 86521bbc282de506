package io.ddikit.kernel;

import io.ddikit.spi.Irql;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call running on a simulated processor, made by {@link SimulatedMachine#callAsync}. Its bound (the
 * machine's call bound) runs from the moment it was submitted.
 *
 * <p>Passing use: {@code PendingCall p = m.callAsync(1, "NdisAcquireSpinLock", "A", body); ...;
 * assertThat(p.await().returned()).isTrue();}. A call still spinning can be checked with
 * {@code p.await(Duration.ofMillis(50)).isEmpty()}.
 */
public final class PendingCall {
    private final SimulatedMachine machine;
    private final ApiCall call;
    private final long deadlineNanos;
    private final CompletableFuture<CallResult> future = new CompletableFuture<>();
    private volatile Irql entryIrql;
    private volatile long enterSequence = -1;

    PendingCall(SimulatedMachine machine, ApiCall call, long deadlineNanos) {
        this.machine = machine;
        this.call = call;
        this.deadlineNanos = deadlineNanos;
    }

    public ApiCall call() {
        return call;
    }

    /** Whether the call has ended (returned, threw, bug-checked or was reported as timed out). */
    public boolean isDone() {
        return future.isDone();
    }

    /** Whether the processor has started executing it. */
    public boolean hasStarted() {
        return enterSequence >= 0;
    }

    /** The result of a call that is done. @throws IllegalStateException if it is not */
    public CallResult result() {
        if (!future.isDone()) {
            throw new IllegalStateException(call + " is still running");
        }
        return future.join();
    }

    /**
     * Waits until the call ends or its bound passes. When the bound passes first, the watchdog
     * reports it: the result is {@link CallResult.Outcome#TIMED_OUT} with a report, and the machine is
     * poisoned (see {@link SimulatedMachine#isPoisoned()}).
     */
    public CallResult await() {
        return awaitUntil(deadlineNanos).orElseThrow();
    }

    /**
     * Waits at most {@code max} (and never past the call's bound).
     *
     * @return the result, or empty if the call is still running within its bound after {@code max}
     */
    public Optional<CallResult> await(Duration max) {
        long until = System.nanoTime() + max.toNanos();
        if (until - deadlineNanos >= 0) {
            return awaitUntil(deadlineNanos);
        }
        return poll(max);
    }

    /**
     * Waits up to {@code max} for the call without ever declaring it hung (unlike {@link #await(Duration)}, which
     * does so at the call bound): empty while it still runs. For callers that judge progress themselves.
     */
    public Optional<CallResult> poll(Duration max) {
        try {
            return Optional.of(future.get(max.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new KernelException("the kit failed while running " + call, e.getCause());
        }
    }

    private Optional<CallResult> awaitUntil(long deadline) {
        try {
            return Optional.of(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            future.complete(machine.timedOut(this));
            return Optional.of(future.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.complete(machine.timedOut(this));
            return Optional.of(future.join());
        } catch (ExecutionException e) {
            throw new KernelException("the kit failed while running " + call, e.getCause());
        }
    }

    void started(Irql irql, long sequence) {
        entryIrql = irql;
        enterSequence = sequence;
    }

    Irql entryIrql() {
        return entryIrql;
    }

    long enterSequence() {
        return enterSequence;
    }

    long boundMillis() {
        return machine.config().callBound().toMillis();
    }

    void complete(CallResult r) {
        future.complete(r);
    }

    void fail(Throwable t) {
        future.completeExceptionally(t);
    }
}
