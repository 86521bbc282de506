package io.ddikit.result;

import java.util.Locale;

/**
 * How much of what an implementation can make the kit store is kept: its messages, traces and names are cut at
 * these bounds, with a note of their original size, so that no implementation can make a result (or the report
 * built from it) arbitrarily large.
 */
public final class Bounds {
    /** Characters kept of a scenario's message. */
    public static final int MESSAGE = 8 * 1024;
    /** Characters kept of a scenario's trace excerpt. */
    public static final int TRACE = 32 * 1024;
    /** Characters kept of a name, a step's text or a location. */
    public static final int NAME = 1024;

    private Bounds() {
    }

    /**
     * {@code s} when it has at most {@code max} characters, otherwise its first characters and a note of its size:
     * {@code "…[cut by ddikit: 5,242,880 characters in all]"}. The result never exceeds {@code max} characters
     * by more than the note.
     */
    public static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + String.format(Locale.ROOT, "…[cut by ddikit: %,d characters in all]", s.length());
    }

    /**
     * {@code s} made safe to print on one line of a terminal or a log: control characters (C0, DEL, C1), line and
     * paragraph separators and bidirectional controls shown as a backslash, {@code u} and four hex digits, cut to {@code max} characters.
     */
    public static String printable(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 16);
        int i = 0;
        for (; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (i < s.length()) {
            b.append('…');
        }
        return b.toString();
    }
}
