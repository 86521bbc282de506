package io.ddikit.suite;

import java.util.List;

/**
 * A deliberately faulty implementation the kit tests itself with: the target, what its fault is, and the
 * clauses it breaks (their ids), which are the clauses that must catch it.
 */
public record FaultyTarget(Target target, String description, List<String> breaks) {
    public FaultyTarget {
        breaks = List.copyOf(breaks);
        if (breaks.isEmpty()) {
            throw new IllegalArgumentException("fault '" + target.name() + "' names no clause it breaks");
        }
    }
}
