package io.ddikit.impls.ke.verifier;

import io.ddikit.impls.ke.reference.KeReferenceProvider;
import io.ddikit.spi.Capability;
import io.ddikit.spi.Hal;
import io.ddikit.spi.ke.KeSpinLockFamily;
import io.ddikit.spi.ke.KeSpinLockProvider;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code verifier} implementation of the executive spin locks: {@link KeVerifierFamily} (misuse detection, as
 * Driver Verifier does) around {@code reference}. {@link #around(KeSpinLockProvider)} puts it around any other
 * implementation, named {@code verifier-<inner name>} (a {@code +} would break the SPI's rule for names). Declares
 * {@link Capability#MISUSE_DETECTION}.
 */
public final class KeVerifierProvider implements KeSpinLockProvider {
    /** The name of the bundled one (around {@code reference}). */
    public static final String NAME = "verifier";

    private final KeSpinLockProvider inner;
    private final String name;

    /** The bundled {@code verifier}: around {@code reference}. */
    public KeVerifierProvider() {
        this(new KeReferenceProvider(), NAME);
    }

    private KeVerifierProvider(KeSpinLockProvider inner, String name) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.name = name;
    }

    /** The verifier around {@code inner}, named {@code verifier-<inner name>}. */
    public static KeSpinLockProvider around(KeSpinLockProvider inner) {
        return new KeVerifierProvider(inner, NAME + "-" + inner.name());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return "1.0 around " + inner.name() + " " + inner.version();
    }

    @Override
    public Set<Capability> capabilities() {
        EnumSet<Capability> caps = EnumSet.of(Capability.MISUSE_DETECTION);
        caps.addAll(inner.capabilities());
        return Set.copyOf(caps);
    }

    @Override
    public KeSpinLockFamily create(Hal hal) {
        return new KeVerifierFamily(hal, inner.create(hal));
    }
}
