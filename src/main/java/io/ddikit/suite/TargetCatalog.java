package io.ddikit.suite;

import java.util.List;

/**
 * How the implementations of one API are found: the binding of an API (its SPI, its steps) lists this
 * in {@code META-INF/services/io.ddikit.suite.TargetCatalog}, and the engine asks every catalog.
 */
public interface TargetCatalog {

    /** The API family this catalog serves, for messages: {@code NDIS spin lock}. */
    String api();

    /**
     * The service types (binary names) under which a vendor's jar names its providers in
     * {@code META-INF/services/}; the kit reads these files itself to check that every provider a jar names is
     * found and tested.
     */
    List<String> providerServices();

    /**
     * The implementations visible to the class loader. A provider that cannot be loaded is a
     * {@link TargetLoadException} naming it.
     */
    List<Target> discover(ClassLoader loader);

    /**
     * The deliberately faulty implementations the kit tests itself with ({@code ddikit selftest}), each with the
     * clauses it breaks; none by default.
     */
    default List<FaultyTarget> faults(ClassLoader loader) {
        return List.of();
    }

    /** A provider could not be loaded or instantiated. */
    final class TargetLoadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TargetLoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
