package io.ddikit.doc;

import java.util.Objects;

/**
 * The stable identity of a clause, for example {@code NdisReleaseSpinLock.remarks.driver-must-initialize-spin-lock}.
 *
 * <p>An id is made of the page's API name, the section and a slug of the sentence's first
 * significant words (see {@code ClauseIdScheme}); it survives edits to the other sentences of the page.
 * It is usable as a Gherkin tag ({@code @clause:<id>}) and as an HTML anchor.
 */
public record ClauseId(String value) implements Comparable<ClauseId> {
    public ClauseId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a clause id: '" + value + "'");
        }
    }

    /** Whether {@code value} is a letter, digit or "_", then letters, digits, "_", "." and "-" (every clause of every page makes one). */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.charAt(0) == '.' || value.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(ClauseId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
