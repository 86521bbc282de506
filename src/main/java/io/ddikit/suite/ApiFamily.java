package io.ddikit.suite;

import java.util.List;

/**
 * An API family the kit tests, such as the NDIS spin locks or the kernel's executive spin locks: its pages, its
 * features, its step definitions, the service types its implementations are listed under, and its bundled and faulty
 * implementations. A family lists this in {@code META-INF/services/io.ddikit.suite.ApiFamily}; the engine finds every
 * family with {@link java.util.ServiceLoader} and knows nothing else of any.
 *
 * <p>Where a family's files are, by convention:
 * <ul>
 *   <li>its pages in the docs folder ({@code docs-source/}), laid out like the upstream reference
 *       ({@code ndis/nf-ndis-ndisacquirespinlock.md}), so that the pages' own relative links resolve: {@link #pages()}
 *       names them;</li>
 *   <li>its features in {@code features/<id>/};</li>
 *   <li>its step definitions (and this class) in {@code steps/<id>/}, in the packages {@link #glue()} names.</li>
 * </ul>
 */
public interface ApiFamily {

    /**
     * The family's id: lowercase {@code [a-z0-9]} words joined by single {@code -} ({@code ndis-spin-lock}); the name
     * of its folders in {@code features/} and {@code steps/}, of its folder in a report, and what {@code --family}
     * takes.
     */
    String id();

    /** What the family is called in reports and messages: {@code NDIS spin locks}. */
    String title();

    /**
     * The pages the family owns, as paths relative to the docs folder with forward slashes
     * ({@code ndis/nf-ndis-ndisreleasespinlock.md}). A page read from anywhere belongs to the family when its file name
     * is one of these pages' (upstream file names are unique across the reference).
     */
    List<String> pages();

    /** The packages of the family's step definitions (Cucumber glue), such as {@code io.ddikit.steps.ndis}. */
    List<String> glue();

    /**
     * The service types (binary names) under which a vendor's jar names its providers in {@code META-INF/services/};
     * the kit reads these files itself to check that every provider a jar names is found and tested.
     */
    List<String> providerServices();

    /**
     * Prefixes of the class names of the implementations that come with the family (bundled and faulty): loaded, like
     * a vendor's classes, with schedule points injected. Such as {@code io.ddikit.impls.ndis.}.
     */
    List<String> implementationPackages();

    /**
     * The family's implementations visible to the class loader, each made a {@link Target} of this family. A provider
     * that cannot be loaded is a {@link TargetLoadException} naming it.
     */
    List<Target> discover(ClassLoader loader);

    /**
     * The deliberately faulty implementations the kit tests itself with ({@code ddikit selftest}), each with the
     * clauses it breaks, loaded through {@code loader} (so with schedule points); none by default.
     */
    default List<FaultyTarget> faults(ClassLoader loader) {
        return List.of();
    }

    /**
     * The functions a C library must export to implement this family, each as the names any one of which will do
     * ({@code [KeAcquireSpinLock, KeAcquireSpinLockRaiseToDpc, KfAcquireSpinLock]}); empty (the default) when the family
     * takes no C implementation. A library that exports some of them but not all is told which are missing.
     */
    default List<List<String>> nativeExports() {
        return List.of();
    }

    /**
     * The family's implementation in a C library that exports every function {@link #nativeExports} names, as a
     * {@link Target} named {@code name} at {@code version}. {@code library} is the library as the worker's bridge
     * loaded it (an {@code io.ddikit.bridge.CLibrary}, which the engine hands on without knowing it).
     */
    default Target nativeTarget(Object library, String name, String version) {
        throw new UnsupportedOperationException(id() + " takes no C implementation");
    }

    /** A provider could not be loaded or instantiated. */
    final class TargetLoadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TargetLoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
