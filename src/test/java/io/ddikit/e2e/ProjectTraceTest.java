package io.ddikit.e2e;

import io.ddikit.doc.Clause;
import io.ddikit.trace.TraceProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The build's trace check: the project's features cover its pages, with no unknown tag and no drift. */
class ProjectTraceTest {

    @Test
    void the_features_cover_every_normative_clause_of_the_pages() {
        assertThat(Suite.trace().problems()).extracting(TraceProblem::toString).isEmpty();
        for (Clause c : Suite.pages().stream().flatMap(p -> p.clauses().stream()).filter(Clause::normative).toList()) {
            assertThat(Suite.trace().coverage().get(c.id())).as("scenarios of %s", c.id()).isNotEmpty();
        }
    }
}
