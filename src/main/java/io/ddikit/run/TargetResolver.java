package io.ddikit.run;

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
import java.util.zip.ZipFile;

/** Finds the implementations on the kit's class path and in the jars a vendor names, and picks them by name. */
public final class TargetResolver {
    private final ClassLoader loader;

    private TargetResolver(ClassLoader loader) {
        this.loader = loader;
    }

    /** A resolver over the kit's own class path plus the given jars or class folders. */
    public static TargetResolver over(List<Path> classpath) throws RunInputException {
        List<URL> urls = new ArrayList<>();
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
            }
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new RunInputException(p + ": cannot be used as a class path entry", e);
            }
        }
        ClassLoader parent = TargetResolver.class.getClassLoader();
        return new TargetResolver(urls.isEmpty() ? parent : new URLClassLoader(urls.toArray(URL[]::new), parent));
    }

    public ClassLoader classLoader() {
        return loader;
    }

    /** Every implementation found, by name, in discovery order. Two with one name is an error. */
    public Map<String, Target> discover() throws RunInputException {
        Map<String, Target> byName = new LinkedHashMap<>();
        try {
            for (TargetCatalog catalog : ServiceLoader.load(TargetCatalog.class, loader)) {
                for (Target t : catalog.discover(loader)) {
                    Target old = byName.putIfAbsent(t.name(), t);
                    if (old != null) {
                        throw new RunInputException("two implementations are named '" + t.name() + "': "
                                + old.handle().getClass().getName() + " and " + t.handle().getClass().getName());
                    }
                }
            }
        } catch (ServiceConfigurationError | TargetCatalog.TargetLoadException e) {
            throw new RunInputException("cannot load an implementation: " + e.getMessage(), e);
        }
        return byName;
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
