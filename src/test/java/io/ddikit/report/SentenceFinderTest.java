package io.ddikit.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the report finds a block's sentences in its text, and that it finds them exactly where the regular expression
 * it replaces did (the words quoted, joined by {@code \s+}, each looked for from the end of the last one found).
 */
class SentenceFinderTest {

    @Test
    void finds_sentences_in_order_whatever_white_space_separates_their_words() {
        String text = "A driver must call\n    NdisAcquireSpinLock. It\tmay\r\n call it again.";
        SentenceFinder f = new SentenceFinder(text);
        int[] first = f.next("A driver must call NdisAcquireSpinLock.");
        assertThat(first).containsExactly(0, 43);
        assertThat(text.substring(first[0], first[1])).isEqualTo("A driver must call\n    NdisAcquireSpinLock.");
        int[] second = f.next("It may call it again.");
        assertThat(text.substring(second[0], second[1])).isEqualTo("It\tmay\r\n call it again.");
    }

    @Test
    void a_sentence_before_the_last_one_found_is_not_found_again() {
        SentenceFinder f = new SentenceFinder("One lock. Two locks. One lock.");
        assertThat(f.next("Two locks.")).containsExactly(10, 20);
        assertThat(f.next("One lock.")).containsExactly(21, 30);
        assertThat(f.next("Two locks.")).isNull();
    }

    @Test
    void a_sentence_not_found_does_not_move_the_search_on() {
        SentenceFinder f = new SentenceFinder("First. Second.");
        assertThat(f.next("Missing.")).isNull();
        assertThat(f.next("First.")).containsExactly(0, 6);
    }

    @Test
    void blank_sentences_and_sentences_split_where_the_text_is_not_are_not_found() {
        SentenceFinder f = new SentenceFinder("No\u00A0break here. Together");
        assertThat(f.next("  ")).isNull();
        assertThat(f.next("No break here.")).as("a non-breaking space is not white space between words").isNull();
        assertThat(f.next("To gether")).isNull();
        assertThat(f.next("  break here.\n")).as("the sentence's own white space at its ends is ignored").containsExactly(3, 14);
    }

    @Test
    void the_first_word_may_end_a_word_of_the_text_and_the_last_may_begin_one() {
        SentenceFinder f = new SentenceFinder("(see NdisAcquireSpinLock.)");
        int[] found = f.next("see NdisAcquireSpin");
        assertThat(found).containsExactly(1, 20);
    }

    @Test
    void a_sentence_of_5_000_words_is_found() {
        StringBuilder sentence = new StringBuilder("A driver must hold");
        StringBuilder text = new StringBuilder("Before. A driver must hold");
        for (int i = 0; i < 5_000; i++) {
            sentence.append(" w").append(i);
            text.append(i % 12 == 0 ? "\n    " : " ").append('w').append(i);
        }
        sentence.append('.');
        text.append(". After.");
        SentenceFinder f = new SentenceFinder(text.toString());
        assertThat(f.next(sentence.toString())).containsExactly(8, text.length() - 7);
        assertThat(f.next("After.")).containsExactly(text.length() - 6, text.length());
    }

    @Test
    void finds_what_the_regular_expression_found_on_random_blocks_indexed_or_not() {
        Random random = new Random(20250102);
        for (int round = 0; round < 3_000; round++) {
            String text = randomText(random, 1 + random.nextInt(60));
            List<String> sentences = new ArrayList<>();
            for (int i = random.nextInt(6); i >= 0; i--) {
                sentences.add(random.nextInt(3) == 0 ? randomText(random, 1 + random.nextInt(8)) : pieceOf(random, text));
            }
            List<String> expected = regexFinds(text, sentences);
            assertThat(finds(new SentenceFinder(text), sentences)).as("%s in %s", sentences, text).isEqualTo(expected);
            assertThat(finds(new SentenceFinder(text, 0), sentences)).as("indexed: %s in %s", sentences, text).isEqualTo(expected);
        }
    }

    @Test
    void a_block_of_40_000_sentences_none_of_them_in_its_text_is_read_about_once() {
        StringBuilder text = new StringBuilder();
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // what a page reader's clean-up of tag-like text across two sentences leaves: neither is in the text
            text.append("Lock ").append(i).append(" held. ");
            sentences.add("Lock " + i + " <q.");
            sentences.add("Lock x" + i + "> held.");
        }
        sentences.add("Lock 19999 held.");
        SentenceFinder f = new SentenceFinder(text.toString());
        List<String> found = finds(f, sentences);
        assertThat(found.subList(0, 40_000)).containsOnlyNulls();
        assertThat(found.get(40_000)).isEqualTo((text.length() - 17) + ":" + (text.length() - 1));
    }

    private static List<String> finds(SentenceFinder f, List<String> sentences) {
        List<String> out = new ArrayList<>();
        for (String s : sentences) {
            int[] at = f.next(s);
            out.add(at == null ? null : at[0] + ":" + at[1]);
        }
        return out;
    }

    /** The report's former matching: each sentence's words quoted, joined by {@code \s+}, found from the end of the last match. */
    private static List<String> regexFinds(String text, List<String> sentences) {
        List<String> out = new ArrayList<>();
        int pos = 0;
        for (String s : sentences) {
            if (s.isBlank()) {
                out.add(null);
                continue;
            }
            StringBuilder re = new StringBuilder();
            for (String w : s.strip().split("\\s+")) {
                re.append(re.isEmpty() ? "" : "\\s+").append(Pattern.quote(w));
            }
            Matcher m = Pattern.compile(re.toString()).matcher(text);
            if (m.find(pos)) {
                out.add(m.start() + ":" + m.end());
                pos = m.end();
            } else {
                out.add(null);
            }
        }
        return out;
    }

    private static final String ALPHABET = "aab. \n\t\u00A0\u000B\f\rA";

    private static String randomText(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** A piece of {@code text}, its white space sometimes changed for other white space. */
    private static String pieceOf(Random random, String text) {
        int from = random.nextInt(text.length());
        int to = from + 1 + random.nextInt(text.length() - from);
        StringBuilder b = new StringBuilder();
        for (char c : text.substring(from, to).toCharArray()) {
            b.append(SentenceFinder.isSpace(c) && random.nextBoolean() ? " \n".substring(random.nextInt(2)) : String.valueOf(c));
        }
        return b.toString();
    }
}
