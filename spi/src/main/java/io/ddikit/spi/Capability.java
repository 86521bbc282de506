package io.ddikit.spi;

/**
 * What an implementation declares beyond the page's contract. Scenarios that need a capability the
 * implementation does not declare are reported as not applicable, never as passed.
 */
public enum Capability {
    /**
     * Caller misuse (release without acquire, recursive acquire, a Dpr acquire paired with a non-Dpr
     * release, use before allocate or after free, a call at the wrong IRQL) is detected and reported
     * through {@link Hal#bugCheck(BugCheck)} naming the DDI compliance rule, as Driver Verifier does.
     */
    MISUSE_DETECTION
}
