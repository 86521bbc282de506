package io.ddikit.impls.ke.queued;

import io.ddikit.spi.Hal;
import io.ddikit.spi.ke.KeSpinLockFamily;
import io.ddikit.spi.ke.KeSpinLockProvider;

/**
 * The {@code queued} implementation of the executive spin locks: a FIFO queue lock with a node per waiter and the
 * documented IRQL behaviour. See {@link KeQueuedFamily}.
 */
public final class KeQueuedProvider implements KeSpinLockProvider {
    /** The name it is chosen by. */
    public static final String NAME = "queued";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public KeSpinLockFamily create(Hal hal) {
        return new KeQueuedFamily(hal);
    }
}
