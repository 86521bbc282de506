package io.ddikit.result;

import java.util.List;

/** What an implementation says of itself. */
public record ImplementationInfo(String name, String version, List<String> capabilities) {
    public ImplementationInfo {
        capabilities = List.copyOf(capabilities);
    }
}
