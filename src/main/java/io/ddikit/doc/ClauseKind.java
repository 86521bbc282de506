package io.ddikit.doc;

/** What a clause asks for, decided by the rules in {@code ClauseKindRules}. */
public enum ClauseKind {
    /** The caller (the driver) must do something: "A driver must…", "…requires…", "…must be released with…". */
    CALLER_OBLIGATION("caller-obligation", true),
    /** The function itself does something: "NdisReleaseSpinLock restores…". */
    IMPLEMENTATION_BEHAVIOUR("implementation-behaviour", true),
    /** Pointers and background that constrain nothing: "For more information…". */
    INFORMATIVE("informative", false);

    private final String label;
    private final boolean normative;

    ClauseKind(String label, boolean normative) {
        this.label = label;
        this.normative = normative;
    }

    /** The name used in JSON, features and reports. */
    public String label() {
        return label;
    }

    /** Whether a scenario must cover a clause of this kind. */
    public boolean normative() {
        return normative;
    }

    public static ClauseKind fromLabel(String label) {
        for (ClauseKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown clause kind '" + label + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
