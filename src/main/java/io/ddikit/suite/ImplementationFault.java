package io.ddikit.suite;

/**
 * The implementation under test crashed (threw something it should not have) or hung (did not return
 * within its bound). Thrown by step definitions; graded as an error of the implementation rather than a
 * broken clause. The message says which call, on which processor, at which IRQL, with what held.
 */
public final class ImplementationFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImplementationFault(String message) {
        super(message);
    }

    public ImplementationFault(String message, Throwable cause) {
        super(message, cause);
    }
}
