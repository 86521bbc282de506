package io.ddikit.run;

import java.util.List;

/**
 * A scenario as it starts, for progress lines and for naming the scenario a dying run was in.
 *
 * @param name     the scenario's name
 * @param location {@code features/ndis-spin-lock/x.feature:42}
 * @param clauses  the clause ids it checks
 */
public record ScenarioStart(String name, String location, List<String> clauses) {
    public ScenarioStart {
        clauses = List.copyOf(clauses);
    }
}
