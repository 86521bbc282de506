package io.ddikit.kernel;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * DPCs arriving at any moment while processors run real threads (the stress tier of a "DPC at any point" scenario): a
 * thread of the kit's queues one DPC after another, each to a processor drawn from the scenario's seed that has none
 * pending, about every 50 µs, for as long as the scenario's body runs. The controlled tier plans its one DPC per schedule
 * instead ({@link SimulatedMachine.PlannedDpc}).
 */
public final class DpcStream {
    /** The most DPCs one stream queues. */
    static final int MOST = 100_000;

    /** A DPC to queue: its label in the machine's log and its body. */
    public record Dpc(String label, Runnable body) {
    }

    /** Makes the {@code n}-th DPC of the stream (from 1), for {@code processor}. */
    @FunctionalInterface
    public interface Factory {
        Dpc make(int n, int processor);
    }

    private DpcStream() {
    }

    /** Runs {@code body} while DPCs made by {@code dpcs} are queued to {@code processors}; returns what the body returned. */
    public static <T> T during(SimulatedMachine machine, List<Integer> processors, long seed, Factory dpcs, Supplier<T> body) {
        AtomicBoolean done = new AtomicBoolean();
        Thread queuer = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(seed);
            int n = 0;
            while (!done.get() && n < MOST) {
                int p = processors.get(random.nextInt(processors.size()));
                if (machine.pendingDpcs(p) == 0) {
                    n++;
                    Dpc d = dpcs.make(n, p);
                    machine.queueDpc(p, d.label(), d.body());
                }
                LockSupport.parkNanos(50_000);
            }
        }, "ddikit-dpc-queuer");
        queuer.setDaemon(true);
        queuer.start();
        try {
            return body.get();
        } finally {
            done.set(true);
            try {
                queuer.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
