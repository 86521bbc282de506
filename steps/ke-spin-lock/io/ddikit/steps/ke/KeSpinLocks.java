package io.ddikit.steps.ke;

import io.ddikit.spi.Capability;
import io.ddikit.spi.ke.KeSpinLockProvider;
import io.ddikit.suite.FaultyTarget;
import io.ddikit.suite.Target;
import io.ddikit.suite.ApiFamily;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The kernel executive spin lock family: the seven pages of {@code wdm/}, the features of {@code features/ke-spin-lock/}, the steps
 * of this package, and its implementations: every {@link KeSpinLockProvider} listed for {@link ServiceLoader}.
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
        List<Target> targets = new ArrayList<>();
        ServiceLoader<KeSpinLockProvider> providers = ServiceLoader.load(KeSpinLockProvider.class, loader);
        for (ServiceLoader.Provider<KeSpinLockProvider> p : providers.stream().toList()) {
            KeSpinLockProvider provider;
            try {
                provider = p.get();
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                throw new TargetLoadException(p.type().getName() + " cannot be instantiated: " + e.getMessage(), e);
            }
            targets.add(target(provider));
        }
        return targets;
    }

    /** Where the kit's faulty implementations are listed: {@code all()}, {@code description(p)}, {@code breaks(p)}. */
    static final String FAULTS = "io.ddikit.faults.ke.KeFaults";

    /**
     * The faulty implementations of {@value #FAULTS}, loaded through {@code loader} so that, like any
     * implementation, they run with schedule points; only SPI and JDK types cross that boundary.
     */
    @Override
    public List<FaultyTarget> faults(ClassLoader loader) {
        try {
            Class<?> faults = Class.forName(FAULTS, true, loader);
            java.lang.reflect.Method description = faults.getMethod("description", KeSpinLockProvider.class);
            java.lang.reflect.Method breaks = faults.getMethod("breaks", KeSpinLockProvider.class);
            List<FaultyTarget> list = new ArrayList<>();
            for (Object o : (List<?>) faults.getMethod("all").invoke(null)) {
                KeSpinLockProvider p = (KeSpinLockProvider) o;
                @SuppressWarnings("unchecked")
                List<String> broken = (List<String>) breaks.invoke(null, p);
                list.add(new FaultyTarget(target(p), (String) description.invoke(null, p), broken));
            }
            return list;
        } catch (ClassNotFoundException e) {
            return List.of();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new TargetLoadException("the fault catalogue " + FAULTS + " cannot be read: " + e, e);
        }
    }

    /** The target for one provider: its name, version and capabilities as the engine sees them. */
    public static Target target(KeSpinLockProvider provider) {
        String name;
        String version;
        List<String> caps;
        try {
            name = provider.name();
            version = provider.version();
            caps = provider.capabilities().stream().map(KeSpinLocks::capabilityName).sorted().toList();
        } catch (RuntimeException | LinkageError e) {
            Throwable copy = io.ddikit.kernel.Thrown.of(e);
            throw new TargetLoadException(provider.getClass().getName() + " cannot describe itself: " + copy, copy);
        }
        if (name == null || name.isBlank()) {
            throw new TargetLoadException(provider.getClass().getName() + " has no name", null);
        }
        return new Target(ID, name, version == null ? "" : version, caps, provider);
    }

    /** {@code MISUSE_DETECTION} is {@code misuse-detection}, as in {@code @requires:misuse-detection}. */
    static String capabilityName(Capability c) {
        return c.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
