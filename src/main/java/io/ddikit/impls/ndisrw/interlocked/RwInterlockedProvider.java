package io.ddikit.impls.ndisrw.interlocked;

import io.ddikit.spi.Hal;
import io.ddikit.spi.ndisrw.NdisRwLockFamily;
import io.ddikit.spi.ndisrw.NdisRwLockProvider;

/**
 * The {@code interlocked} implementation of the NDIS read-write locks: one shared word changed with compare-and-set,
 * writers first ({@link RwInterlockedFamily}). Declares no capability.
 */
public final class RwInterlockedProvider implements NdisRwLockProvider {
    @Override
    public String name() {
        return "interlocked";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public NdisRwLockFamily create(Hal hal) {
        return new RwInterlockedFamily(hal);
    }
}
