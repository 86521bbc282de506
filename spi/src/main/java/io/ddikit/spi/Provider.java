package io.ddikit.spi;

import java.util.Set;

/**
 * What every family's provider says of itself: the entry point of an implementation, found with
 * {@link java.util.ServiceLoader} under its family's provider interface ({@link io.ddikit.spi.ndis.NdisSpinLockProvider},
 * {@link io.ddikit.spi.ke.KeSpinLockProvider}, {@link io.ddikit.spi.ndisrw.NdisRwLockProvider}), which extends this one.
 */
public interface Provider {

    /**
     * A short name, unique among the implementations of its family on the class path: 1 to 64 characters, each an
     * ASCII letter, digit, {@code .}, {@code _} or {@code -} (the pattern {@code [A-Za-z0-9._-]{1,64}}), such as
     * {@code acme-2.0}. A name that breaks this rule (null, blank, another character, longer than 64) makes the
     * implementation's run an error of the implementation, with a line that says why; it is not run.
     */
    String name();

    /**
     * The implementation's version, shown in reports: 1 to 64 characters (Unicode code points), not all white space,
     * and printable: no control character (Unicode category Cc, so no newline, tab, ESC, DEL or C1 control), no format
     * character (Cf, so none of the bidi controls U+202A to U+202E and U+2066 to U+2069), no line or paragraph
     * separator (U+2028, U+2029) and no unpaired surrogate. Any other character, letters of any script included, is
     * allowed. A version that breaks this rule makes the implementation's run an error of the implementation, with a
     * line that says why; it is not run.
     */
    String version();

    /** What the implementation declares beyond the pages' contract; empty by default. */
    default Set<Capability> capabilities() {
        return Set.of();
    }
}
