package io.ddikit.cli;

import io.ddikit.doc.Clause;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.read.PageReader;
import io.ddikit.trace.FeatureFile;
import io.ddikit.trace.FeatureReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a kit author sees when the reference moves on: {@code ddikit check} with the features written from the 2018
 * pages (the seed's revision, {@code docs-source/}) against the same pages as published in 2024 (new headings, absolute
 * links, kept as test fixtures in {@code src/test/resources/revisions/2024/}). For each Rule of the features: is its
 * clause unchanged (same id, same fingerprint), reworded (outdated: check names it with the old and the new text), or
 * gone; and which clauses of the 2024 pages are new (no Rule yet; the normative ones reported as uncovered).
 */
class PageRevisionTest {
    private static final Path REVISION_2024 = Path.of("src/test/resources/revisions/2024");
    private static final Path FEATURES = Path.of("features");

    private static int exit;
    private static String printed;
    private static Map<String, Clause> clauses2018;
    private static Map<String, Clause> clauses2024;
    private static List<FeatureFile.RuleSpec> rules;

    @BeforeAll
    static void checkThe2018FeaturesAgainstThe2024Pages() throws IOException {
        StringWriter out = new StringWriter();
        CommandLine cl = DdikitCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        exit = cl.execute("check", "--docs", REVISION_2024.toString(), "--features", FEATURES.toString());
        printed = out.toString();
        Set<String> kept = new HashSet<>();
        clauses2018 = clauses(Path.of("docs-source"), null, kept);
        clauses2024 = clauses(REVISION_2024, kept, new HashSet<>());
        rules = new ArrayList<>();
        FeatureReader reader = new FeatureReader();
        for (Path f : FeatureReader.featureFiles(List.of(FEATURES))) {
            rules.addAll(reader.read(f).rules());
        }
    }

    /** The clauses of the pages under {@code docs} (only those whose file names {@code only} holds, unless null). */
    private static Map<String, Clause> clauses(Path docs, Set<String> only, Set<String> names) {
        Map<String, Clause> byId = new HashMap<>();
        for (DocPage p : PageReader.read(List.of(docs)).pages()) {
            String name = Path.of(p.file()).getFileName().toString();
            if (only == null || only.contains(name)) {
                names.add(name);
                p.clauses().forEach(c -> byId.put(c.id().value(), c));
            }
        }
        return byId;
    }

    @Test
    void every_rule_of_the_2018_features_names_a_clause_the_2024_pages_still_have_word_for_word() {
        assertThat(rules).hasSizeGreaterThanOrEqualTo(clauses2018.size() - 10);
        List<String> unchanged = new ArrayList<>();
        List<String> reworded = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (FeatureFile.RuleSpec r : rules) {
            String id = r.clauseIds().get(0);
            Clause now = clauses2024.get(id);
            if (now == null) {
                gone.add(id);
            } else if (now.fingerprint().equals(clauses2018.get(id).fingerprint()) && now.text().equals(r.title())) {
                unchanged.add(id);
            } else {
                reworded.add(id + ": \"" + r.title() + "\" -> \"" + now.text() + "\"");
            }
        }
        assertThat(reworded).as("reworded clauses").isEmpty();
        assertThat(gone).as("clauses gone").isEmpty();
        assertThat(unchanged).hasSize(rules.size());
        // and check says so: no Rule drifted, no Rule names a clause the pages no longer have
        assertThat(printed).doesNotContain(": drifted: ").doesNotContain(": unknown clause: ");
    }

    @Test
    void the_sentences_2024_added_are_the_new_clauses_and_check_reports_the_normative_ones_as_uncovered() {
        Set<String> withRule = new HashSet<>();
        rules.forEach(r -> withRule.addAll(r.clauseIds()));
        List<String> fresh = clauses2024.keySet().stream().filter(id -> !clauses2018.containsKey(id)).sorted().toList();
        assertThat(fresh).containsExactly(
                "KeInitializeSpinLock.remarks.code-39",
                "KeInitializeSpinLock.remarks.driver-may-corrupted-missing",
                "KeInitializeSpinLock.remarks.function-inlined-x64-systems-from-windows",
                "KeInitializeSpinLock.remarks.otherwise-you-may-see-windows-cannot",
                "KeInitializeSpinLock.remarks.result-if-you-using-windows-10",
                "KeInitializeSpinLock.remarks.starting-windows-8-function-exported-from");
        assertThat(fresh).noneMatch(withRule::contains);
        for (String id : fresh) {
            Clause c = clauses2024.get(id);
            if (c.normative()) {
                assertThat(printed).as(id).contains("uncovered: " + c.kind().label() + " clause " + id + " has no scenario: \""
                        + c.text() + "\"");
            }
        }
        assertThat(fresh.stream().filter(id -> clauses2024.get(id).normative())).isNotEmpty();
        assertThat(exit).as(printed).isEqualTo(ExitCodes.NOT_CONFORMING);
    }

    @Test
    void the_2024_pages_read_as_the_same_clauses_of_the_2018_pages_despite_the_new_format() {
        // new headings (## -remarks), absolute links instead of ..\ndis\... : no sentence of 2018 is lost or changed
        List<String> lost = clauses2018.keySet().stream().filter(id -> !clauses2024.containsKey(id)).toList();
        assertThat(lost).isEmpty();
        clauses2018.forEach((id, c) -> assertThat(clauses2024.get(id).text()).as(id).isEqualTo(c.text()));
    }
}
