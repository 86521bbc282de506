package io.ddikit.sched;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Loads the classes of implementations under test with schedule points injected (see {@link NoiseInjector}),
 * and delegates every other class to its parent. Which classes are implementation classes is the caller's
 * choice; the kit's own classes and the SPI are always its parent's, so both sides share one SPI.
 */
public final class InstrumentingClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Predicate<String> instrumented;
    private static final NoiseInjector.ClassFields NONE = new NoiseInjector.ClassFields(null, Map.of());
    private final Map<String, NoiseInjector.ClassFields> classFields = new ConcurrentHashMap<>();

    /**
     * @param parent       where every class comes from, as bytes or as a class
     * @param instrumented which class names (binary names) are implementation classes to instrument
     */
    public InstrumentingClassLoader(ClassLoader parent, Predicate<String> instrumented) {
        super("ddikit-implementations", parent);
        this.instrumented = instrumented;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!instrumented.test(name) || name.startsWith("io.ddikit.sched.")) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = defineInstrumented(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    /** The access flags of a field of another class, read from its class file and its super classes' (-1: unknown). */
    private int flagsOf(String owner, String field) {
        String cls = owner;
        for (int depth = 0; cls != null && depth < 32; depth++) {
            NoiseInjector.ClassFields f = classFields.computeIfAbsent(cls, o -> {
                try (InputStream in = getParent().getResourceAsStream(o + ".class")) {
                    return in == null ? NONE : NoiseInjector.fields(in.readAllBytes());
                } catch (IOException | RuntimeException e) {
                    return NONE;
                }
            });
            Integer access = f.access().get(field);
            if (access != null) {
                return access;
            }
            cls = f.superName();
        }
        return -1;
    }

    private Class<?> defineInstrumented(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = getParent().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes;
            try {
                bytes = NoiseInjector.inject(in.readAllBytes(), this::flagsOf);
            } catch (NoiseInjector.ForbiddenCall e) {
                throw new ClassFormatError("implementation class " + name + " is refused: " + e.getMessage());
            } catch (RuntimeException e) {
                // A class the injector cannot read (a newer class file version, say) runs as it is.
                return super.loadClass(name, false);
            }
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
