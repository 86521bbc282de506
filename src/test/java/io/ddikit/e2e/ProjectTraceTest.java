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
            if (Suite.trace().untestable().containsKey(c.id())) {
                // declared untestable from outside, with its reason, and with no scenario
                assertThat(Suite.trace().untestable().get(c.id())).as("reason %s is untestable", c.id()).isNotBlank();
                assertThat(Suite.trace().coverage().get(c.id())).as("scenarios of untestable %s", c.id()).isEmpty();
            } else {
                assertThat(Suite.trace().coverage().get(c.id())).as("scenarios of %s", c.id()).isNotEmpty();
            }
        }
    }
}
