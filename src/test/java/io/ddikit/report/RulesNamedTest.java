package io.ddikit.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Which DDI rules a scenario's message names, as whole words, exactly as the regular expression it replaces did. */
class RulesNamedTest {
    private static final List<String> RULES = List.of("Irql_Synch_Function", "SpinLock", "SpinLockBalanced", "SpinLockDpr",
            "SpinLockDprRelease", "SpinlockRelease");

    @Test
    void a_rule_is_named_as_a_whole_word_never_as_part_of_one() {
        assertThat(ReportModelBuilder.rulesNamed("broke SpinLockBalanced (rule SpinlockRelease).", RULES))
                .containsExactly("SpinLockBalanced", "SpinlockRelease");
        assertThat(ReportModelBuilder.rulesNamed("SpinLockDpr_2 and xSpinLock and SpinLock2", RULES)).isEmpty();
        assertThat(ReportModelBuilder.rulesNamed("SpinLock", RULES)).containsExactly("SpinLock");
        assertThat(ReportModelBuilder.rulesNamed("", RULES)).isEmpty();
    }

    @Test
    void a_rule_with_other_characters_is_found_between_word_boundaries_too() {
        List<String> rules = List.of("Spin-Lock", "a.b", "-x-");
        assertThat(ReportModelBuilder.rulesNamed("see Spin-Lock, not Spin-Locks; a.bc a.b", rules)).containsExactly("Spin-Lock", "a.b");
        assertThat(ReportModelBuilder.rulesNamed("y-x-z", rules)).as("a letter just before").isEmpty();
        assertThat(ReportModelBuilder.rulesNamed("(-x-)", rules)).containsExactly("-x-");
    }

    @Test
    void names_what_the_regular_expression_named_on_random_messages() {
        Random random = new Random(99);
        String alphabet = "aB_1 -.";
        for (int round = 0; round < 5_000; round++) {
            String message = random(random, alphabet, random.nextInt(30));
            List<String> rules = new ArrayList<>();
            for (int i = random.nextInt(4); i >= 0; i--) {
                rules.add(random(random, alphabet, 1 + random.nextInt(3)));
            }
            List<String> expected = new ArrayList<>();
            for (String rule : rules) {
                if (Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(rule) + "(?![A-Za-z0-9_])").matcher(message).find()) {
                    expected.add(rule);
                }
            }
            assertThat(ReportModelBuilder.rulesNamed(message, rules)).as("%s in '%s'", rules, message).isEqualTo(expected);
        }
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
