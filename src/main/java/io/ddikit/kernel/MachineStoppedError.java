package io.ddikit.kernel;

/**
 * Thrown out of a HAL call on a processor of a machine that is being closed, to unwind a call that is
 * stuck in a spin-wait loop. It is an {@link Error} so that an implementation's {@code catch (Exception)}
 * does not swallow it; implementations must let it through.
 */
public final class MachineStoppedError extends Error {
    private static final long serialVersionUID = 1L;

    MachineStoppedError(String message) {
        super(message, null, false, false);
    }
}
