package io.ddikit.result;

/** The kit's version, as recorded in every run and report: the jar manifest's, or "development" when run from classes. */
public final class KitVersion {
    private KitVersion() {
    }

    public static String current() {
        String v = KitVersion.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
