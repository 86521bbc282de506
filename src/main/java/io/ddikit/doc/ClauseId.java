package io.ddikit.doc;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stable identity of a clause, for example {@code NdisReleaseSpinLock.remarks.driver-must-initialize-spin-lock}.
 *
 * <p>An id is made of the page's API name, the section and a slug of the sentence's first
 * significant words (see {@code ClauseIdScheme}); it survives edits to the other sentences of the page.
 * It is usable as a Gherkin tag ({@code @clause:<id>}) and as an HTML anchor.
 */
public record ClauseId(String value) implements Comparable<ClauseId> {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

    public ClauseId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a clause id: '" + value + "'");
        }
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
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
