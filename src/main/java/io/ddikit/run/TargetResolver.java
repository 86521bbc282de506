package io.ddikit.run;

import io.ddikit.sched.InstrumentingClassLoader;
import io.ddikit.suite.Target;

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
    private final Families families;
    /** The C library whose implementations this resolver finds (the bridge's), or null for Java implementations. */
    private final io.ddikit.bridge.CLibrary library;
    private final String nativeName;
    private final String nativeVersion;

    private TargetResolver(ClassLoader loader, URLClassLoader vendor, Families families) {
        this(loader, vendor, families, null, null, null);
    }

    private TargetResolver(ClassLoader loader, URLClassLoader vendor, Families families, io.ddikit.bridge.CLibrary library,
                           String nativeName, String nativeVersion) {
        this.loader = loader;
        this.vendor = vendor;
        this.families = families;
        this.library = library;
        this.nativeName = nativeName;
        this.nativeVersion = nativeVersion;
    }

    /**
     * A resolver over the C library {@code file}, loaded here (in the worker: a library's code runs sandboxed only), whose
     * implementations are named {@code name} at {@code version}, one in each family whose functions it exports. What it
     * cannot load is a {@link RunInputException} naming it; {@code notesDir} gets the notes of its calls.
     */
    public static TargetResolver overNative(Path file, String name, String version, Path notesDir) throws RunInputException {
        io.ddikit.bridge.CLibrary lib;
        try {
            lib = io.ddikit.bridge.CLibrary.load(file, notesDir == null ? null : io.ddikit.nativelib.CallNotes.create(notesDir));
        } catch (io.ddikit.bridge.CLibrary.LoadFailure e) {
            throw new RunInputException(e.getMessage());
        } catch (IOException e) {
            throw new RunInputException("cannot write the notes of C calls in " + notesDir + ": " + e.getMessage(), e);
        }
        ClassLoader kit = TargetResolver.class.getClassLoader();
        Families families = Families.load(kit);
        List<String> bundled = families.implementationPackages();
        return new TargetResolver(new InstrumentingClassLoader(kit, n -> bundled.stream().anyMatch(n::startsWith)), null,
                families, lib, name, version);
    }

    /**
     * How far a C library's exports cover one family's functions.
     *
     * @param family  the family
     * @param missing the names it lacks (for a requirement with alternatives, the alternatives joined with {@code " or "})
     * @param some    whether it exports any of the family's functions
     */
    public record NativeCoverage(io.ddikit.suite.ApiFamily family, List<String> missing, boolean some) {
        /** Every function of the family is there. */
        public boolean complete() {
            return missing.isEmpty();
        }
    }

    /** For every family that takes C implementations, what of it {@code exports} covers. */
    public static List<NativeCoverage> nativeCoverage(io.ddikit.nativelib.ElfExports exports, Families families) {
        List<NativeCoverage> all = new ArrayList<>();
        for (io.ddikit.suite.ApiFamily f : families.all()) {
            List<List<String>> needed = f.nativeExports();
            if (needed.isEmpty()) {
                continue;
            }
            List<String> missing = new ArrayList<>();
            boolean some = false;
            for (List<String> alternatives : needed) {
                boolean found = alternatives.stream().anyMatch(exports.functions()::contains);
                some |= found;
                if (!found) {
                    missing.add(String.join(" or ", alternatives));
                }
            }
            all.add(new NativeCoverage(f, List.copyOf(missing), some));
        }
        return all;
    }

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
        Families families = Families.load(kit);
        List<String> bundled = families.implementationPackages();
        Predicate<String> implementation = name -> bundled.stream().anyMatch(name::startsWith)
                || vendor != null && vendor.findResource(name.replace('.', '/') + ".class") != null;
        return new TargetResolver(new InstrumentingClassLoader(vendor == null ? kit : vendor, implementation), vendor, families);
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

    /** The service types whose providers are implementations, as every family on the kit's class path says. */
    public static List<String> providerServices() {
        return Families.kit().providerServices();
    }

    /** The families this resolver finds implementations of. */
    public Families families() {
        return families;
    }

    /** Whether {@code t} is one of the implementations that come with a family (bundled or faulty), not a vendor's. */
    public boolean bundled(Target t) {
        String type = t.handle().getClass().getName();
        return families.implementationPackages().stream().anyMatch(type::startsWith);
    }

    public ClassLoader classLoader() {
        return loader;
    }

    /**
     * Every implementation found, by {@link #key} ({@code family/name}), in discovery order. Two with one name in one
     * family is an error.
     */
    public Map<String, Target> discover() throws RunInputException {
        Map<String, Target> byKey = new LinkedHashMap<>();
        for (Target t : discoverAll()) {
            Target old = byKey.putIfAbsent(key(t.family(), t.name()), t);
            if (old != null) {
                throw new RunInputException("two implementations of " + t.family() + " are named '" + t.name() + "': "
                        + old.handle().getClass().getName() + " and " + t.handle().getClass().getName());
            }
        }
        return byKey;
    }

    /** How an implementation is known across families: {@code ndis-spin-lock/reference}. */
    public static String key(String family, String name) {
        return family + "/" + name;
    }

    /** Every implementation of every family found, in discovery order, names not checked. */
    public List<Target> discoverAll() throws RunInputException {
        List<Target> all = new ArrayList<>();
        for (io.ddikit.suite.ApiFamily f : families.all()) {
            all.addAll(discover(f));
        }
        return all;
    }

    /** Every implementation of {@code family} found, in discovery order, names not checked. */
    public List<Target> discover(io.ddikit.suite.ApiFamily family) throws RunInputException {
        if (library != null) {
            boolean complete = nativeCoverage(library.exports(), families).stream()
                    .anyMatch(c -> c.family().id().equals(family.id()) && c.complete());
            return complete ? List.of(family.nativeTarget(library, nativeName, nativeVersion)) : List.of();
        }
        try {
            return family.discover(loader);
        } catch (ServiceConfigurationError | io.ddikit.suite.ApiFamily.TargetLoadException e) {
            throw new RunInputException("cannot load an implementation of " + family.title() + ": " + e.getMessage(), e);
        }
    }

    /** Whether the target's classes come from the jars or folders given, rather than with the kit. */
    public boolean fromClasspath(Target t) {
        return vendor != null && vendor.findResource(t.handle().getClass().getName().replace('.', '/') + ".class") != null;
    }

    /** The faulty implementations every family offers for the kit's self-test. */
    public List<io.ddikit.suite.FaultyTarget> faults() throws RunInputException {
        if (library != null) {
            return List.of();
        }
        List<io.ddikit.suite.FaultyTarget> faults = new ArrayList<>();
        for (io.ddikit.suite.ApiFamily f : families.all()) {
            try {
                faults.addAll(f.faults(loader));
            } catch (ServiceConfigurationError | io.ddikit.suite.ApiFamily.TargetLoadException e) {
                throw new RunInputException("cannot load the faulty implementations of " + f.title() + ": " + e.getMessage(), e);
            }
        }
        return faults;
    }

    /** The implementation {@code name} of {@code family}. */
    public Target select(String family, String name) throws RunInputException {
        Map<String, Target> all = discover();
        Target t = all.get(key(family, name));
        if (t == null) {
            throw new RunInputException("no implementation of " + family + " named '" + name + "'; known: "
                    + String.join(", ", all.keySet()));
        }
        return t;
    }
}
