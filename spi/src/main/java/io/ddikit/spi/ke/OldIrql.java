package io.ddikit.spi.ke;

import io.ddikit.spi.Irql;

/**
 * The {@code OldIrql} out-parameter of {@code KeAcquireSpinLock}: a {@code KIRQL} variable that the <em>caller</em>
 * owns (the kit, here) and passes by address. The implementation writes the previous IRQL into it with
 * {@link #set(Irql)}, once, after the lock is acquired (the page: "The previous IRQL is written to OldIrql after the
 * lock is acquired"). The kit sees every write: when it happens, on which processor, and what the lock looked like
 * then.
 */
public interface OldIrql {

    /** Writes the previous IRQL. Call it on the acquiring processor, after the lock is won. */
    void set(Irql previous);

    /** What was last written, or null if nothing was. */
    Irql get();
}
