package io.ddikit.impls.ndis.verifier;

import io.ddikit.impls.ndis.reference.ReferenceProvider;
import io.ddikit.spi.Capability;
import io.ddikit.spi.Hal;
import io.ddikit.spi.ndis.NdisSpinLockFamily;
import io.ddikit.spi.ndis.NdisSpinLockProvider;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code verifier} implementation: {@link VerifierFamily} (misuse detection, as Driver Verifier does)
 * around {@code reference}. {@link #around(NdisSpinLockProvider)} puts it around any other
 * implementation, named {@code verifier+<inner name>}. Declares {@link Capability#MISUSE_DETECTION}.
 */
public final class VerifierProvider implements NdisSpinLockProvider {
    /** The name of the bundled one (around {@code reference}). */
    public static final String NAME = "verifier";

    private final NdisSpinLockProvider inner;
    private final String name;

    /** The bundled {@code verifier}: around {@code reference}. */
    public VerifierProvider() {
        this(new ReferenceProvider(), NAME);
    }

    private VerifierProvider(NdisSpinLockProvider inner, String name) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.name = name;
    }

    /** The verifier around {@code inner}, named {@code verifier+<inner name>}. */
    public static NdisSpinLockProvider around(NdisSpinLockProvider inner) {
        return new VerifierProvider(inner, NAME + "+" + inner.name());
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
    public NdisSpinLockFamily create(Hal hal) {
        return new VerifierFamily(hal, inner.create(hal));
    }
}
