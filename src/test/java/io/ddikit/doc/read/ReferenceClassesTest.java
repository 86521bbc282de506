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

    @Test
    void an_html_table_keeps_its_header_row_when_a_header_cell_goes_on_after_a_line_of_spaces() throws Exception {
        DocPage p = read("## -remarks\n\nHere are examples of the strings.\n\n<table>\n<tr>\n<th>\n       \n        Algorithm</th>\n"
                + "<th>\n       \n        Identifier</th>\n</tr>\n<tr>\n<td>SHA-1</td>\n<td>The caller must pass \"1.3.14\".</td>\n"
                + "</tr>\n</table>\n\n## -examples\n\n<table>\n<tr>\n<th>Value</th>\n<th>Meaning</th>\n</tr>\n<tr>\n<td>ONE</td>\n"
                + "<td>The first.</td>\n</tr>\n</table>\n");
        // the header row reads as a Markdown table's header does: its cells joined, no clause, no code block
        List<io.ddikit.doc.Block> remarks = p.sections().stream().filter(s -> s.key().equals("remarks")).findFirst().orElseThrow().blocks();
        assertThat(remarks).extracting(io.ddikit.doc.Block::type, io.ddikit.doc.Block::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("paragraph", "Here are examples of the strings."),
                org.assertj.core.groups.Tuple.tuple("table-head", "Algorithm: Identifier"),
                org.assertj.core.groups.Tuple.tuple("table-row", "SHA-1: The caller must pass \"1.3.14\"."));
        assertThat(texts(p)).containsExactly("Here are examples of the strings.", "SHA-1: The caller must pass \"1.3.14\".");
        List<io.ddikit.doc.Block> examples = p.sections().stream().filter(s -> s.key().equals("examples")).findFirst().orElseThrow().blocks();
        assertThat(examples).extracting(io.ddikit.doc.Block::type, io.ddikit.doc.Block::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("table-head", "Value: Meaning"),
                org.assertj.core.groups.Tuple.tuple("table-row", "ONE: The first."));
    }

    @Test
    void a_code_sample_in_an_html_table_cell_stays_code_across_its_blank_lines() throws Exception {
        DocPage p = read("## -remarks\n\nHere is an example.\n\n<div class=\"code\"><span codelanguage=\"\"><table>\n<tr>\n<th>C++</th>\n"
                + "</tr>\n<tr>\n<td>\n<pre>NTSTATUS\nSample( VOID )\n{\n    PDEVICE_CONTEXT deviceContext;\n\n    PAGED_CODE();\n\n"
                + "    return STATUS_SUCCESS;\n}</pre>\n</td>\n</tr>\n</table></span></div>\n\nThe caller must be at PASSIVE_LEVEL.\n");
        assertThat(texts(p)).containsExactly("Here is an example.", "The caller must be at PASSIVE_LEVEL.");
        List<io.ddikit.doc.Block> remarks = p.sections().stream().filter(s -> s.key().equals("remarks")).findFirst().orElseThrow().blocks();
        assertThat(remarks).extracting(io.ddikit.doc.Block::type).containsExactly("paragraph", "table-head", "code", "paragraph");
        assertThat(remarks.get(2).text()).contains("PAGED_CODE();").endsWith("return STATUS_SUCCESS; }");
    }

    @Test
    void a_line_of_code_written_as_a_paragraph_of_one_code_span_is_code_not_a_sentence() throws Exception {
        DocPage p = read("## -remarks\n\nInsert the following define statement before including <i>Ntddk.h</i>:\n\n"
                + "`#define RTL_USE_AVL_TABLES 0`\n\n`STATUS_SUCCESS`\n\nThe driver must then use the AVL routines.\n");
        // a name alone stays a sentence of its own, as before
        assertThat(texts(p)).containsExactly("Insert the following define statement before including Ntddk.h:", "STATUS_SUCCESS",
                "The driver must then use the AVL routines.");
        assertThat(p.sections().stream().filter(s -> s.key().equals("remarks")).findFirst().orElseThrow().blocks())
                .extracting(io.ddikit.doc.Block::type).containsExactly("paragraph", "code", "paragraph", "paragraph");
    }

    @Test
    void adjacent_bold_runs_of_converted_pages_leave_no_asterisks_while_powers_and_pointer_types_keep_theirs() throws Exception {
        DocPage p = read("## -remarks\n\nA caller at DISPATCH_LEVEL must specify a **NonPaged****XxxPoolType**.\n\n"
                + "See the relationship between the **Nt**Xxx**** and **Zw**Xxx**** versions of a routine.\n\n"
                + "For calls from kernel-mode drivers, the **Nt*Xxx*** and **Zw*Xxx*** versions can behave differently.\n\n"
                + "The driver sets the **FcbState** member of **SrvOpen****->Fcb** to zero.\n\n"
                + "Counters wrap to zero on exceeding 2**63-1.\n\n"
                + "If the type MyStruct ** is never used, the routine fails.\n");
        assertThat(texts(p)).containsExactly("A caller at DISPATCH_LEVEL must specify a NonPagedXxxPoolType.",
                "See the relationship between the NtXxx and ZwXxx versions of a routine.",
                "For calls from kernel-mode drivers, the NtXxx and ZwXxx versions can behave differently.",
                "The driver sets the FcbState member of SrvOpen->Fcb to zero.",
                "Counters wrap to zero on exceeding 2**63-1.", "If the type MyStruct ** is never used, the routine fails.");
    }

    @Test
    void code_spans_in_html_blocks_stray_backticks_and_relinked_labels_leave_no_markdown() throws Exception {
        DocPage p = read("## -remarks\n\n<div class=\"alert\"><b>Note</b> The context space is always aligned to `sizeof(void*)`.</div>\n\n"
                + "If no device is connected, **[IOCTL_SAMPLE_QUERY](ni-sample-ioctl_sample_query.md)**` just returns the port.\n\n"
                + "A SAMPLE_BITS union is contained within the [SAMPLE_SECTION]([SAMPLE_SECTION](./ns-sample-_sample_section.md) structure.\n\n"
                + "Use the `SampleRoutine` routine.\n");
        assertThat(texts(p)).containsExactly("The context space is always aligned to sizeof(void*).",
                "If no device is connected, IOCTL_SAMPLE_QUERY just returns the port.",
                "A SAMPLE_BITS union is contained within the SAMPLE_SECTION structure.", "Use the SampleRoutine routine.");
    }

    @Test
    void code_written_as_paragraphs_and_list_items_is_code_not_sentences() throws Exception {
        DocPage p = read("## -remarks\n\nThe following constants are defined in the Sample.h header.\n\n"
                + "`#define SAMPLE_MAX_LEN 32`  \n`#define SAMPLE_MAX_NAME 256`\n\n"
                + "The following definition is in sample.h:\n\n#define SAMPLE_TABLE SAMPLE_TABLE0\n\n"
                + "Stretch mode:\n\n* SrcRect = {0, 0, 1024, 768}\n* DstRect = {0, 0, 1920, 1080}\n\n"
                + "<ul>\n<li><b>NumEncryptedBytes</b> = 100;</li>\n</ul>\n\n"
                + "For ReadField, write either:\n\n<ul>\n<li>ReadField( myField );</li>\n<li>ReadFieldStr( \"myField\" );</li>\n</ul>\n\n"
                + "* DstRect = {240, 0, 1680, 1080}   // 1080p monitor resolution\n\n"
                + "The driver then calls SampleRoutine(Lock); nothing else.\n\n"
                + "A value = 0 means that the driver must not wait.\n\n"
                + "Counters wrap to zero on exceeding 2**63-1.\n");
        assertThat(texts(p)).containsExactly("The following constants are defined in the Sample.h header.",
                "The following definition is in sample.h:", "Stretch mode:", "For ReadField, write either:",
                "The driver then calls SampleRoutine(Lock); nothing else.", "A value = 0 means that the driver must not wait.",
                "Counters wrap to zero on exceeding 2**63-1.");
        assertThat(p.sections().stream().filter(s -> s.key().equals("remarks")).findFirst().orElseThrow().blocks())
                .extracting(io.ddikit.doc.Block::type).contains("code");
    }

    @Test
    void unpaired_strong_markers_and_unclosed_links_leave_no_markdown_in_a_clause() throws Exception {
        DocPage p = read("## -remarks\n\nSee **SAMPLE_TIER ** for a description of each tier.\n\n"
                + "> In kernel mode, use the name \"[**ZwSample**](nf-sample-zwsample.md\" instead.\n\n"
                + "The OS calls the driver's [SampleCallback](/windows-hardware/drivers/ddi/sample/nc-sample-samplecallba function.\n\n"
                + "Counters wrap to zero on exceeding 2**63-1, and 2 ** 6 is 64.\n\nThe macro calls it with sizeof(**PointerToItem).\n\n"
                + "Callers must be running with special kernel APCs enabled**.\n");
        assertThat(texts(p)).containsExactly("See SAMPLE_TIER for a description of each tier.",
                "In kernel mode, use the name \"ZwSample\" instead.", "The OS calls the driver's SampleCallback function.",
                "Counters wrap to zero on exceeding 2**63-1, and 2 ** 6 is 64.", "The macro calls it with sizeof(**PointerToItem).",
                "Callers must be running with special kernel APCs enabled.");
    }

    @Test
    void placeholders_written_as_entities_are_text_and_only_markup_is_removed() throws Exception {
        DocPage p = read("## -remarks\n\nProviders claim the \\\\&lt;servername&gt;\\&lt;sharename&gt; part of a path.\n\n"
                + "The pin path ends as follows: <i>...\\&lt;PinNumber&gt;</i>.\n\n"
                + "Use the form &lt;name&gt; here, and never &lt;b&gt;bold&lt;/b&gt; or &lt;script&gt;alert(1)&lt;/script&gt; markup.\n\n"
                + "Type the value \\&amp more plainly.\n");
        assertThat(texts(p)).containsExactly("Providers claim the \\<servername>\\<sharename> part of a path.",
                "The pin path ends as follows: ...\\<PinNumber>.", "Use the form <name> here, and never bold or alert(1) markup.",
                "Type the value &amp more plainly.");
    }

    @Test
    void a_fenced_code_block_right_after_an_html_block_is_code() throws Exception {
        DocPage p = read("## -description\n\nThe engine calls it to:\n<ul>\r\n<li>Get a list of structures.</li>\r\n</ul>\r\n"
                + "```cpp\r\n CALLBACK* PSAMPLE_CALLBACK SampleOutput;\r\n```\r\nThe engine calls it once.\n\n"
                + "## -remarks\n\n<p>Before.</p>\n~~~\nint x = 1;\n~~~~\n<p>After ``` here.</p>\n");
        assertThat(texts(p)).containsExactly("The engine calls it to:", "Get a list of structures.", "The engine calls it once.",
                "Before.", "After ``` here.");
        assertThat(p.sections().stream().flatMap(s -> s.blocks().stream()).filter(b -> b.type().equals("code")).map(b -> b.text().strip()))
                .containsExactly("CALLBACK* PSAMPLE_CALLBACK SampleOutput;", "int x = 1;");
    }

    @Test
    void code_after_a_pre_left_open_is_code_up_to_the_next_heading() throws Exception {
        DocPage p = read("## -description\n\nThe following example shows the values.\n\n<div class=\"code\"><table>\n<tr>\n<td>\n"
                + "<pre>//------\nvoid Sample_Default(\n    HANDLE hDevice )\n{\n    Check( hDevice );\n}\n \n"
                + "//------\nvoid Sample_Other( HANDLE hDevice );\n\n## -remarks\n\nThe driver must call Sample_Default once.\n");
        assertThat(texts(p)).containsExactly("The following example shows the values.", "The driver must call Sample_Default once.");
    }
}
