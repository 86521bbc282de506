package io.ddikit.grade;

/** The overall verdict on an implementation, as the report's banner shows it. */
public enum Conformance {
    /** Every normative clause passed or is not applicable. */
    CONFORMS("conforms"),
    /** At least one clause failed. */
    DOES_NOT_CONFORM("does not conform"),
    /** Nothing failed, but the implementation crashed or hung, or the kit broke, in some scenario. */
    ERROR("error"),
    /** Nothing failed or broke, but some normative clause is untested or outdated: the kit cannot say. */
    INCOMPLETE("incomplete");

    private final String label;

    Conformance(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
