package io.ddikit.cli;

/** Folder names for implementations' results: safe on any file system whatever the vendor named it. */
final class ReportFolders {
    private ReportFolders() {
    }

    static String slug(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.isEmpty() || !s.equals(name)) {
            s = (s.isEmpty() ? "impl" : s) + "-" + Integer.toHexString(name.hashCode() & 0xfffff);
        }
        return s;
    }
}
