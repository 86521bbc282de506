package io.ddikit.doc.read;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrontMatterReaderTest {
    static FrontMatter read(String page) throws PageFormatException {
        return FrontMatterReader.read(page, new LineIndex(page));
    }

    @Test
    void reads_space_colon_space_lines_with_brackets_colons_and_backslashes() throws Exception {
        FrontMatter fm = read("---\nms.keywords : a, b [x: y], c\nold-location : net\\x.htm\nreq.kmdf-ver : \n---\nbody\n");
        assertThat(fm.metadata()).containsEntry("ms.keywords", List.of("a", "b [x: y]", "c"))
                .containsEntry("old-location", "net\\x.htm")
                .doesNotContainKey("req.kmdf-ver");
        assertThat(fm.keyLines()).containsEntry("old-location", 3);
        assertThat(fm.bodyOffset()).isEqualTo(fm.bodyOffset());
    }

    @Test
    void reads_yaml_lists_flow_lists_quoted_values_and_tabs_after_dashes() throws Exception {
        FrontMatter fm = read("---\r\nf1_keywords:\r\n - \"a/b\"\r\n - c\r\nkeywords: [\"k one\"]\r\ntopic_type:\r\n-\tAPIRef\r\nreq.irql: \"<= DISPATCH_LEVEL\"\r\nit's: 'quoted ''x'''\r\n---\r\n");
        assertThat(fm.metadata()).containsEntry("f1_keywords", List.of("a/b", "c"))
                .containsEntry("keywords", List.of("k one"))
                .containsEntry("topic_type", List.of("APIRef"))
                .containsEntry("req.irql", "<= DISPATCH_LEVEL");
    }

    @Test
    void list_items_that_start_with_a_yaml_indicator_are_text_not_aliases_anchors_or_tags() throws Exception {
        FrontMatter fm = read("---\napi_name:\n-\t*PDXGK_CALLBACK\n- &amp; more\n- !important\n-\tplain\n"
                + "ms.keywords: \"*PFOO, *PFOO callback\"\n---\nbody\n");
        assertThat(fm.metadata()).containsEntry("api_name", List.of("*PDXGK_CALLBACK", "&amp; more", "!important", "plain"))
                .containsEntry("ms.keywords", List.of("*PFOO", "*PFOO callback"));
    }

    @Test
    void a_broken_block_names_its_line() {
        assertThatThrownBy(() -> read("---\na: 1\nb: [unclosed\nc: 2\n---\n"))
                .isInstanceOf(PageFormatException.class)
                .hasMessageStartingWith("front matter is not readable")
                .satisfies(e -> assertThat(((PageFormatException) e).line()).isBetween(3, 5));
    }

    @Test
    void no_block_is_an_error_at_line_one() {
        assertThatThrownBy(() -> read("# Title\n")).isInstanceOf(PageFormatException.class)
                .hasMessage("no front matter (a page starts with a '---' block)");
    }
}
