package io.ddikit.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlugTest {
    @Test
    void a_name_that_is_already_a_slug_is_kept() {
        assertThat(ReportWriter.slug("reference")).isEqualTo("reference");
        assertThat(ReportWriter.slug("acme-2")).isEqualTo("acme-2");
    }

    @Test
    void other_names_get_a_hash_suffix_so_that_they_stay_distinct() {
        assertThat(ReportWriter.slug("Acme NDIS 2.0")).matches("acme-ndis-2-0-[0-9a-f]{8}");
        assertThat(ReportWriter.slug("Acme")).isNotEqualTo(ReportWriter.slug("acme")).matches("acme-[0-9a-f]{8}");
        assertThat(ReportWriter.slug("<img src=x onerror=alert(1)>")).matches("img-src-x-onerror-alert-1-[0-9a-f]{8}");
        assertThat(ReportWriter.slug("../../etc")).matches("etc-[0-9a-f]{8}");
        assertThat(ReportWriter.slug("日本")).matches("impl-[0-9a-f]{8}");
        assertThat(ReportWriter.slug("")).matches("impl-[0-9a-f]{8}");
    }

    @Test
    void the_report_own_file_names_are_never_a_slug() {
        assertThat(ReportWriter.slug("index")).matches("index-[0-9a-f]{8}");
        assertThat(ReportWriter.slug("conformance")).matches("conformance-[0-9a-f]{8}");
    }

    @Test
    void a_long_name_is_cut() {
        assertThat(ReportWriter.slug("a".repeat(100))).hasSize(40 + 9);
    }
}
