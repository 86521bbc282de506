package io.ddikit.result;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules the SPI documents for what an implementation says of itself, and a safe way to show what it said.
 *
 * <ul>
 *   <li>A <b>name</b> is 1 to {@value #MAX_LENGTH} characters, each an ASCII letter, digit, {@code .}, {@code _}
 *       or {@code -} (the pattern {@value #NAME_PATTERN}).</li>
 *   <li>A <b>version</b> is 1 to {@value #MAX_LENGTH} characters (code points), not all white space, and printable:
 *       no character of the Unicode categories Cc (controls: {@code U+0000}–{@code U+001F}, DEL, the C1 controls
 *       {@code U+0080}–{@code U+009F}; so no newline, tab or ESC), Cf (format characters, among them the bidi
 *       controls {@code U+202A}–{@code U+202E} and {@code U+2066}–{@code U+2069}), Zl and Zp (the line and
 *       paragraph separators {@code U+2028} and {@code U+2029}), and no unpaired surrogate.</li>
 * </ul>
 *
 * A problem is one line that names the offending value through {@link #printable(String, int)}, so that what an
 * untrusted implementation returned can be printed on a terminal or in a log without acting on it:
 *
 <pre>
 * nameProblem("reference")            -&gt; Optional.empty()
 * nameProblem("acme" + ESC + "[2J")   -&gt; its name "acme&#92;u001b[2J" has characters other than letters, digits, '.', '_' and '-'
 * versionProblem("1.0\nPASSED")       -&gt; its version "1.0&#92;u000aPASSED" has a control or format character (U+000A at index 3)
 * </pre>
 */
public final class ImplementationNames {
    /** The most characters a name or a version may have. */
    public static final int MAX_LENGTH = 64;
    /** What a name is made of. */
    public static final String NAME_PATTERN = "[A-Za-z0-9._-]+";
    /** How much of an offending value a problem shows (before escaping takes more room, cut to this). */
    static final int SHOWN = 80;

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    private ImplementationNames() {
    }

    /**
     * Why {@code name} is not a valid implementation name, or empty when it is.
     *
     * @return a one-line reason starting with "its name", empty for a valid name
     */
    public static Optional<String> nameProblem(String name) {
        if (name == null) {
            return Optional.of("it has no name (null)");
        }
        if (name.isBlank()) {
            return Optional.of("its name " + quoted(name) + " is blank");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("its name " + quoted(name) + " is " + name.length() + " characters long, more than " + MAX_LENGTH);
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("its name " + quoted(name) + " has characters other than letters, digits, '.', '_' and '-'");
        }
        return Optional.empty();
    }

    /**
     * Why {@code version} is not a valid implementation version, or empty when it is.
     *
     * @return a one-line reason starting with "its version", empty for a valid version
     */
    public static Optional<String> versionProblem(String version) {
        if (version == null) {
            return Optional.of("it has no version (null)");
        }
        if (version.isBlank()) {
            return Optional.of("its version " + quoted(version) + " is blank");
        }
        int length = version.codePointCount(0, version.length());
        if (length > MAX_LENGTH) {
            return Optional.of("its version " + quoted(version) + " is " + length + " characters long, more than " + MAX_LENGTH);
        }
        for (int i = 0; i < version.length(); ) {
            int cp = version.codePointAt(i);
            if (!printable(cp)) {
                String what = Character.isSurrogate((char) cp) ? "an unpaired surrogate" : "a control or format character";
                return Optional.of(String.format("its version %s has %s (U+%04X at index %d)", quoted(version), what, cp, i));
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    /**
     * {@code s} as printable ASCII: every character outside {@code ' '}–{@code '~'} (controls, DEL, anything not ASCII)
     * becomes <code>&#92;uXXXX</code> (four lowercase hex digits, one escape per UTF-16 char), and {@code \} and
     * {@code "} get a {@code \} before them, so the result is unambiguous, can be put between quotes and is safe on a
     * terminal. Longer than {@code max} characters, it is cut (never inside an escape) and ends with {@code ...}.
     *
     * <pre>
     * printable("acme" + ESC + "[2J", 80) -&gt; acme&#92;u001b[2J   (the six characters &#92; u 0 0 1 b, not ESC)
     * printable("say \"hi\"", 80)        -&gt; say &#92;"hi&#92;"
     * printable("a".repeat(100), 10)      -&gt; aaaaaaa...
     * printable(null, 80)                 -&gt; null
     * </pre>
     *
     * @param max the most characters of the result, at least 4
     */
    public static String printable(String s, int max) {
        if (max < 4) {
            throw new IllegalArgumentException("max must be at least 4, was " + max);
        }
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 8);
        int fits = -1; // the length of sb when it last had room for "..." after it
        for (int i = 0; i < s.length(); i++) {
            if (sb.length() <= max - 3) {
                fits = sb.length();
            }
            char c = s.charAt(i);
            if (c == '\\' || c == '"') {
                sb.append('\\').append(c);
            } else if (c >= ' ' && c <= '~') {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
            if (sb.length() > max) {
                sb.setLength(fits);
                return sb.append("...").toString();
            }
        }
        return sb.toString();
    }

    private static String quoted(String s) {
        return "\"" + printable(s, SHOWN) + "\"";
    }

    private static boolean printable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> false;
            default -> true;
        };
    }
}
