package io.ddikit.result;

import java.util.List;

/** What an implementation says of itself, and the API family (its id) it implements. */
public record ImplementationInfo(String family, String name, String version, List<String> capabilities) {
    public ImplementationInfo {
        family = family == null ? "" : family;
        capabilities = List.copyOf(capabilities);
    }
}
