package io.ddikit.trace;

import java.util.Collection;
import java.util.List;

/** The tags the kit gives meaning to in features. */
public final class Tags {
    /** {@code @clause:<id>} on a Rule (inherited by its scenarios) or a scenario: the clause it checks. */
    public static final String CLAUSE = "@clause:";
    /**
     * {@code @requires:<capability>} on a scenario or Rule: the scenario runs only for implementations
     * declaring that capability (lower case, dashes: {@code misuse-detection}); for the others it is not applicable.
     */
    public static final String REQUIRES = "@requires:";
    /**
     * A Rule tag: the clause cannot be checked from outside the implementation; the Rule's description (the lines under
     * its title) says why, beginning {@value #UNTESTABLE_REASON}.
     */
    public static final String UNTESTABLE = "@untestable";
    /** How the description of an {@value #UNTESTABLE} Rule begins. */
    public static final String UNTESTABLE_REASON = "Untestable from outside:";

    private Tags() {
    }

    /** The clause ids named by {@code @clause:} tags, in order. */
    public static List<String> clauseIds(Collection<String> tags) {
        return tags.stream().filter(t -> t.startsWith(CLAUSE)).map(t -> t.substring(CLAUSE.length())).distinct().toList();
    }

    /** The capabilities named by {@code @requires:} tags, in order. */
    public static List<String> requirements(Collection<String> tags) {
        return tags.stream().filter(t -> t.startsWith(REQUIRES)).map(t -> t.substring(REQUIRES.length())).distinct().toList();
    }

    public static String clauseTag(String id) {
        return CLAUSE + id;
    }
}
