package io.ddikit.result;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

class ImplementationNamesTest {
    private static final String ESC = "\u001b";

    // ------------------------------------------------------------------ names

    @Test
    void names_of_letters_digits_dots_underscores_and_dashes_up_to_64_are_valid() {
        for (String name : List.of("reference", "ticket", "Acme-NDIS_2.0", "a", "0", ".", "x".repeat(64))) {
            assertThat(ImplementationNames.nameProblem(name)).as(name).isEmpty();
        }
    }

    @Test
    void a_missing_or_blank_name_is_refused() {
        assertThat(ImplementationNames.nameProblem(null)).hasValue("it has no name (null)");
        assertThat(ImplementationNames.nameProblem("")).hasValue("its name \"\" is blank");
        assertThat(ImplementationNames.nameProblem(" \t")).hasValue("its name \" \\u0009\" is blank");
    }

    @Test
    void a_name_with_other_characters_is_refused_and_shown_escaped() {
        assertThat(ImplementationNames.nameProblem("acme" + ESC + "[2J"))
                .hasValue("its name \"acme\\u001b[2J\" has characters other than letters, digits, '.', '_' and '-'");
        for (String name : List.of("Acme NDIS", "a/b", "../x", "a\\b", "ä", "日本", "a\nb", "a\"b", "a\u202eb", "a:b")) {
            assertThat(ImplementationNames.nameProblem(name)).as(name).get(STRING)
                    .contains("has characters other than letters, digits, '.', '_' and '-'");
        }
    }

    @Test
    void a_name_longer_than_64_is_refused_and_shown_cut() {
        assertThat(ImplementationNames.nameProblem("x".repeat(65)))
                .hasValue("its name \"" + "x".repeat(65) + "\" is 65 characters long, more than 64");
        String shown = ImplementationNames.nameProblem("y".repeat(10_000)).orElseThrow();
        assertThat(shown).isEqualTo("its name \"" + "y".repeat(77) + "...\" is 10000 characters long, more than 64");
    }

    // ------------------------------------------------------------------ versions

    @Test
    void printable_versions_up_to_64_characters_are_valid() {
        for (String version : List.of("1.0", "2.0.0-rc.1+build 5", "версия 3", "v1 (ünïcödé) 日本", "😀 1.0", "v".repeat(64),
                "😀".repeat(64))) {
            assertThat(ImplementationNames.versionProblem(version)).as(version).isEmpty();
        }
    }

    @Test
    void a_missing_or_blank_version_is_refused() {
        assertThat(ImplementationNames.versionProblem(null)).hasValue("it has no version (null)");
        assertThat(ImplementationNames.versionProblem("")).hasValue("its version \"\" is blank");
        assertThat(ImplementationNames.versionProblem("   ")).hasValue("its version \"   \" is blank");
    }

    @Test
    void a_version_longer_than_64_characters_is_refused() {
        assertThat(ImplementationNames.versionProblem("1".repeat(65))).get(STRING)
                .endsWith("is 65 characters long, more than 64");
        assertThat(ImplementationNames.versionProblem("😀".repeat(65))).get(STRING)
                .endsWith("is 65 characters long, more than 64");
    }

    @Test
    void a_version_with_a_control_character_is_refused_naming_the_character() {
        assertThat(ImplementationNames.versionProblem("1.0\nPASSED"))
                .hasValue("its version \"1.0\\u000aPASSED\" has a control or format character (U+000A at index 3)");
        assertThat(ImplementationNames.versionProblem("1.0" + ESC + "[31m"))
                .hasValue("its version \"1.0\\u001b[31m\" has a control or format character (U+001B at index 3)");
        // NUL, tab, CR, DEL, C1 controls, line and paragraph separators, bidi embeddings, overrides and isolates
        int[] refused = {0x00, 0x09, 0x0d, 0x7f, 0x80, 0x85, 0x9b, 0x9f, 0x2028, 0x2029,
            0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c, 0xfeff};
        for (int c : refused) {
            String version = "1." + (char) c + "0";
            assertThat(ImplementationNames.versionProblem(version)).as("U+%04X", c).get(STRING)
                    .isEqualTo(String.format("its version \"1.\\u%04x0\" has a control or format character (U+%04X at index 2)", c, c));
        }
    }

    @Test
    void a_version_with_an_unpaired_surrogate_is_refused() {
        assertThat(ImplementationNames.versionProblem("1.0\ud800"))
                .hasValue("its version \"1.0\\ud800\" has an unpaired surrogate (U+D800 at index 3)");
        assertThat(ImplementationNames.versionProblem("\udc00 1.0")).get(STRING).contains("unpaired surrogate");
    }

    @Test
    void every_problem_is_one_line_of_printable_ascii() {
        List<String> hostile = List.of("a\nb", "a\r\nb", ESC + "]0;title\u0007", "\u2028", "\u202e1.0", "a\u0085b",
                "x".repeat(5000) + "\n", "\ud800", "日本\n");
        for (String s : hostile) {
            for (String problem : List.of(ImplementationNames.nameProblem(s).orElseThrow(),
                    ImplementationNames.versionProblem(s).orElseThrow())) {
                assertThat(problem).as(problem).matches("[ -~]+").hasSizeLessThan(160);
            }
        }
    }

    // ------------------------------------------------------------------ printable

    @Test
    void printable_escapes_controls_non_ascii_backslashes_and_quotes() {
        assertThat(ImplementationNames.printable("plain text 1.0", 80)).isEqualTo("plain text 1.0");
        assertThat(ImplementationNames.printable("acme" + ESC + "[2J", 80)).isEqualTo("acme\\u001b[2J");
        assertThat(ImplementationNames.printable("a\tb\u007fc\u0085d", 80)).isEqualTo("a\\u0009b\\u007fc\\u0085d");
        assertThat(ImplementationNames.printable("ä日\u2028\u202e", 80)).isEqualTo("\\u00e4\\u65e5\\u2028\\u202e");
        assertThat(ImplementationNames.printable("😀", 80)).isEqualTo("\\ud83d\\ude00");
        assertThat(ImplementationNames.printable("C:\\x \"q\"", 80)).isEqualTo("C:\\\\x \\\"q\\\"");
        assertThat(ImplementationNames.printable(null, 80)).isEqualTo("null");
    }

    @Test
    void printable_text_looking_like_an_escape_stays_distinct_from_the_escaped_character() {
        assertThat(ImplementationNames.printable("\\u001b", 80)).isNotEqualTo(ImplementationNames.printable(ESC, 80));
    }

    @Test
    void printable_cuts_at_max_never_inside_an_escape() {
        assertThat(ImplementationNames.printable("a".repeat(100), 10)).isEqualTo("aaaaaaa...");
        assertThat(ImplementationNames.printable("a".repeat(10), 10)).isEqualTo("a".repeat(10));
        assertThat(ImplementationNames.printable("a".repeat(11), 10)).isEqualTo("aaaaaaa...");
        assertThat(ImplementationNames.printable("ab" + ESC.repeat(5), 12)).isEqualTo("ab\\u001b...");
        assertThat(ImplementationNames.printable("abcd" + ESC, 10)).isEqualTo("abcd\\u001b");
        assertThat(ImplementationNames.printable("abcde" + ESC, 10)).isEqualTo("abcde...");
        for (int max = 4; max < 40; max++) {
            String shown = ImplementationNames.printable("x\ny\u202ez" + "\u0001".repeat(20), max);
            assertThat(shown).as("max %d", max).hasSizeLessThanOrEqualTo(max).matches("[ -~]*")
                    .matches("([^\\\\]|\\\\u[0-9a-f]{4})*(\\.\\.\\.)?");
        }
    }

    @Test
    void printable_needs_room_for_the_ellipsis() {
        assertThatIllegalArgumentException().isThrownBy(() -> ImplementationNames.printable("abc", 3));
    }
}
