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

    /** The plain reading ({@link FrontMatterReader.Plain}) loads what the YAML parser loads, or leaves the block to it. */
    @Test
    void front_matter_of_plain_keys_and_word_lists_reads_as_the_yaml_parser_reads_it() throws Exception {
        String[] blocks = {
                "UID: NF:ndis.NdisAcquireSpinLock\ntitle: NdisAcquireSpinLock macro (ndis.h)\nold-location: netvista\\x.htm\n"
                        + "keywords: [\"NdisAcquireSpinLock macro\", \"two\"]\nms.keywords: \"*PFOO, a [b: c]\"\nreq.kmdf-ver: \n"
                        + "req.irql: <= DISPATCH_LEVEL\nf1_keywords:\n - NdisAcquireSpinLock\n - ndis/NdisAcquireSpinLock\n"
                        + " - 1394/_CYCLE_TIME\n - *PCYCLE_TIME\napi_location:\n- ndis.lib\n- 1394.h\nempty:\n",
                "a : value: with colon # and hash\nb:\n  - Foo  Bar\n  - IDXGIKeyedMutex::AcquireSync\n",
                // left to the YAML parser: numbers and booleans, a continued item, a quoted value, a comment, a blank line
                "f1_keywords:\n - 10\n - true\n - 0x1F\n",
                "f1_keywords:\n - Foo\n   bar\n",
                "title: 'quoted ''x'''\n",
                "title: \"esc\\\"aped\"\n",
                "# comment\ntitle: x\n",
                "title: x\n\nb: y\n",
                "dup: x\ndup: y\n",
        };
        for (int k = 0; k < blocks.length; k++) {
            List<String> rows = new java.util.ArrayList<>(List.of(("---\n" + blocks[k] + "---").split("\n", -1)));
            int close = rows.size() - 1;
            java.util.Map<String, Integer> plainLines = new java.util.LinkedHashMap<>();
            java.util.Map<String, Integer> yamlLines = new java.util.LinkedHashMap<>();
            Object plain = FrontMatterReader.Plain.read(rows, close, plainLines);
            Object yaml = FrontMatterReader.yaml(rows, close, yamlLines);
            if (k < 2) {
                assertThat(plain).as(blocks[k]).isNotNull().isEqualTo(yaml);
                assertThat(plainLines).as(blocks[k]).isEqualTo(yamlLines);
            } else {
                assertThat(plain).as(blocks[k]).isNull();
            }
        }
    }
}
