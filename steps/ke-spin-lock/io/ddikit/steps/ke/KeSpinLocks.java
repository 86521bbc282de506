package io.ddikit.steps.ke;

import io.ddikit.spi.ke.KeSpinLockProvider;
import io.ddikit.suite.FaultyTarget;
import io.ddikit.steps.Providers;
import io.ddikit.suite.Target;
import io.ddikit.suite.ApiFamily;

import java.util.List;

/**
 * The kernel executive spin lock family: the seven pages of {@code wdm/}, the features of {@code features/ke-spin-lock/}, the steps
 * of this package, and its implementations: every {@link KeSpinLockProvider} listed for {@link java.util.ServiceLoader}.
 */
public final class KeSpinLocks implements ApiFamily {
    /** The family's id. */
    public static final String ID = "ke-spin-lock";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Kernel executive spin locks";
    }

    @Override
    public List<String> pages() {
        return List.of("wdm/nf-wdm-keinitializespinlock.md", "wdm/nf-wdm-keacquirespinlock.md",
                "wdm/nf-wdm-kereleasespinlock.md", "wdm/nf-wdm-keacquirespinlockatdpclevel.md",
                "wdm/nf-wdm-kereleasespinlockfromdpclevel.md", "wdm/nf-wdm-ketestspinlock.md",
                "wdm/nf-wdm-ketrytoacquirespinlockatdpclevel.md");
    }

    @Override
    public List<String> glue() {
        return List.of(KeSpinLocks.class.getPackageName());
    }

    @Override
    public List<String> implementationPackages() {
        return List.of("io.ddikit.impls.ke.", "io.ddikit.faults.ke.");
    }

    @Override
    public List<String> providerServices() {
        return List.of(KeSpinLockProvider.class.getName());
    }

    @Override
    public List<Target> discover(ClassLoader loader) {
        return Providers.discover(ID, KeSpinLockProvider.class, loader);
    }

    /** Where the kit's faulty implementations are listed: {@code all()}, {@code description(p)}, {@code breaks(p)}. */
    static final String FAULTS = "io.ddikit.faults.ke.KeFaults";

    /** The faulty implementations of {@value #FAULTS}, loaded through {@code loader}, with schedule points. */
    @Override
    public List<FaultyTarget> faults(ClassLoader loader) {
        return Providers.faults(ID, FAULTS, KeSpinLockProvider.class, loader);
    }

    @Override
    public List<List<String>> nativeExports() {
        return CKeSpinLocks.EXPORTS;
    }

    @Override
    public Target nativeTarget(Object library, String name, String version) {
        return Providers.target(ID, new CKeSpinLocks((io.ddikit.bridge.CLibrary) library, name, version));
    }
}
