package io.ddikit.spi;

/**
 * Thrown by {@link Hal#bugCheck(BugCheck)} and by the simulated HAL on an illegal call. It stops the
 * processor's current call: implementations must not catch it.
 */
public final class BugCheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient BugCheck bugCheck;

    public BugCheckException(BugCheck bugCheck) {
        super(bugCheck.toString(), null, false, true);
        this.bugCheck = bugCheck;
    }

    public BugCheck bugCheck() {
        return bugCheck;
    }
}
