package io.ddikit.doc.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceSplitterTest {
    static List<String> sentences(String text) {
        return SentenceSplitter.split(text).stream().map(r -> text.substring(r[0], r[1])).toList();
    }

    @Test
    void splits_at_a_full_stop_before_a_capital() {
        assertThat(sentences("A driver must call it. Each call requires another.  Done!"))
                .containsExactly("A driver must call it.", "Each call requires another.", "Done!");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Call any other Ndis..SpinLock function first.",
            "Include ndis.h before the call.",
            "Drivers for NDIS 6.20 and later use it.",
            "See https://example.invalid/a.b for details.",
            "Use a lock, e.g. NdisAcquireSpinLock, for this.",
            "Use a lock, i.e. A spin lock, for this.",
            "Compare fast mutexes vs. Spin locks here.",
            "It is described in Fig. 3 of the paper.",
            "It ends at 25 microseconds. (more than a few instructions)",
    })
    void does_not_split_names_files_versions_urls_or_abbreviations(String text) {
        if (text.contains("(more")) {
            assertThat(sentences(text)).hasSize(2);
        } else {
            assertThat(sentences(text)).containsExactly(text);
        }
    }

    @Test
    void keeps_closing_brackets_and_quotes_with_the_sentence() {
        assertThat(sentences("Hold it briefly (a few instructions). Holding it longer hurts."))
                .containsExactly("Hold it briefly (a few instructions).", "Holding it longer hurts.");
        assertThat(sentences("He said \"stop.\" Then it stopped."))
                .containsExactly("He said \"stop.\"", "Then it stopped.");
    }

    @Test
    void does_not_split_before_a_lowercase_word_and_keeps_text_without_a_stop() {
        assertThat(sentences("Fast mutexes etc. are described elsewhere")).containsExactly("Fast mutexes etc. are described elsewhere");
        assertThat(sentences("Therefore:")).containsExactly("Therefore:");
    }
}
