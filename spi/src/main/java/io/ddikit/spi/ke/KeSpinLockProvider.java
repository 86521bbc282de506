package io.ddikit.spi.ke;

import io.ddikit.spi.Capability;
import io.ddikit.spi.Hal;
import java.util.Set;

/**
 * Entry point of an implementation of the kernel's executive spin locks ({@code KeInitializeSpinLock},
 * {@code KeAcquireSpinLock} and the rest of {@code wdm.h}), found with {@link java.util.ServiceLoader}: list the class
 * in {@code META-INF/services/io.ddikit.spi.ke.KeSpinLockProvider}. It needs a public no-argument constructor.
 * Implementations are chosen by {@link #name()} ({@code ./ddikit run --impl NAME}); names are unique within this
 * family, and the same name may implement the NDIS spin lock family too.
 */
public interface KeSpinLockProvider {

    /**
     * A short name: 1 to 64 characters, each an ASCII letter, digit, {@code .}, {@code _} or {@code -} (the pattern
     * {@code [A-Za-z0-9._-]{1,64}}). A name that breaks this rule makes the implementation's run an error of the
     * implementation, with a line that says why; it is not run.
     */
    String name();

    /**
     * The implementation's version, shown in reports: 1 to 64 printable characters (no control, format or separator
     * character), not all white space.
     */
    String version();

    /** What the implementation declares beyond the pages' contract; empty by default. */
    default Set<Capability> capabilities() {
        return Set.of();
    }

    /** A fresh family bound to one simulated machine. Called once per scenario, on a kit thread. */
    KeSpinLockFamily create(Hal hal);
}
