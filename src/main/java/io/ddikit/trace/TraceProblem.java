package io.ddikit.trace;

/**
 * One finding of the trace check, as one line for the user: {@code file:line: kind: message}.
 *
 * @param kind    what is wrong
 * @param file    the feature or page file it is about
 * @param line    its line, 0 when unknown
 * @param clause  the clause id it concerns, or empty
 * @param message the explanation in the page's words
 */
public record TraceProblem(Kind kind, String file, int line, String clause, String message) {

    public enum Kind {
        /** A normative clause that no scenario checks. */
        UNCOVERED("uncovered"),
        /** A {@code @clause:} tag that names no clause of any page. */
        UNKNOWN_CLAUSE("unknown clause"),
        /** A scenario that checks no clause. */
        UNTIED_SCENARIO("untied scenario"),
        /** A Rule whose title no longer equals its clause's text: the page changed since the feature was written. */
        DRIFTED("drifted"),
        /** A Rule that is not tagged with exactly one clause. */
        RULE_WITHOUT_CLAUSE("rule without clause"),
        /** A Rule tagged {@code @untestable} whose description gives no reason, or that also has scenarios. */
        UNTESTABLE_WITHOUT_REASON("untestable without reason"),
        /** A scenario of a family's feature without the family's tag ({@code @family:<id>}): the family's steps skip it. */
        FAMILY_TAG_MISSING("family tag missing"),
        /** A feature file that cannot be read. */
        UNREADABLE_FEATURE("unreadable feature");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + kind.label() + ": " + message;
    }
}
