package io.ddikit.run;

import io.ddikit.sched.InstrumentingClassLoader;
import io.ddikit.suite.Target;
import io.ddikit.suite.TargetCatalog;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import java.util.zip.ZipFile;

/** Finds the implementations on the kit's class path and in the jars a vendor names, and picks them by name. */
public final class TargetResolver {
    private final ClassLoader loader;
    private final URLClassLoader vendor;

    private TargetResolver(ClassLoader loader, URLClassLoader vendor) {
        this.loader = loader;
        this.vendor = vendor;
    }

    /**
     * Packages of the implementations that come with the kit (the bundled ones, and the faulty ones its own
     * tests use): loaded, like a vendor's classes, with schedule points injected.
     */
    public static final List<String> BUNDLED_IMPLEMENTATION_PACKAGES = List.of("io.ddikit.impls.", "io.ddikit.faults.");

    /**
     * A resolver over the kit's own class path plus the given jars or class folders. Implementation classes
     * (those of the given jars and of the bundled implementation packages) are loaded through an
     * {@link InstrumentingClassLoader}, so that the suite can add schedule noise to them.
     */
    public static TargetResolver over(List<Path> classpath) throws RunInputException {
        check(classpath);
        List<URL> urls = new ArrayList<>();
        for (Path p : classpath) {
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new RunInputException(p + ": cannot be used as a class path entry", e);
            }
        }
        ClassLoader kit = TargetResolver.class.getClassLoader();
        URLClassLoader vendor = urls.isEmpty() ? null : new URLClassLoader(urls.toArray(URL[]::new), kit);
        Predicate<String> implementation = name -> BUNDLED_IMPLEMENTATION_PACKAGES.stream().anyMatch(name::startsWith)
                || vendor != null && vendor.findResource(name.replace('.', '/') + ".class") != null;
        return new TargetResolver(new InstrumentingClassLoader(vendor == null ? kit : vendor, implementation), vendor);
    }

    /** Checks that each entry is a folder or a readable jar: a one-line {@link RunInputException} naming it otherwise. */
    public static void check(List<Path> classpath) throws RunInputException {
        for (Path p : classpath) {
            if (!Files.exists(p)) {
                throw new RunInputException(p + ": no such jar or folder");
            }
            if (Files.isRegularFile(p)) {
                try (ZipFile zip = new ZipFile(p.toFile())) {
                    zip.size();
                } catch (IOException e) {
                    throw new RunInputException(p + ": not a jar (" + e.getMessage() + ")");
                }
            } else if (!Files.isDirectory(p)) {
                throw new RunInputException(p + ": neither a jar nor a folder");
            }
        }
    }

    /**
     * The provider classes that {@code entry} (a jar or a class folder) names in its services files for
     * {@code service}, read as text: nothing of the entry is loaded.
     */
    public static List<String> providersNamed(Path entry, String service) throws IOException {
        String name = "META-INF/services/" + service;
        String text;
        if (Files.isDirectory(entry)) {
            Path f = entry.resolve(name);
            if (!Files.isRegularFile(f)) {
                return List.of();
            }
            text = Files.readString(f, java.nio.charset.StandardCharsets.UTF_8);
        } else {
            try (ZipFile zip = new ZipFile(entry.toFile())) {
                java.util.zip.ZipEntry e = zip.getEntry(name);
                if (e == null) {
                    return List.of();
                }
                try (java.io.InputStream in = zip.getInputStream(e)) {
                    text = new String(in.readNBytes(1 << 20), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        List<String> providers = new ArrayList<>();
        for (String line : text.split("\\R")) {
            int hash = line.indexOf('#');
            String p = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (!p.isEmpty() && !providers.contains(p)) {
                providers.add(p);
            }
        }
        return providers;
    }

    /** The service types whose providers are implementations, as every catalog on the kit's class path says. */
    public static List<String> providerServices() {
        List<String> services = new ArrayList<>();
        for (TargetCatalog c : ServiceLoader.load(TargetCatalog.class, TargetResolver.class.getClassLoader())) {
            c.providerServices().stream().filter(s -> !services.contains(s)).forEach(services::add);
        }
        return services;
    }

    public ClassLoader classLoader() {
        return loader;
    }

    /** Every implementation found, by name, in discovery order. Two with one name is an error. */
    public Map<String, Target> discover() throws RunInputException {
        Map<String, Target> byName = new LinkedHashMap<>();
        for (Target t : discoverAll()) {
            Target old = byName.putIfAbsent(t.name(), t);
            if (old != null) {
                throw new RunInputException("two implementations are named '" + t.name() + "': "
                        + old.handle().getClass().getName() + " and " + t.handle().getClass().getName());
            }
        }
        return byName;
    }

    /** Every implementation found, in discovery order, names not checked. */
    public List<Target> discoverAll() throws RunInputException {
        List<Target> all = new ArrayList<>();
        try {
            for (TargetCatalog catalog : ServiceLoader.load(TargetCatalog.class, loader)) {
                all.addAll(catalog.discover(loader));
            }
        } catch (ServiceConfigurationError | TargetCatalog.TargetLoadException e) {
            throw new RunInputException("cannot load an implementation: " + e.getMessage(), e);
        }
        return all;
    }

    /** Whether the target's classes come from the jars or folders given, rather than with the kit. */
    public boolean fromClasspath(Target t) {
        return vendor != null && vendor.findResource(t.handle().getClass().getName().replace('.', '/') + ".class") != null;
    }

    /** The faulty implementations every catalog offers for the kit's self-test. */
    public List<io.ddikit.suite.FaultyTarget> faults() throws RunInputException {
        List<io.ddikit.suite.FaultyTarget> faults = new ArrayList<>();
        try {
            for (TargetCatalog catalog : ServiceLoader.load(TargetCatalog.class, loader)) {
                faults.addAll(catalog.faults(loader));
            }
        } catch (ServiceConfigurationError | TargetCatalog.TargetLoadException e) {
            throw new RunInputException("cannot load the faulty implementations: " + e.getMessage(), e);
        }
        return faults;
    }

    /** The named implementations, in the order given. */
    public List<Target> select(List<String> names) throws RunInputException {
        Map<String, Target> all = discover();
        if (all.isEmpty()) {
            throw new RunInputException("no implementation found on the class path");
        }
        List<Target> chosen = new ArrayList<>();
        for (String name : names) {
            Target t = all.get(name);
            if (t == null) {
                throw new RunInputException("no implementation named '" + name + "'; known: " + String.join(", ", all.keySet()));
            }
            chosen.add(t);
        }
        return chosen;
    }
}
