package io.ddikit.impls.ndisrw.reference;

import io.ddikit.spi.Hal;
import io.ddikit.spi.ndisrw.NdisRwLockFamily;
import io.ddikit.spi.ndisrw.NdisRwLockProvider;

/**
 * The {@code reference} implementation of the NDIS read-write locks: a spin lock for writers and a reader count per
 * processor, as NDIS describes its own ({@link RwReferenceFamily}). Declares no capability.
 */
public final class RwReferenceProvider implements NdisRwLockProvider {
    @Override
    public String name() {
        return "reference";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public NdisRwLockFamily create(Hal hal) {
        return new RwReferenceFamily(hal);
    }
}
