package io.ddikit.doc.read;

import java.util.regex.Pattern;

/**
 * What counts as an API name. A marked name (bold, link text, code span) counts when it is one
 * CamelCase identifier ({@code NdisAcquireSpinLock}, {@code MiniportInterrupt}); a bare word of the
 * text counts only when it also starts with a known prefix ({@code Ndis}, {@code Ke}, {@code Ex}, …).
 * Wildcards ({@code Ndis..SpinLock}, {@code NdisXxxSpinLock}) and phrases with spaces never count.
 */
final class ApiNames {
    static final Pattern CAMEL = Pattern.compile("_?[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+|[A-Z]{2,}[a-z][A-Za-z0-9]*[a-z][A-Za-z0-9]*");
    static final Pattern PREFIXED = Pattern.compile(
            "(?:Ndis|NdisM|Ke|Ex|Io|Wdf|Mm|Rtl|Zw|Nt|Kd|Ob|Ps|Hal|FsRtl|Po|Se|Cm|Miniport|Protocol|Filter|Wsk|Flt|Etw|Wmi)[A-Z][A-Za-z0-9]*");

    private ApiNames() {
    }

    /** A letter, digit or "_": what a name is made of. */
    static boolean isWordChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
    }

    static boolean isMarkedName(String s) {
        return startsAsName(s, true) && CAMEL.matcher(s).matches() && !s.contains("Xxx");
    }

    static boolean isBareName(String s) {
        return startsAsName(s, false) && PREFIXED.matcher(s).matches() && !s.contains("Xxx");
    }

    /** Whether {@code s} starts as the patterns need: an uppercase letter (or, when {@code underscore}, "_"). */
    private static boolean startsAsName(String s, boolean underscore) {
        if (s.length() < 2) {
            return false;
        }
        char c = s.charAt(0);
        return c >= 'A' && c <= 'Z' || underscore && c == '_';
    }
}
