package io.ddikit.steps.ndis;

import io.ddikit.spi.ndis.NdisSpinLockProvider;
import io.ddikit.suite.FaultyTarget;
import io.ddikit.steps.Providers;
import io.ddikit.suite.Target;
import io.ddikit.suite.ApiFamily;

import java.util.List;

/**
 * The NDIS spin lock family: the six pages of {@code ndis/}, the features of {@code features/ndis-spin-lock/}, the steps
 * of this package, and its implementations: every {@link NdisSpinLockProvider} listed for {@link java.util.ServiceLoader}.
 */
public final class NdisSpinLocks implements ApiFamily {
    /** The family's id. */
    public static final String ID = "ndis-spin-lock";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "NDIS spin locks";
    }

    @Override
    public List<String> pages() {
        return List.of("ndis/nf-ndis-ndisallocatespinlock.md", "ndis/nf-ndis-ndisfreespinlock.md",
                "ndis/nf-ndis-ndisacquirespinlock.md", "ndis/nf-ndis-ndisreleasespinlock.md",
                "ndis/nf-ndis-ndisdpracquirespinlock.md", "ndis/nf-ndis-ndisdprreleasespinlock.md");
    }

    @Override
    public List<String> glue() {
        return List.of(NdisSpinLocks.class.getPackageName());
    }

    @Override
    public List<String> implementationPackages() {
        return List.of("io.ddikit.impls.ndis.", "io.ddikit.faults.ndis.");
    }

    @Override
    public List<String> providerServices() {
        return List.of(NdisSpinLockProvider.class.getName());
    }

    @Override
    public List<Target> discover(ClassLoader loader) {
        return Providers.discover(ID, NdisSpinLockProvider.class, loader);
    }

    /** Where the kit's faulty implementations are listed: {@code all()}, {@code description(p)}, {@code breaks(p)}. */
    static final String FAULTS = "io.ddikit.faults.ndis.Faults";

    /** The faulty implementations of {@value #FAULTS}, loaded through {@code loader}, with schedule points. */
    @Override
    public List<FaultyTarget> faults(ClassLoader loader) {
        return Providers.faults(ID, FAULTS, NdisSpinLockProvider.class, loader);
    }

    @Override
    public List<List<String>> nativeExports() {
        return CNdisSpinLocks.EXPORTS;
    }

    @Override
    public Target nativeTarget(Object library, String name, String version) {
        return Providers.target(ID, new CNdisSpinLocks((io.ddikit.bridge.CLibrary) library, name, version));
    }
}
