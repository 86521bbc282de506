package io.ddikit.spi;

import java.util.Objects;

/**
 * A simulated bug check (a "blue screen"), as {@code KeBugCheckEx} would raise it.
 *
 * @param code      the bug check code, e.g. {@code 0xC4} for DRIVER_VERIFIER_DETECTED_VIOLATION,
 *                  {@code 0xF} for SPIN_LOCK_ALREADY_OWNED, {@code 0x10} for SPIN_LOCK_NOT_OWNED
 * @param parameter the first bug check parameter, which says which violation for {@code 0xC4}; 0 when unused
 * @param rule      the DDI compliance rule the violation breaks ({@code SpinLock}, {@code SpinlockRelease}, …),
 *                  or empty when none is known
 * @param message   one line in the page's words: what was called, where, and what was wrong
 */
public record BugCheck(int code, long parameter, String rule, String message) {
    public static final int IRQL_NOT_GREATER_OR_EQUAL = 0x9;
    public static final int IRQL_NOT_LESS_OR_EQUAL = 0xA;
    public static final int SPIN_LOCK_ALREADY_OWNED = 0xF;
    public static final int SPIN_LOCK_NOT_OWNED = 0x10;
    public static final int DRIVER_VERIFIER_DETECTED_VIOLATION = 0xC4;

    public BugCheck {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    /** {@code 0xC4} style hex code, as bug checks are usually written. */
    public String codeHex() {
        return String.format("0x%X", code);
    }

    @Override
    public String toString() {
        return "bug check " + codeHex() + (parameter != 0 ? String.format(" (0x%X)", parameter) : "")
                + (rule.isEmpty() ? "" : " [" + rule + "]") + ": " + message;
    }
}
