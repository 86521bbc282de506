package io.ddikit.result;

import java.util.Optional;
import java.util.regex.Pattern;

/** The names and versions the SPI allows (interim: replaced by the full rules). */
public final class ImplementationNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private ImplementationNames() {
    }

    public static Optional<String> nameProblem(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.of("its name \"" + Bounds.printable(name, 80) + "\" is not 1 to 64 letters, digits, '.', '_' and '-'");
        }
        return Optional.empty();
    }

    public static Optional<String> versionProblem(String version) {
        if (version == null || version.isBlank() || version.length() > 64 || !Bounds.printable(version, 64).equals(version)) {
            return Optional.of("its version \"" + Bounds.printable(version, 80) + "\" is not 1 to 64 printable characters");
        }
        return Optional.empty();
    }
}
