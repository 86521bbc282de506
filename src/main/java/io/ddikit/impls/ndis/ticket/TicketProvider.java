package io.ddikit.impls.ndis.ticket;

import io.ddikit.spi.Hal;
import io.ddikit.spi.ndis.NdisSpinLockFamily;
import io.ddikit.spi.ndis.NdisSpinLockProvider;

/** The {@code ticket} implementation: a FIFO ticket lock with the documented IRQL behaviour. See {@link TicketFamily}. */
public final class TicketProvider implements NdisSpinLockProvider {
    /** The name it is chosen by. */
    public static final String NAME = "ticket";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public NdisSpinLockFamily create(Hal hal) {
        return new TicketFamily(hal);
    }
}
