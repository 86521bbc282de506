package io.ddikit.doc.read;

import io.ddikit.doc.Block;
import io.ddikit.doc.Clause;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.LineRange;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.ddikit.doc.ClauseKind.CALLER_OBLIGATION;
import static io.ddikit.doc.ClauseKind.IMPLEMENTATION_BEHAVIOUR;
import static io.ddikit.doc.ClauseKind.INFORMATIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Pages in the other shapes of the reference, written as fixtures. */
class FixturePagesTest {
    static final Path PAGES = Path.of("src/test/resources/pages");

    static DocPage read(String name) throws Exception {
        return PageReader.readPage(PAGES.resolve(name));
    }

    static List<Clause> section(DocPage page, String key) {
        return page.clauses().stream().filter(c -> c.section().equals(key)).toList();
    }

    @Test
    void later_generation_headings_and_yaml_front_matter() throws Exception {
        DocPage page = read("later-generation.md");
        assertThat(page.api()).isEqualTo("NdisExampleAcquireGate");
        assertThat(page.sections()).extracting(s -> s.key())
                .containsExactly("description", "syntax", "parameters", "returns", "remarks", "see-also");
        assertThat(page.metadata()).containsEntry("f1_keywords", List.of("ndis/NdisExampleAcquireGate", "NdisExampleAcquireGate"))
                .containsEntry("keywords", List.of("NdisExampleAcquireGate function"))
                .containsEntry("topic_type", List.of("APIRef", "kbSyntax"))
                .containsEntry("description", "The NdisExampleAcquireGate function takes a gate: callers wait until it opens.")
                .containsEntry("req.irql", "<= DISPATCH_LEVEL")
                .containsEntry("req.ddi-compliance", List.of("Irql_Gate_Function", "GateBalanced"))
                .doesNotContainKey("req.kmdf-ver");
        assertThat(page.requirements()).containsEntry("IRQL", "<= DISPATCH_LEVEL").containsEntry("Header", "ndis.h");
        assertThat(page.parameters()).extracting(p -> p.name(), p -> p.type(), p -> p.annotations()).containsExactly(
                tuple("Gate", "PNDIS_EXAMPLE_GATE", List.of("in", "out")),
                tuple("Wait", "BOOLEAN", List.of("in")));
        assertThat(section(page, "remarks")).extracting(Clause::text, Clause::kind).containsExactly(
                tuple("A driver must initialize the gate with NdisExampleInitializeGate before it calls any other NdisXxxGate function.", CALLER_OBLIGATION),
                tuple("NdisExampleAcquireGate raises the IRQL to DISPATCH_LEVEL, e.g. when the gate is shared with a DPC.", IMPLEMENTATION_BEHAVIOUR),
                tuple("It records the previous IRQL in the gate (see ndis.h for the layout).", IMPLEMENTATION_BEHAVIOUR),
                tuple("For more information about gates, see Gates and Waits.", INFORMATIVE));
        assertThat(section(page, "remarks").get(0).references()).containsExactly("NdisExampleInitializeGate");
        assertThat(section(page, "requirements")).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("IRQL: <= DISPATCH_LEVEL");
            assertThat(c.lines()).isEqualTo(LineRange.of(16));
        });
        assertThat(page.seeAlso()).extracting(l -> l.text()).containsExactly("NdisExampleInitializeGate", "NdisExampleReleaseGate");
    }

    @Test
    void markdown_generation_with_list_note_code_and_table() throws Exception {
        DocPage page = read("markdown-generation.md");
        assertThat(page.title()).isEqualTo("KeExampleHoldLatch");
        assertThat(page.api()).isEqualTo("KeExampleHoldLatch");
        assertThat(section(page, "description")).singleElement().satisfies(c ->
                assertThat(c.text()).isEqualTo("The KeExampleHoldLatch routine holds the given latch with APCs to the current thread disabled."));
        assertThat(section(page, "remarks")).extracting(Clause::text, Clause::kind).containsExactly(
                tuple("KeExampleHoldLatch puts the caller into a wait state if the latch cannot be held at once.", IMPLEMENTATION_BEHAVIOUR),
                tuple("Otherwise, the caller becomes the owner of the latch.", INFORMATIVE),
                tuple("Callers of KeExampleHoldLatch must be running at IRQL <= APC_LEVEL.", CALLER_OBLIGATION),
                tuple("Use KeExampleTryLatch if the thread has other work to do.", CALLER_OBLIGATION),
                tuple("A driver should hold the latch only if either of the following is true:", CALLER_OBLIGATION),
                tuple("The thread already runs at APC_LEVEL.", INFORMATIVE),
                tuple("The thread entered a critical region by calling KeEnterCriticalRegion.", INFORMATIVE),
                tuple("Any latch held with KeExampleHoldLatch must be let go with KeExampleDropLatch.", CALLER_OBLIGATION),
                tuple("LATCH_SHARED: The latch is shared.", INFORMATIVE),
                tuple("Readers may enter.", INFORMATIVE),
                tuple("LATCH_EXCLUSIVE: The latch has one owner.", INFORMATIVE),
                tuple("For more information about latches, see Latches and Mutexes.", INFORMATIVE));
        List<Block> blocks = page.section("remarks").orElseThrow().blocks();
        assertThat(blocks).extracting(Block::type).containsExactly(
                "paragraph", "paragraph", "paragraph", "list-item", "list-item", "note", "code", "table-head", "table-row", "table-row", "paragraph");
        assertThat(blocks.get(6).clauses()).isEmpty();
        assertThat(blocks.get(6).text()).contains("KeExampleHoldLatch(&Latch);");
        assertThat(page.parameters()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("Latch");
            assertThat(p.annotations()).containsExactly("in", "out");
            assertThat(p.description()).startsWith("A pointer to an initialized latch");
        });
        assertThat(page.requirements()).containsEntry("IRQL", "<= APC_LEVEL");
        assertThat(page.metadata()).doesNotContainKey("req.ddi-compliance");
        assertThat(section(page, "remarks").get(7).references()).containsExactly("KeExampleHoldLatch", "KeExampleDropLatch");
        assertThat(section(page, "remarks").get(7).lines()).isEqualTo(LineRange.of(39));
    }

    @Test
    void page_without_remarks_is_read_with_a_warning() throws Exception {
        DocPage page = read("no-remarks.md");
        assertThat(page.warnings()).extracting(d -> d.message()).containsExactly("no Remarks section");
        assertThat(page.clauses()).extracting(c -> c.section()).containsExactly("description", "requirements");
        assertThat(page.parameters()).singleElement().satisfies(p -> assertThat(p.description()).isEqualTo("Pointer to the gate."));
    }

    @Test
    void html_lists_notes_tables_and_scripts() throws Exception {
        DocPage page = read("html-remarks.md");
        assertThat(section(page, "description")).extracting(Clause::text, Clause::kind).containsExactly(
                tuple("The KeExampleSpinGate routine spins on a gate until it opens.", IMPLEMENTATION_BEHAVIOUR),
                tuple("The gate interface is kept for older drivers only.", INFORMATIVE));
        assertThat(section(page, "remarks")).extracting(Clause::text, Clause::kind).containsExactly(
                tuple("Spin gates can cause serious problems if not used with care.", INFORMATIVE),
                tuple("Therefore:", INFORMATIVE),
                tuple("The code inside a gated region must not be pageable.", CALLER_OBLIGATION),
                tuple("The caller should open the gate with KeExampleOpenGate as quickly as possible.", CALLER_OBLIGATION),
                tuple("Spinning on a gate twice is guaranteed to hang the processor.", INFORMATIVE),
                tuple("For more information, see Spin Gates.", INFORMATIVE),
                tuple("GATE_OPEN: The gate lets callers through.", INFORMATIVE),
                tuple("A driver must close every gate it opens before it unloads.", CALLER_OBLIGATION));
        assertThat(page.warnings()).extracting(d -> d.line(), d -> d.message()).containsExactly(
                tuple(38, "script element removed"), tuple(40, "script element removed"));
        for (Clause c : page.clauses()) {
            assertThat(c.text()).doesNotContain("<", ">", "alert", "injected", "onclick");
        }
        assertThat(page.section("remarks").orElseThrow().blocks()).extracting(Block::type)
                .contains("list-item", "table-head", "table-row");
    }

    @Test
    void crlf_line_endings_and_non_breaking_spaces() throws Exception {
        String lf = Files.readString(SeedPageTest.SEED);
        DocPage crlf = PageReader.readString("seed-crlf.md", lf.replace("\n", "\r\n").replace("A driver must initialize its", "A\u00A0driver must\u00A0initialize its"));
        DocPage seed = PageReader.readPage(SeedPageTest.SEED);
        assertThat(crlf.clauses()).extracting(Clause::text).isEqualTo(seed.clauses().stream().map(Clause::text).toList());
        assertThat(crlf.clauses()).extracting(Clause::lines).isEqualTo(seed.clauses().stream().map(Clause::lines).toList());
        assertThat(crlf.clauses()).extracting(c -> c.id().value()).isEqualTo(seed.clauses().stream().map(c -> c.id().value()).toList());
    }

    @Test
    void key_colon_value_front_matter_without_spaces() throws Exception {
        String page = "---\nUID: NF:ndis.NdisExampleTouch\ntitle: NdisExampleTouch: a title with a colon\nreq.irql: PASSIVE_LEVEL\n---\n\n# NdisExampleTouch function\n"
                + "The <b>NdisExampleTouch</b> function touches a page.\n\n## Remarks\n\nA driver must not touch a page twice.\n";
        DocPage p = PageReader.readString("touch.md", page);
        assertThat(p.metadata()).containsEntry("title", "NdisExampleTouch: a title with a colon");
        assertThat(p.clauses()).extracting(Clause::text).containsExactly(
                "The NdisExampleTouch function touches a page.", "A driver must not touch a page twice.", "IRQL: PASSIVE_LEVEL");
    }

    @Test
    void several_paragraphs_keep_page_order_and_ids_are_unique() throws Exception {
        StringBuilder sb = new StringBuilder("---\nUID: NF:ndis.NdisExampleTwice\n---\n\n## -remarks\n\n");
        for (int i = 0; i < 3; i++) {
            sb.append("A driver must call NdisExampleTwice once. It then waits.\n\n");
        }
        DocPage p = PageReader.readString("twice.md", sb.toString());
        assertThat(p.clauses()).extracting(c -> c.id().value()).containsExactly(
                "NdisExampleTwice.remarks.driver-must-call-NdisExampleTwice-once",
                "NdisExampleTwice.remarks.then-waits",
                "NdisExampleTwice.remarks.driver-must-call-NdisExampleTwice-once-2",
                "NdisExampleTwice.remarks.then-waits-2",
                "NdisExampleTwice.remarks.driver-must-call-NdisExampleTwice-once-3",
                "NdisExampleTwice.remarks.then-waits-3");
        assertThat(p.clauses()).extracting(Clause::lines).containsExactly(
                LineRange.of(7), LineRange.of(7), LineRange.of(9), LineRange.of(9), LineRange.of(11), LineRange.of(11));
    }
}
