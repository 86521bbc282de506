package io.ddikit.doc.read;

import io.ddikit.doc.Clause;
import io.ddikit.doc.ClauseId;
import io.ddikit.doc.DocPage;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ClauseIdSchemeTest {
    @Test
    void slug_is_the_first_six_significant_words_with_api_names_kept() {
        assertThat(ClauseIdScheme.slug("A driver must initialize its spin lock with NdisAllocateSpinLock before it calls"))
                .isEqualTo("driver-must-initialize-spin-lock-NdisAllocateSpinLock");
        assertThat(ClauseIdScheme.slug("The caller's IRQL is restored.")).isEqualTo("caller-irql-restored");
        assertThat(ClauseIdScheme.slug("...")).isEqualTo("clause");
    }

    @Test
    void collisions_are_numbered_in_page_order() {
        ClauseIdScheme ids = new ClauseIdScheme("NdisX");
        assertThat(ids.next("remarks", "It waits.")).isEqualTo(new ClauseId("NdisX.remarks.waits"));
        assertThat(ids.next("remarks", "It waits.")).isEqualTo(new ClauseId("NdisX.remarks.waits-2"));
        assertThat(ids.next("description", "It waits.")).isEqualTo(new ClauseId("NdisX.description.waits"));
    }

    @Test
    void a_numbered_collision_never_takes_an_id_another_sentence_has_in_either_order() {
        ClauseIdScheme ids = new ClauseIdScheme("X");
        assertThat(ids.next("members", "6")).isEqualTo(new ClauseId("X.members.6"));
        assertThat(ids.next("members", "6.2")).isEqualTo(new ClauseId("X.members.6-2"));
        assertThat(ids.next("members", "6")).isEqualTo(new ClauseId("X.members.6-3"));
        ClauseIdScheme other = new ClauseIdScheme("X");
        assertThat(other.next("members", "6")).isEqualTo(new ClauseId("X.members.6"));
        assertThat(other.next("members", "6")).isEqualTo(new ClauseId("X.members.6-2"));
        assertThat(other.next("members", "6.2")).isEqualTo(new ClauseId("X.members.6-2-2"));
    }

    @Test
    void ids_survive_edits_to_other_sentences() throws Exception {
        String seed = Files.readString(SeedPageTest.SEED);
        String edited = seed.replace("restores the original IRQL at which its caller was running", "puts back the IRQL its caller had")
                .replace("For more information about acquiring and releasing NDIS spin locks, see", "Background on NDIS spin locks is in");
        Map<String, String> before = ids(PageReader.readString("seed.md", seed));
        Map<String, String> after = ids(PageReader.readString("seed.md", edited));
        assertThat(after).containsEntry("A driver must call NdisAcquireSpinLock to acquire the spin lock before it can call NdisReleaseSpinLock.",
                before.get("A driver must call NdisAcquireSpinLock to acquire the spin lock before it can call NdisReleaseSpinLock."));
        long unchanged = before.entrySet().stream().filter(e -> e.getValue().equals(after.get(e.getKey()))).count();
        assertThat(unchanged).isEqualTo(before.size() - 2);
    }

    private static Map<String, String> ids(DocPage page) {
        return page.clauses().stream().collect(Collectors.toMap(Clause::text, c -> c.id().value(), (a, b) -> a));
    }

    @Test
    void api_names_with_odd_characters_still_give_valid_ids() {
        assertThat(new ClauseIdScheme("Ke Acquire~r1").next("remarks", "It works.").value()).isEqualTo("Ke_Acquire_r1.remarks.works");
        assertThat(PageAssembler.apiOf("NF:wdm.KeAcquireSpinLock~r1", null)).isEqualTo("KeAcquireSpinLock");
        assertThat(PageAssembler.apiOf(null, "NdisFoo function")).isEqualTo("NdisFoo");
    }
}
