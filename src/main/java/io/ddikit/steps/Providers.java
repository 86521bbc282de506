package io.ddikit.steps;

import io.ddikit.spi.Capability;
import io.ddikit.spi.Provider;
import io.ddikit.suite.ApiFamily.TargetLoadException;
import io.ddikit.suite.FaultyTarget;
import io.ddikit.suite.Target;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * What every family's {@link io.ddikit.suite.ApiFamily} does the same way with its providers: find them with
 * {@link ServiceLoader}, describe each as a {@link Target} of the family, and read the family's fault catalogue.
 */
public final class Providers {
    private Providers() {
    }

    /** Every {@code service} provider {@code loader} sees, as targets of {@code family}. */
    public static <P extends Provider> List<Target> discover(String family, Class<P> service, ClassLoader loader) {
        List<Target> targets = new ArrayList<>();
        for (ServiceLoader.Provider<P> p : ServiceLoader.load(service, loader).stream().toList()) {
            P provider;
            try {
                provider = p.get();
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                throw new TargetLoadException(p.type().getName() + " cannot be instantiated: " + e.getMessage(), e);
            }
            targets.add(target(family, provider));
        }
        return targets;
    }

    /**
     * The faulty implementations of the catalogue class {@code catalogue} (static {@code all()}, {@code description(P)}
     * and {@code breaks(P)}), loaded through {@code loader} so that, like any implementation, they run with schedule
     * points; only SPI and JDK types cross that boundary. None when the class is not there.
     */
    public static <P extends Provider> List<FaultyTarget> faults(String family, String catalogue, Class<P> service,
                                                               ClassLoader loader) {
        try {
            Class<?> faults = Class.forName(catalogue, true, loader);
            Method description = faults.getMethod("description", service);
            Method breaks = faults.getMethod("breaks", service);
            List<FaultyTarget> list = new ArrayList<>();
            for (Object o : (List<?>) faults.getMethod("all").invoke(null)) {
                P p = service.cast(o);
                @SuppressWarnings("unchecked")
                List<String> broken = (List<String>) breaks.invoke(null, p);
                list.add(new FaultyTarget(target(family, p), (String) description.invoke(null, p), broken));
            }
            return list;
        } catch (ClassNotFoundException e) {
            return List.of();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new TargetLoadException("the fault catalogue " + catalogue + " cannot be read: " + e, e);
        }
    }

    /** The target for one provider of {@code family}: its name, version and capabilities as the engine sees them. */
    public static Target target(String family, Provider provider) {
        String name;
        String version;
        List<String> caps;
        try {
            name = provider.name();
            version = provider.version();
            caps = provider.capabilities().stream().map(Providers::capabilityName).sorted().toList();
        } catch (RuntimeException | LinkageError e) {
            Throwable copy = io.ddikit.kernel.Thrown.of(e);
            throw new TargetLoadException(provider.getClass().getName() + " cannot describe itself: " + copy, copy);
        }
        if (name == null || name.isBlank()) {
            throw new TargetLoadException(provider.getClass().getName() + " has no name", null);
        }
        return new Target(family, name, version == null ? "" : version, caps, provider);
    }

    /** {@code MISUSE_DETECTION} is {@code misuse-detection}, as in {@code @requires:misuse-detection}. */
    public static String capabilityName(Capability c) {
        return c.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
