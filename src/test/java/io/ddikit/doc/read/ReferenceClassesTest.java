package io.ddikit.doc.read;

import io.ddikit.doc.Clause;
import io.ddikit.doc.DocPage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Classes of pages found across the whole reference, each shown by a minimal page of the kit's own: what the reader
 * makes of them.
 */
class ReferenceClassesTest {
    private static final String FRONT = "---\nUID: NF:sample.SampleRoutine\ntitle: SampleRoutine function\n---\n\n";

    private static DocPage read(String body) throws PageReadException {
        return PageReader.readString("sample.md", FRONT + body);
    }

    private static List<String> texts(DocPage p) {
        return p.clauses().stream().map(Clause::text).toList();
    }

    @Test
    void a_table_whose_separator_cells_have_fewer_than_three_dashes_is_a_table() throws Exception {
        DocPage p = read("## -remarks\n\nThe values are these:\n\n| Value | Meaning |\n|--|--|\n"
                + "| ONE | The driver must pass ONE first. |\n| TWO | The caller can pass TWO later. |\n");
        // a row is read as its first cell and the sentence beside it, as for any table
        assertThat(texts(p)).containsExactly("The values are these:", "ONE: The driver must pass ONE first.",
                "TWO: The caller can pass TWO later.");
    }

    @Test
    void a_paragraph_indented_as_a_whole_after_a_heading_is_prose_but_indented_code_stays_code() throws Exception {
        DocPage p = read("## -remarks\n\n    The <i>Lock</i> parameter must be locked against other accesses\n"
                + "    from other threads while this routine is executing.  Otherwise the counts\n    can be wrong.\n\n"
                + "The caller must hold the lock:\n\n    KeAcquireSpinLock(&Lock, &OldIrql);\n    Count = Count + 1;\n");
        assertThat(texts(p)).containsExactly("The Lock parameter must be locked against other accesses from other threads"
                + " while this routine is executing.", "Otherwise the counts can be wrong.", "The caller must hold the lock:");
    }

    @Test
    void a_note_reads_the_same_in_the_markdown_form_and_the_older_html_form() throws Exception {
        DocPage markdown = read("## -remarks\n\n> [!NOTE]\n> The driver must hold the lock.\n\n"
                + "> [!IMPORTANT]\n> Note that the caller must be at PASSIVE_LEVEL.\n");
        DocPage html = read("## -remarks\n\n<div class=\"alert\"><b>Note</b>  The driver must hold the lock.</div><div> </div>\n\n"
                + "<div class=\"alert\"><b>Important:</b> Note that the caller must be at PASSIVE_LEVEL.</div>\n");
        assertThat(texts(markdown)).containsExactly("The driver must hold the lock.", "Note that the caller must be at PASSIVE_LEVEL.");
        assertThat(texts(html)).isEqualTo(texts(markdown));
        assertThat(html.clauses()).extracting(c -> c.id().value())
                .isEqualTo(markdown.clauses().stream().map(c -> c.id().value()).toList());
    }

    @Test
    void characters_named_in_a_list_are_one_sentence_with_their_spaces_kept() throws Exception {
        DocPage p = read("## -remarks\n\n* The following characters are illegal in names: \" (quotation marks), / (slash),"
                + " : (colon), < (less-than sign), > (greater-than sign), ? (question mark), | (vertical bar), * (asterisk)\n"
                + "* Is it legal? The <b>Name</b> routine says so.\n");
        assertThat(texts(p)).containsExactly("The following characters are illegal in names: \" (quotation marks), / (slash),"
                + " : (colon), < (less-than sign), > (greater-than sign), ? (question mark), | (vertical bar), * (asterisk)",
                "Is it legal?", "The Name routine says so.");
    }

    @Test
    void markdown_link_syntax_never_stays_in_a_clause() throws Exception {
        DocPage p = read("## -remarks\n\n<h3><a id=\"r\"></a>Restrictions</h3>\nFor the values, see [Restricted values](/windows/x/y).\n\n"
                + "The routine calls the **LoadString**](/windows/win32/api/winuser/nf-winuser-loadstringw) function.\n\n"
                + "An array [in] is not a link, nor is x](y) without a target that looks like one.\n");
        assertThat(texts(p)).contains("For the values, see Restricted values.", "The routine calls the LoadString function.",
                "An array [in] is not a link, nor is x](y) without a target that looks like one.").filteredOn(t -> !t.startsWith("An array")).noneMatch(t -> t.contains("]("));
    }

    @Test
    void an_irql_requirement_that_names_no_level_asks_nothing_by_itself() throws Exception {
        for (String value : List.of("See Remarks", "_requires_same_")) {
            DocPage p = PageReader.readString("sample.md", "---\nUID: NF:sample.SampleRoutine\nreq.irql: " + value + "\n---\n\n## -remarks\n\nIt works.\n");
            assertThat(p.clauses()).filteredOn(c -> c.section().equals("requirements")).singleElement()
                    .satisfies(c -> assertThat(c.kind()).isEqualTo(io.ddikit.doc.ClauseKind.INFORMATIVE));
        }
        for (String value : List.of("DISPATCH_LEVEL", "<= APC_LEVEL", "Any level (see Remarks section)", "DIRQL")) {
            DocPage p = PageReader.readString("sample.md", "---\nUID: NF:sample.SampleRoutine\nreq.irql: \"" + value + "\"\n---\n\n## -remarks\n\nIt works.\n");
            assertThat(p.clauses()).filteredOn(c -> c.section().equals("requirements")).singleElement()
                    .satisfies(c -> assertThat(c.kind()).as(value).isEqualTo(io.ddikit.doc.ClauseKind.CALLER_OBLIGATION));
        }
    }
}
