package io.ddikit.doc.read;

import io.ddikit.doc.Clause;
import io.ddikit.doc.DocPage;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The lock families' own pages read right: code is never a clause, however the page wraps it. */
class FamilyPagesTest {

    private static DocPage page(String file) {
        var source = PageReader.read(List.of(Path.of(file)));
        assertThat(source.hasErrors()).as(source.diagnostics().toString()).isFalse();
        return source.pages().get(0);
    }

    @Test
    void the_code_sample_of_ndis_allocate_spin_lock_in_a_div_table_pre_is_no_clause() {
        DocPage p = page("docs-source/ndis/nf-ndis-ndisallocatespinlock.md");
        // lines 99-110: <div class="code"><span><table>...<pre>NdisAcquireSpinLock(A); ... NdisReleaseSpinLock(B);</pre>
        assertThat(p.clauses()).extracting(Clause::text).noneMatch(t -> t.contains("(A);") || t.contains("(B);"));
        assertThat(p.clauses()).noneMatch(c -> c.lines().first() >= 99 && c.lines().last() <= 110);
        // the sentences around it are clauses, whole
        assertThat(p.clauses()).extracting(Clause::text)
                .contains("Because NDIS sometimes enters drivers at PASSIVE_LEVEL, problems can arise with the following code:",
                        "A driver should not access spin locks in this sequence for the following reasons:");
    }

    @Test
    void no_clause_of_any_familys_page_is_code() {
        for (DocPage p : PageReader.read(List.of(Path.of("docs-source"))).pages()) {
            assertThat(p.clauses()).as(p.file()).extracting(Clause::text)
                    .noneMatch(t -> t.matches(".*\\b[A-Z][A-Za-z]+\\([^)]*\\);.*") || t.contains("{") || t.contains("};"));
        }
    }
}
