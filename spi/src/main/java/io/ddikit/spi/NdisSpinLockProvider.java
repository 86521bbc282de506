package io.ddikit.spi;

import java.util.Set;

/**
 * Entry point of an implementation, found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.ddikit.spi.NdisSpinLockProvider}. It needs a public no-argument
 * constructor. Implementations are chosen by {@link #name()} ({@code ./ddikit run --impl NAME}).
 */
public interface NdisSpinLockProvider {

    /** A short name, unique among the implementations on the class path: letters, digits, {@code -_.}. */
    String name();

    /** The implementation's version, shown in reports. */
    String version();

    /** What the implementation declares beyond the page's contract; empty by default. */
    default Set<Capability> capabilities() {
        return Set.of();
    }

    /** A fresh family bound to one simulated machine. Called once per scenario, on a kit thread. */
    NdisSpinLockFamily create(Hal hal);
}
