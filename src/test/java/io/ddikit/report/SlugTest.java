package io.ddikit.report;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SlugTest {
    private static final String HASH = "[0-9a-f]{16}";

    @Test
    void a_name_that_is_already_a_slug_is_kept() {
        for (String name : List.of("reference", "ticket", "verifier", "acme-2", "a", "0", "x".repeat(40),
                "acme-ndis-2-0-237b9190", "build-0123456789abcde", "v-0123456789abcdefa", "0123456789abcdef")) {
            assertThat(ReportWriter.slug(name)).as(name).isEqualTo(name);
        }
    }

    @Test
    void other_names_get_a_16_hex_digit_suffix_so_that_they_stay_distinct() {
        assertThat(ReportWriter.slug("Acme NDIS 2.0")).matches("acme-ndis-2-0-" + HASH);
        assertThat(ReportWriter.slug("<img src=x onerror=alert(1)>")).matches("img-src-x-onerror-alert-1-" + HASH);
        assertThat(ReportWriter.slug("../../etc")).matches("etc-" + HASH);
        assertThat(ReportWriter.slug("日本")).matches("impl-" + HASH);
        assertThat(ReportWriter.slug("")).matches("impl-" + HASH);
        assertThat(ReportWriter.slug("-acme")).matches("acme-" + HASH);
        assertThat(ReportWriter.slug("acme--2")).matches("acme-2-" + HASH);
        assertThat(ReportWriter.slug("acme_2")).matches("acme-2-" + HASH);
    }

    @Test
    void the_suffix_is_the_start_of_the_sha256_of_the_name() {
        // printf %s 'Acme NDIS 2.0' | sha256sum
        assertThat(ReportWriter.slug("Acme NDIS 2.0")).isEqualTo("acme-ndis-2-0-237b91905bddd57a");
    }

    @Test
    void a_name_spelled_like_the_slug_of_another_name_gets_a_slug_of_its_own() {
        // the collision of the issue: the 8-digit slug of "Acme NDIS 2.0", given as a name
        assertThat(ReportWriter.slug("acme-ndis-2-0-237b9190")).isNotEqualTo(ReportWriter.slug("Acme NDIS 2.0"));
        // and the 16-digit slug itself, given as a name
        String made = ReportWriter.slug("Acme NDIS 2.0");
        assertThat(ReportWriter.slug(made)).isNotEqualTo(made).matches(made + "-" + HASH);
        assertThat(ReportWriter.slug("acme-0123456789abcdef")).matches("acme-0123456789abcdef-" + HASH);
    }

    @Test
    void names_that_differ_only_in_case_get_different_slugs() {
        assertThat(ReportWriter.slug("acme")).isEqualTo("acme");
        assertThat(ReportWriter.slug("Acme")).matches("acme-" + HASH);
        assertThat(ReportWriter.slug("ACME")).matches("acme-" + HASH).isNotEqualTo(ReportWriter.slug("Acme"));
    }

    @Test
    void the_report_own_names_are_never_a_slug() {
        for (String name : List.of("index", "conformance", "junit", "selftest")) {
            assertThat(ReportWriter.slug(name)).as(name).matches(name + "-" + HASH);
        }
    }

    @Test
    void a_long_name_is_cut_and_distinct_from_others_with_the_same_start() {
        assertThat(ReportWriter.slug("a".repeat(41))).isEqualTo("a".repeat(40) + "-" + ReportWriter.slug("a".repeat(41)).substring(41))
                .hasSize(40 + 17);
        assertThat(ReportWriter.slug("a".repeat(100))).hasSize(40 + 17).isNotEqualTo(ReportWriter.slug("a".repeat(101)));
        assertThat(ReportWriter.slug("a".repeat(39) + "-b" + "c".repeat(10))).matches("a{39}-" + HASH);
    }

    @Test
    void every_slug_is_a_safe_lowercase_file_name() {
        for (String name : List.of("CON", "nul", "a/b\\c", ".", "..", " ", "\n", "\u0000", "a\u202eb", "😀", "\ud800")) {
            assertThat(ReportWriter.slug(name)).as(name).matches("[a-z0-9]+(-[a-z0-9]+)*").hasSizeLessThanOrEqualTo(57);
        }
    }

    @Test
    void an_unpaired_surrogate_is_hashed_apart_from_the_replacement_character() {
        // String.getBytes(UTF_8) makes both "?"; the slug must not
        assertThat("\ud800".getBytes(StandardCharsets.UTF_8)).isEqualTo("?".getBytes(StandardCharsets.UTF_8));
        assertThat(ReportWriter.slug("\ud800")).isNotEqualTo(ReportWriter.slug("?"));
        assertThat(ReportWriter.slug("x\udc00")).isNotEqualTo(ReportWriter.slug("x\ufffd")).isNotEqualTo(ReportWriter.slug("x?"));
        assertThat(ReportWriter.wtf8("aé日😀")).isEqualTo("aé日😀".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void no_two_distinct_names_share_a_slug() {
        Set<String> names = generatedNames();
        assertThat(names).hasSizeGreaterThan(50_000);
        Map<String, String> bySlug = new HashMap<>();
        for (String name : names) {
            String slug = ReportWriter.slug(name);
            String other = bySlug.put(slug, name);
            assertThat(other).as("\"%s\" and \"%s\" both give %s", other, name, slug).isNull();
            if (!slug.equals(name)) {
                // a made slug given back as a name is another name, so it gets another slug
                assertThat(ReportWriter.slug(slug)).as(name).isNotEqualTo(slug);
            }
        }
    }

    @Test
    void distinct_names_with_distinct_slugs_do_not_collide_and_a_name_given_twice_is_one_name() {
        assertThat(ReportWriter.slugCollision(List.of("reference", "ticket", "reference", "Acme", "acme",
                "Acme NDIS 2.0", "acme-ndis-2-0-237b9190", ReportWriter.slug("Acme NDIS 2.0")))).isEmpty();
        assertThat(ReportWriter.slugCollision(List.of())).isEmpty();
    }

    @Test
    void a_collision_names_both_implementations_and_the_slug_in_one_line() {
        // SHA-256 gives no collision to show, so the slugs here are made to collide
        assertThat(ReportWriter.slugCollision(List.of("reference", "Acme\n1", "ACME 1"), n -> n.equals("reference") ? n : "acme-1"))
                .hasValue("implementations \"Acme\\u000a1\" and \"ACME 1\" would share the report folder acme-1; rename one of them");
    }

    /**
     * Names that stress the rule: near-slugs, case variants, made slugs and their look-alikes (with the right suffix
     * length and one more or less), long names that share their first 40 characters, reserved names, other scripts.
     */
    private static Set<String> generatedNames() {
        Random random = new Random(42);
        String alphabet = "abcdef0123456789-_.ABZz ";
        Set<String> names = new LinkedHashSet<>(List.of("", "index", "conformance", "junit", "selftest", "impl", "-", "--"));
        for (int i = 0; i < 30_000; i++) {
            int length = 1 + random.nextInt(i % 3 == 0 ? 60 : 12);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            names.add(sb.toString());
        }
        List<String> seeds = new ArrayList<>(names).subList(0, 5_000);
        for (String seed : seeds) {
            String made = ReportWriter.slug(seed);
            names.add(made);                                           // a made slug, as a name
            names.add(made.substring(0, made.length() - 1));           // one hex digit fewer
            names.add(made + "0");                                     // one more
            names.add(made.toUpperCase(java.util.Locale.ROOT));        // its case variant
            names.add(seed.toUpperCase(java.util.Locale.ROOT));
            names.add(seed.toLowerCase(java.util.Locale.ROOT));
            names.add("x".repeat(40) + seed);                          // the same first 40 characters
            names.add(seed + "-" + Long.toHexString(random.nextLong() | Long.MIN_VALUE)); // a suffix of 16 hex digits
        }
        for (int cp = 0; cp < 0x3000; cp += 7) {
            names.add("a" + new String(Character.toChars(cp)));
        }
        return names;
    }
}
