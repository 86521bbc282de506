package io.ddikit.trace;

import io.ddikit.doc.Clause;
import io.ddikit.doc.DocPage;

/**
 * Writes the skeleton of a feature for a page: one Rule per clause, titled with the clause's text and
 * tagged with its id, and a pending scenario under each normative clause. The trace check accepts the
 * skeleton's shape but still reports each clause as uncovered until a real scenario replaces its placeholder.
 */
public final class Scaffolder {

    public String scaffold(DocPage page) {
        StringBuilder out = new StringBuilder();
        out.append("# Written by `ddikit scaffold` from ").append(page.file()).append('\n');
        out.append("# One Rule per clause of the page. A Rule's title must stay equal to its clause's text;\n");
        out.append("# replace each placeholder scenario with scenarios that check the clause.\n");
        out.append("Feature: ").append(page.api()).append(" conforms to its reference page\n");
        out.append("  ").append(page.uid().isEmpty() ? page.file() : page.uid()).append('\n');
        for (Clause c : page.clauses()) {
            out.append('\n');
            out.append("  # ").append(c.section()).append(", lines ").append(c.lines()).append(", ").append(c.kind().label()).append('\n');
            out.append("  ").append(Tags.clauseTag(c.id().value())).append('\n');
            out.append("  Rule: ").append(c.text()).append('\n');
            if (c.normative()) {
                out.append('\n');
                out.append("    Scenario: ").append(c.kind().label()).append(" to be checked\n");
                out.append("      Given ").append(FeatureReader.PENDING_STEP).append('\n');
            } else {
                out.append("    # Informative: no scenario is required.\n");
            }
        }
        return out.toString();
    }
}
