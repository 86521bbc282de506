package io.ddikit.suite;

import java.util.List;
import java.util.Objects;

/**
 * An implementation under test, as the engine sees it: the {@link ApiFamily} it implements (its id), a name (unique
 * within the family), a version, the capabilities it declares (lower case, dashes: {@code misuse-detection}) and the
 * family's handle the steps use (its provider).
 */
public record Target(String family, String name, String version, List<String> capabilities, Object handle) {
    public Target {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        capabilities = List.copyOf(capabilities);
        Objects.requireNonNull(handle, "handle");
    }

    public boolean declares(String capability) {
        return capabilities.contains(capability);
    }

    /** The handle as the API's provider type; the steps of that API call this. */
    public <T> T handle(Class<T> type) {
        if (!type.isInstance(handle)) {
            throw new IllegalStateException("implementation '" + name + "' is a " + handle.getClass().getName()
                    + ", not a " + type.getName());
        }
        return type.cast(handle);
    }
}
