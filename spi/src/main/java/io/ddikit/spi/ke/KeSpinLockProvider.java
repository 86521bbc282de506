package io.ddikit.spi.ke;

import io.ddikit.spi.Hal;
import io.ddikit.spi.Provider;

/**
 * Entry point of an implementation of the kernel's executive spin locks ({@code KeInitializeSpinLock},
 * {@code KeAcquireSpinLock} and the rest of {@code wdm.h}), found with {@link java.util.ServiceLoader}: list the class
 * in {@code META-INF/services/io.ddikit.spi.ke.KeSpinLockProvider}. It needs a public no-argument constructor.
 * Implementations are chosen by {@link #name()} ({@code ./ddikit run --impl NAME}); names are unique within this
 * family, and the same name may implement the NDIS spin lock family too.
 */
public interface KeSpinLockProvider extends Provider {

    /** A fresh family bound to one simulated machine. Called once per scenario, on a kit thread. */
    KeSpinLockFamily create(Hal hal);
}
