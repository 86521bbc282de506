package io.ddikit.steps.ndisrw;

import io.ddikit.spi.ndisrw.NdisRwLockProvider;
import io.ddikit.steps.Providers;
import io.ddikit.suite.ApiFamily;
import io.ddikit.suite.FaultyTarget;
import io.ddikit.suite.Target;

import java.util.List;

/**
 * The NDIS read-write lock family: the five {@code ndis/nf-ndis-ndis…readwritelock.md} pages, the features of
 * {@code features/ndis-rw-lock/}, the steps of this package, and its implementations: every {@link NdisRwLockProvider}
 * listed for {@link java.util.ServiceLoader}.
 */
public final class NdisRwLocks implements ApiFamily {
    /** The family's id. */
    public static final String ID = "ndis-rw-lock";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "NDIS read-write locks";
    }

    @Override
    public List<String> pages() {
        return List.of("ndis/nf-ndis-ndisinitializereadwritelock.md", "ndis/nf-ndis-ndisacquirereadwritelock.md",
                "ndis/nf-ndis-ndisreleasereadwritelock.md", "ndis/nf-ndis-ndisdpracquirereadwritelock.md",
                "ndis/nf-ndis-ndisdprreleasereadwritelock.md");
    }

    @Override
    public List<String> glue() {
        return List.of(NdisRwLocks.class.getPackageName());
    }

    @Override
    public List<String> implementationPackages() {
        return List.of("io.ddikit.impls.ndisrw.", "io.ddikit.faults.ndisrw.");
    }

    @Override
    public List<String> providerServices() {
        return List.of(NdisRwLockProvider.class.getName());
    }

    @Override
    public List<Target> discover(ClassLoader loader) {
        return Providers.discover(ID, NdisRwLockProvider.class, loader);
    }

    /** Where the kit's faulty implementations are listed: {@code all()}, {@code description(p)}, {@code breaks(p)}. */
    static final String FAULTS = "io.ddikit.faults.ndisrw.RwFaults";

    /** The faulty implementations of {@value #FAULTS}, loaded through {@code loader}, with schedule points. */
    @Override
    public List<FaultyTarget> faults(ClassLoader loader) {
        return Providers.faults(ID, FAULTS, NdisRwLockProvider.class, loader);
    }

    @Override
    public List<List<String>> nativeExports() {
        return CNdisRwLocks.EXPORTS;
    }

    @Override
    public Target nativeTarget(Object library, String name, String version) {
        return Providers.target(ID, new CNdisRwLocks((io.ddikit.bridge.CLibrary) library, name, version));
    }
}
