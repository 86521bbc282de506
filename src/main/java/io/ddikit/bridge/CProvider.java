package io.ddikit.bridge;

/**
 * What every family's provider over a C library shares: the library its functions come from, and the name and
 * version the run gave it ({@code --name}, {@code --version}, or those derived from the file).
 */
public abstract class CProvider {
    protected final CLibrary library;
    private final String name;
    private final String version;

    protected CProvider(CLibrary library, String name, String version) {
        this.library = library;
        this.name = name;
        this.version = version;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }
}
