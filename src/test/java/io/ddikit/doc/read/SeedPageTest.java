package io.ddikit.doc.read;

import io.ddikit.doc.Clause;
import io.ddikit.doc.ClauseKind;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.LineRange;
import io.ddikit.doc.Link;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.ddikit.doc.ClauseKind.CALLER_OBLIGATION;
import static io.ddikit.doc.ClauseKind.IMPLEMENTATION_BEHAVIOUR;
import static io.ddikit.doc.ClauseKind.INFORMATIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The seed page's clauses, pinned exactly. */
class SeedPageTest {
    static final Path SEED = Path.of("docs-source/ndis/nf-ndis-ndisreleasespinlock.md");
    static DocPage page;

    @BeforeAll
    static void read() throws PageReadException {
        page = PageReader.readPage(SEED);
    }

    @Test
    void identifies_the_page() {
        assertThat(page.file()).isEqualTo("docs-source/ndis/nf-ndis-ndisreleasespinlock.md");
        assertThat(page.uid()).isEqualTo("NF:ndis.NdisReleaseSpinLock");
        assertThat(page.api()).isEqualTo("NdisReleaseSpinLock");
        assertThat(page.title()).isEqualTo("NdisReleaseSpinLock function");
        assertThat(page.warnings()).isEmpty();
    }

    @Test
    void remarks_give_seven_clauses_with_kinds_references_and_lines() {
        List<Clause> remarks = page.clauses().stream().filter(c -> c.section().equals("remarks")).toList();
        assertThat(remarks).extracting(Clause::text, Clause::kind, Clause::references, Clause::lines).containsExactly(
                tuple("A driver must initialize its spin lock with NdisAllocateSpinLock before it calls any other Ndis..SpinLock function to access the resources protected by that spin lock.",
                        CALLER_OBLIGATION, List.of("NdisAllocateSpinLock"), new LineRange(68, 71)),
                tuple("A driver must call NdisAcquireSpinLock to acquire the spin lock before it can call NdisReleaseSpinLock.",
                        CALLER_OBLIGATION, List.of("NdisAcquireSpinLock", "NdisReleaseSpinLock"), new LineRange(73, 76)),
                tuple("Each call to NdisAcquireSpinLock requires a reciprocal call to NdisReleaseSpinLock before the driver can call NdisAcquireSpinLock again.",
                        CALLER_OBLIGATION, List.of("NdisAcquireSpinLock", "NdisReleaseSpinLock"), new LineRange(76, 79)),
                tuple("NdisReleaseSpinLock restores the original IRQL at which its caller was running before the call to NdisAcquireSpinLock.",
                        IMPLEMENTATION_BEHAVIOUR, List.of("NdisReleaseSpinLock", "NdisAcquireSpinLock"), new LineRange(81, 82)),
                tuple("Any spin lock acquired with NdisAcquireSpinLock must be released with NdisReleaseSpinLock.",
                        CALLER_OBLIGATION, List.of("NdisAcquireSpinLock", "NdisReleaseSpinLock"), new LineRange(84, 86)),
                tuple("Any spin lock acquired with NdisDprAcquireSpinLock must be released with NdisDprReleaseSpinLock.",
                        CALLER_OBLIGATION, List.of("NdisDprAcquireSpinLock", "NdisDprReleaseSpinLock"), new LineRange(86, 88)),
                tuple("For more information about acquiring and releasing NDIS spin locks, see Synchronization and Notification in Network Drivers.",
                        INFORMATIVE, List.of(), new LineRange(90, 92)));
    }

    @Test
    void remark_ids_follow_the_scheme() {
        assertThat(page.clauses()).extracting(c -> c.id().value()).containsExactly(
                "NdisReleaseSpinLock.description.NdisReleaseSpinLock-function-releases-spin-lock-acquired",
                "NdisReleaseSpinLock.remarks.driver-must-initialize-spin-lock-NdisAllocateSpinLock",
                "NdisReleaseSpinLock.remarks.driver-must-call-NdisAcquireSpinLock-acquire-spin",
                "NdisReleaseSpinLock.remarks.each-call-NdisAcquireSpinLock-requires-reciprocal-call",
                "NdisReleaseSpinLock.remarks.NdisReleaseSpinLock-restores-original-irql-which-caller",
                "NdisReleaseSpinLock.remarks.spin-lock-acquired-NdisAcquireSpinLock-must-released",
                "NdisReleaseSpinLock.remarks.spin-lock-acquired-NdisDprAcquireSpinLock-must-released",
                "NdisReleaseSpinLock.remarks.more-information-about-acquiring-releasing-ndis",
                "NdisReleaseSpinLock.requirements.irql");
    }

    @Test
    void description_is_one_implementation_clause() {
        Clause d = page.clauses().get(0);
        assertThat(d.section()).isEqualTo("description");
        assertThat(d.text()).isEqualTo("The NdisReleaseSpinLock function releases a spin lock that was acquired in a preceding call to the NdisAcquireSpinLock function.");
        assertThat(d.kind()).isEqualTo(IMPLEMENTATION_BEHAVIOUR);
        assertThat(d.references()).containsExactly("NdisReleaseSpinLock", "NdisAcquireSpinLock");
        assertThat(d.lines()).isEqualTo(new LineRange(43, 45));
    }

    @Test
    void irql_requirement_is_a_caller_obligation_at_its_front_matter_line() {
        Clause irql = page.clauses().get(page.clauses().size() - 1);
        assertThat(irql.id().value()).isEqualTo("NdisReleaseSpinLock.requirements.irql");
        assertThat(irql.section()).isEqualTo("requirements");
        assertThat(irql.text()).isEqualTo("IRQL: DISPATCH_LEVEL");
        assertThat(irql.kind()).isEqualTo(ClauseKind.CALLER_OBLIGATION);
        assertThat(irql.lines()).isEqualTo(LineRange.of(31));
        assertThat(page.metadata()).containsEntry("req.irql", "DISPATCH_LEVEL");
    }

    @Test
    void ddi_compliance_rules_are_a_list_of_six() {
        assertThat(page.metadata().get("req.ddi-compliance")).isEqualTo(List.of(
                "Irql_Synch_Function", "SpinLock", "SpinLockBalanced", "SpinLockDpr", "SpinLockDprRelease", "SpinlockRelease"));
    }

    @Test
    void metadata_leaves_out_empty_values_and_keeps_backslashes() {
        assertThat(page.metadata()).doesNotContainKeys("req.kmdf-ver", "topictype", "req.dll");
        assertThat(page.metadata()).containsEntry("old-location", "netvista\\ndisreleasespinlock.htm");
        assertThat(page.metadata()).containsEntry("title", "NdisReleaseSpinLock macro");
        assertThat((List<?>) page.metadata().get("ms.keywords")).hasSize(5);
    }

    @Test
    void requirements_table_reports_the_repeated_windows_version_once() {
        assertThat(page.requirements()).containsEntry("Windows version",
                "Supported for NDIS 6.0 and NDIS 5.1 drivers (see NdisReleaseSpinLock (NDIS 5.1)) in Windows Vista. "
                        + "Supported for NDIS 5.1 drivers (see NdisReleaseSpinLock (NDIS 5.1)) in Windows XP.");
        assertThat(page.requirements()).containsEntry("IRQL", "DISPATCH_LEVEL")
                .containsEntry("Header", "ndis.h (include Ndis.h)")
                .containsKeys("Target Platform", "Library", "DDI compliance rules");
    }

    @Test
    void syntax_and_parameters_are_parsed() {
        assertThat(page.syntax()).hasValueSatisfying(p -> {
            assertThat(p.returnType()).isEqualTo("VOID");
            assertThat(p.name()).isEqualTo("NdisReleaseSpinLock");
        });
        assertThat(page.parameters()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("SpinLock");
            assertThat(p.type()).isEqualTo("PNDIS_SPIN_LOCK");
            assertThat(p.annotations()).containsExactly("in");
            assertThat(p.description()).isEqualTo("Pointer to the acquired spin lock to be released.");
        });
    }

    @Test
    void sections_and_see_also() {
        assertThat(page.sections()).extracting(s -> s.key()).containsExactly(
                "description", "syntax", "parameters", "returns", "remarks", "requirements", "see-also");
        assertThat(page.section("remarks")).hasValueSatisfying(s -> assertThat(s.lines()).isEqualTo(new LineRange(66, 92)));
        assertThat(page.seeAlso()).containsExactly(
                new Link("NdisAcquireSpinLock", "../ndis/nf-ndis-ndisacquirespinlock.md"),
                new Link("NdisAllocateSpinLock", "../ndis/nf-ndis-ndisallocatespinlock.md"),
                new Link("NdisDprAcquireSpinLock", "../ndis/nf-ndis-ndisdpracquirespinlock.md"));
    }

    @Test
    void fingerprints_are_short_sha256_of_the_text() {
        Clause first = page.clauses().get(1);
        assertThat(first.fingerprint()).isEqualTo(Fingerprints.of(first.text())).matches("sha256:[0-9a-f]{16}");
        assertThat(page.fingerprint()).matches("sha256:[0-9a-f]{16}");
    }

    @Test
    void remark_blocks_hold_their_clauses() {
        assertThat(page.section("remarks").orElseThrow().blocks()).extracting(b -> b.clauses().size())
                .containsExactly(1, 2, 1, 2, 1);
    }
}
