package io.ddikit.isolate.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Starts a worker with the kit strongly encapsulated: every class of the kit's class path (the kit and the
 * libraries it runs the suite with: Cucumber, AssertJ, Jackson, ASM) is defined in one named module,
 * {@value #MODULE}, in a module layer of its own, that opens no package and exports only the SPI and the
 * schedule points that instrumented implementation classes call. The implementation's classes are loaded later,
 * by the kit, in class loaders of their own (unnamed modules): {@code setAccessible} on anything of the kit
 * from there fails with {@code InaccessibleObjectException}, so the implementation cannot reach the kit's
 * channel, its results or its checks by reflection.
 *
 * <p>This class is the only one the worker's JVM loads from its class path (the kit copies it into a folder of
 * its own); it keeps nothing once the worker's main method is called. It uses the JDK only.
 *
 * <p>Arguments: the kit's class path (entries joined by the path separator), the worker's main class, then the
 * worker's own arguments.
 */
public final class WorkerBoot {
    /** The name of the kit's module in a worker. */
    public static final String MODULE = "io.ddikit.worker";
    /**
     * Packages the implementation's classes may use, each with its subpackages: the SPI (its common types and one
     * package per API family), and the schedule points injected into them.
     */
    private static final List<String> EXPORTED = List.of("io.ddikit.spi", "io.ddikit.sched.points");
    private static final String SERVICES = "META-INF/services/";
    private static volatile boolean started;

    private WorkerBoot() {
    }

    /**
     * Cucumber's step annotations (io.cucumber.java and its language packages): exported because the JDK makes
     * the proxies of annotations in a package of their own, which Cucumber must reach to read a step's text.
     * They hold annotations and Cucumber's public step API, nothing of the kit's.
     */
    private static boolean isStepAnnotations(String pkg) {
        return pkg.equals("io.cucumber.java") || pkg.startsWith("io.cucumber.java.");
    }

    private static boolean isExported(String pkg) {
        return EXPORTED.stream().anyMatch(e -> pkg.equals(e) || pkg.startsWith(e + "."));
    }

    public static void main(String[] args) throws Throwable {
        if (started || args.length < 2) {
            throw new IllegalStateException("WorkerBoot starts one worker: <kit class path> <main class> <arguments>");
        }
        started = true;
        List<Path> roots = Arrays.stream(args[0].split(java.io.File.pathSeparator)).filter(s -> !s.isBlank())
                .map(Path::of).toList();
        Contents contents = Contents.of(roots);
        ModuleDescriptor.Builder b = ModuleDescriptor.newModule(MODULE).packages(contents.packages);
        for (Module m : ModuleLayer.boot().modules()) {
            if (!m.getName().equals("java.base")) {
                b.requires(m.getName());
            }
        }
        for (String p : contents.packages) {
            if (isExported(p) || isStepAnnotations(p)) {
                b.exports(p);
            }
        }
        // Any class of the module may be the type of a ServiceLoader lookup (Cucumber's, Jackson's, the kit's), with or
        // without a provider; a named module must declare each, and a declaration that is never used costs nothing.
        contents.classes.forEach(b::uses);
        for (Map.Entry<String, List<String>> s : contents.services.entrySet()) {
            if (!contents.classes.contains(s.getKey())) {
                b.uses(s.getKey());
            }
            // A service of an exported package is one implementations provide: its providers are found the class path's
            // way, through the loader the kit gives (which loads implementation classes with schedule points).
            boolean implementationService = EXPORTED.stream().anyMatch(p -> s.getKey().startsWith(p + "."));
            if (!s.getValue().isEmpty() && !implementationService) {
                b.provides(s.getKey(), s.getValue());
            }
        }
        ModuleDescriptor descriptor = b.build();
        ModuleReference reference = new ModuleReference(descriptor, roots.isEmpty() ? null : roots.get(0).toUri()) {
            @Override
            public ModuleReader open() {
                return new ClassPathReader(roots);
            }
        };
        ModuleFinder finder = new ModuleFinder() {
            @Override
            public Optional<ModuleReference> find(String name) {
                return name.equals(MODULE) ? Optional.of(reference) : Optional.empty();
            }

            @Override
            public Set<ModuleReference> findAll() {
                return Set.of(reference);
            }
        };
        Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of(MODULE));
        ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(cf, List.of(ModuleLayer.boot()),
                ClassLoader.getPlatformClassLoader());
        Module kit = controller.layer().findModule(MODULE).orElseThrow();
        ClassLoader loader = kit.getClassLoader();
        Class<?> main = Class.forName(args[1], true, loader);
        // the one package this class must reach, and only this class's module: the worker's main class
        controller.addExports(kit, main.getPackageName(), WorkerBoot.class.getModule());
        Method m = main.getMethod("main", String[].class);
        Thread.currentThread().setContextClassLoader(loader);
        try {
            m.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** What the class path holds: its packages (with classes) and its services files. */
    private static final class Contents {
        final Set<String> packages = new TreeSet<>();
        final Map<String, List<String>> services = new LinkedHashMap<>();
        final Set<String> classes = new LinkedHashSet<>();
        private final Map<String, Set<String>> named = new LinkedHashMap<>();

        static Contents of(List<Path> roots) throws IOException {
            Contents c = new Contents();
            for (Path root : roots) {
                if (Files.isDirectory(root)) {
                    try (Stream<Path> s = Files.walk(root)) {
                        for (Path f : s.filter(Files::isRegularFile).toList()) {
                            c.entry(root.relativize(f).toString().replace('\\', '/'), () -> Files.newInputStream(f));
                        }
                    }
                } else if (Files.isRegularFile(root)) {
                    try (JarFile jar = new JarFile(root.toFile())) {
                        Enumeration<? extends ZipEntry> e = jar.entries();
                        while (e.hasMoreElements()) {
                            ZipEntry z = e.nextElement();
                            if (!z.isDirectory()) {
                                c.entry(z.getName(), () -> jar.getInputStream(z));
                            }
                        }
                    }
                }
            }
            for (Map.Entry<String, Set<String>> s : c.named.entrySet()) {
                // a provider must be a class of the module; a services file naming another is ignored as the JDK would
                c.services.put(s.getKey(), s.getValue().stream().filter(c.classes::contains).toList());
            }
            return c;
        }

        private interface Opener {
            InputStream open() throws IOException;
        }

        private void entry(String name, Opener opener) throws IOException {
            if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
                int slash = name.lastIndexOf('/');
                if (slash > 0) {
                    String pkg = name.substring(0, slash).replace('/', '.');
                    if (!pkg.equals(WorkerBoot.class.getPackageName()) && isJavaName(pkg)) {
                        packages.add(pkg);
                        String cls = name.substring(0, name.length() - 6).replace('/', '.');
                        if (isJavaName(cls)) {
                            classes.add(cls);
                        }
                    }
                }
            } else if (name.startsWith(SERVICES) && name.indexOf('/', SERVICES.length()) < 0 && name.length() > SERVICES.length()) {
                String service = name.substring(SERVICES.length());
                if (!isJavaName(service)) {
                    return;
                }
                Set<String> providers = named.computeIfAbsent(service, k -> new LinkedHashSet<>());
                try (InputStream in = opener.open()) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                        int hash = line.indexOf('#');
                        String p = (hash < 0 ? line : line.substring(0, hash)).strip();
                        if (!p.isEmpty() && isJavaName(p)) {
                            providers.add(p);
                        }
                    }
                }
            }
        }

        private static boolean isJavaName(String dotted) {
            for (String part : dotted.split("\\.", -1)) {
                if (part.isEmpty() || !Character.isJavaIdentifierStart(part.codePointAt(0))
                        || !part.codePoints().allMatch(Character::isJavaIdentifierPart)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Reads the module's contents from the class path's folders and jars, the first that has an entry winning. */
    private static final class ClassPathReader implements ModuleReader {
        private final List<Path> roots;
        private final List<JarFile> jars = new ArrayList<>();

        ClassPathReader(List<Path> roots) {
            this.roots = roots;
            for (Path r : roots) {
                if (Files.isRegularFile(r)) {
                    try {
                        jars.add(new JarFile(r.toFile()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(r + ": not a jar", e);
                    }
                } else {
                    jars.add(null);
                }
            }
        }

        @Override
        public Optional<URI> find(String name) throws IOException {
            for (int i = 0; i < roots.size(); i++) {
                Path root = roots.get(i);
                JarFile jar = jars.get(i);
                if (jar == null) {
                    Path f = root.resolve(name);
                    if (Files.exists(f) && f.normalize().startsWith(root.normalize())) {
                        return Optional.of(f.toUri());
                    }
                } else {
                    ZipEntry e = jar.getEntry(name);
                    if (e != null) {
                        String entry = e.getName();
                        return Optional.of(URI.create("jar:" + root.toUri() + "!/" + entry));
                    }
                }
            }
            return Optional.empty();
        }

        @Override
        public Optional<InputStream> open(String name) throws IOException {
            for (int i = 0; i < roots.size(); i++) {
                JarFile jar = jars.get(i);
                if (jar == null) {
                    Path f = roots.get(i).resolve(name);
                    if (Files.isRegularFile(f) && f.normalize().startsWith(roots.get(i).normalize())) {
                        return Optional.of(Files.newInputStream(f));
                    }
                } else {
                    ZipEntry e = jar.getEntry(name);
                    if (e != null && !e.isDirectory()) {
                        return Optional.of(jar.getInputStream(e));
                    }
                }
            }
            return Optional.empty();
        }

        @Override
        public Stream<String> list() {
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < roots.size(); i++) {
                JarFile jar = jars.get(i);
                Path root = roots.get(i);
                if (jar == null) {
                    try (Stream<Path> s = Files.walk(root)) {
                        s.forEach(p -> names.add(root.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : "")));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                } else {
                    jar.stream().forEach(e -> names.add(e.getName()));
                }
            }
            return names.stream();
        }

        @Override
        public void close() throws IOException {
            for (JarFile j : jars) {
                if (j != null) {
                    j.close();
                }
            }
        }
    }
}
