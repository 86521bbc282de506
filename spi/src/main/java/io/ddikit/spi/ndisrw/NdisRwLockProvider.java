package io.ddikit.spi.ndisrw;

import io.ddikit.spi.Hal;
import io.ddikit.spi.Provider;

/**
 * Entry point of an implementation of the NDIS read-write locks ({@code NdisInitializeReadWriteLock},
 * {@code NdisAcquireReadWriteLock} and the rest of {@code ndis.h}'s {@code Ndis..ReadWriteLock} functions), found with
 * {@link java.util.ServiceLoader}: list the class in {@code META-INF/services/io.ddikit.spi.ndisrw.NdisRwLockProvider}.
 * It needs a public no-argument constructor. Implementations are chosen by {@link #name()}
 * ({@code ./ddikit run --impl NAME}); names are unique within this family, and the same name may implement the other
 * families too.
 */
public interface NdisRwLockProvider extends Provider {

    /** A fresh family bound to one simulated machine. Called once per scenario, on a kit thread. */
    NdisRwLockFamily create(Hal hal);
}
