package io.ddikit.run;

/** Bad input to a run (a jar that is not a jar, an unknown or duplicate implementation name): one line for the user. */
public final class RunInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public RunInputException(String message) {
        super(message);
    }

    public RunInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
