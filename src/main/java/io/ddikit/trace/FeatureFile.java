package io.ddikit.trace;

import java.util.List;

/**
 * A feature file as the trace check sees it.
 *
 * @param file      path as given (forward slashes)
 * @param name      the Feature's name
 * @param rules     its Rules, in order
 * @param loose     scenarios directly under the Feature, outside any Rule
 * @param error     a syntax error that stopped the file from being read, or empty; then rules and loose are empty
 * @param errorLine the line of the syntax error, 0 when unknown
 */
public record FeatureFile(String file, String name, List<RuleSpec> rules, List<ScenarioSpec> loose,
                          String error, int errorLine) {
    public FeatureFile {
        rules = List.copyOf(rules);
        loose = List.copyOf(loose);
    }

    public boolean readable() {
        return error.isEmpty();
    }

    /**
     * A Rule: its title (which must equal the clause's text), its own tags, its description (the lines under its title,
     * stripped; empty when none) and its scenarios.
     */
    public record RuleSpec(String title, int line, List<String> tags, String description, List<ScenarioSpec> scenarios) {
        public RuleSpec {
            tags = List.copyOf(tags);
            description = description == null ? "" : description.strip();
            scenarios = List.copyOf(scenarios);
        }

        /** Whether the Rule declares its clause untestable from outside ({@link Tags#UNTESTABLE}). */
        public boolean untestable() {
            return tags.contains(Tags.UNTESTABLE);
        }

        public List<String> clauseIds() {
            return Tags.clauseIds(tags);
        }
    }

    /**
     * A scenario (or one example row of an outline, which counts as one scenario).
     *
     * @param tags every tag in effect: the feature's, the Rule's and its own
     * @param pending whether every step of it is a {@code pending} placeholder written by {@code scaffold}
     */
    public record ScenarioSpec(String name, int line, List<String> tags, boolean pending) {
        public ScenarioSpec {
            tags = List.copyOf(tags);
        }

        public List<String> clauseIds() {
            return Tags.clauseIds(tags);
        }
    }
}
