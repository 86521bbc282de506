package io.ddikit.impls.ndisrw.verifier;

import io.ddikit.impls.ndisrw.reference.RwReferenceProvider;
import io.ddikit.spi.Capability;
import io.ddikit.spi.Hal;
import io.ddikit.spi.ndisrw.NdisRwLockFamily;
import io.ddikit.spi.ndisrw.NdisRwLockProvider;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code verifier} implementation of the NDIS read-write locks: {@link RwVerifierFamily} (misuse detection, as
 * Driver Verifier does) around {@code reference}. {@link #around(NdisRwLockProvider)} puts it around any other
 * implementation, named {@code verifier-<inner name>}. Declares {@link Capability#MISUSE_DETECTION}.
 */
public final class RwVerifierProvider implements NdisRwLockProvider {
    /** The name of the bundled one (around {@code reference}). */
    public static final String NAME = "verifier";

    private final NdisRwLockProvider inner;
    private final String name;

    /** The bundled {@code verifier}: around {@code reference}. */
    public RwVerifierProvider() {
        this(new RwReferenceProvider(), NAME);
    }

    private RwVerifierProvider(NdisRwLockProvider inner, String name) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.name = name;
    }

    /** The verifier around {@code inner}, named {@code verifier-<inner name>}. */
    public static NdisRwLockProvider around(NdisRwLockProvider inner) {
        return new RwVerifierProvider(inner, NAME + "-" + inner.name());
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
    public NdisRwLockFamily create(Hal hal) {
        return new RwVerifierFamily(hal, inner.create(hal));
    }
}
