package io.ddikit.impls.ndis.reference;

import io.ddikit.spi.Hal;
import io.ddikit.spi.ndis.NdisSpinLockFamily;
import io.ddikit.spi.ndis.NdisSpinLockProvider;

/** The {@code reference} implementation: the documented algorithm, step by step. See {@link ReferenceFamily}. */
public final class ReferenceProvider implements NdisSpinLockProvider {
    /** The name it is chosen by. */
    public static final String NAME = "reference";

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
        return new ReferenceFamily(hal);
    }
}
