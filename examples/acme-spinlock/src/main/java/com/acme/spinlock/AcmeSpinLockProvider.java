package com.acme.spinlock;

import io.ddikit.spi.Hal;
import io.ddikit.spi.ndis.NdisSpinLockFamily;
import io.ddikit.spi.ndis.NdisSpinLockProvider;

/**
 * Acme's NDIS spin locks, as the kit finds them: listed in
 * {@code META-INF/services/io.ddikit.spi.ndis.NdisSpinLockProvider} and chosen by the name {@code acme}.
 */
public final class AcmeSpinLockProvider implements NdisSpinLockProvider {

    @Override
    public String name() {
        return "acme";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public NdisSpinLockFamily create(Hal hal) {
        return new TestAndSetSpinLocks(hal);
    }
}
