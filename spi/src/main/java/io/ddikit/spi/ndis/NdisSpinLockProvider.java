package io.ddikit.spi.ndis;

import io.ddikit.spi.Hal;
import io.ddikit.spi.Provider;


/**
 * Entry point of an implementation, found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.ddikit.spi.ndis.NdisSpinLockProvider}. It needs a public no-argument
 * constructor. Implementations are chosen by {@link #name()} ({@code ./ddikit run --impl NAME}).
 */
public interface NdisSpinLockProvider extends Provider {

    /** A fresh family bound to one simulated machine. Called once per scenario, on a kit thread. */
    NdisSpinLockFamily create(Hal hal);
}
