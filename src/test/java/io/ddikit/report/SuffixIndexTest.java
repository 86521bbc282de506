package io.ddikit.report;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The suffix index answers where a string last starts, as {@link String#lastIndexOf} does. */
class SuffixIndexTest {

    @Test
    void gives_the_last_start_of_a_string_or_minus_one() {
        char[] text = "abracadabra".toCharArray();
        SuffixIndex index = new SuffixIndex(text, text.length);
        assertThat(index.lastStart("abra".toCharArray())).isEqualTo(7);
        assertThat(index.lastStart("a".toCharArray())).isEqualTo(10);
        assertThat(index.lastStart("cad".toCharArray())).isEqualTo(4);
        assertThat(index.lastStart("abracadabra".toCharArray())).isZero();
        assertThat(index.lastStart("abracadabrax".toCharArray())).isEqualTo(-1);
        assertThat(index.lastStart("rab".toCharArray())).isEqualTo(-1);
    }

    @Test
    void agrees_with_last_index_of_on_random_texts_including_long_repeats() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            String alphabet = round % 3 == 0 ? "a" : round % 3 == 1 ? "ab" : "ab \u00E9\uFFFF";
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(80);
            for (int i = 0; i < n; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = b.toString();
            // only a prefix of the array is the text
            char[] chars = (text + "zz").toCharArray();
            SuffixIndex index = new SuffixIndex(chars, text.length());
            for (int q = 0; q < 10; q++) {
                String p;
                if (n > 0 && random.nextBoolean()) {
                    int from = random.nextInt(n);
                    p = text.substring(from, from + 1 + random.nextInt(n - from));
                } else {
                    StringBuilder r = new StringBuilder();
                    for (int i = random.nextInt(6); i >= 0; i--) {
                        r.append((alphabet + "z").charAt(random.nextInt(alphabet.length() + 1)));
                    }
                    p = r.toString();
                }
                assertThat(index.lastStart(p.toCharArray())).as("'%s' in '%s'", p, text).isEqualTo(text.lastIndexOf(p));
            }
        }
    }

    @Test
    void indexes_a_text_of_a_million_identical_characters() {
        char[] text = new char[1 << 20];
        java.util.Arrays.fill(text, 'w');
        SuffixIndex index = new SuffixIndex(text, text.length);
        assertThat(index.lastStart("www".toCharArray())).isEqualTo(text.length - 3);
        assertThat(index.lastStart("wx".toCharArray())).isEqualTo(-1);
    }
}
