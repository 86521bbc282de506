package io.ddikit.impls.ke.reference;

import io.ddikit.spi.Hal;
import io.ddikit.spi.ke.KeSpinLockFamily;
import io.ddikit.spi.ke.KeSpinLockProvider;

/**
 * The {@code reference} implementation of the executive spin locks: the documented algorithm on one lock word, step
 * by step. See {@link KeReferenceFamily}.
 */
public final class KeReferenceProvider implements KeSpinLockProvider {
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
    public KeSpinLockFamily create(Hal hal) {
        return new KeReferenceFamily(hal);
    }
}
