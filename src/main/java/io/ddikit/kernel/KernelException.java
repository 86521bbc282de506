package io.ddikit.kernel;

/**
 * The kit's own failure while driving the machine (a setup action that timed out, a closed machine,
 * a bad processor number): the harness broke or could not go on, not the implementation's verdict.
 */
public class KernelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KernelException(String message) {
        super(message);
    }

    public KernelException(String message, Throwable cause) {
        super(message, cause);
    }
}
