package io.ddikit.steps.ndisrw;

/**
 * Who makes a call: a processor's own thread ({@code processor 0}) or a named thread of a processor
 * ({@code thread "T2" on processor 0}, then {@code thread "T2"}).
 *
 * @param processor the processor
 * @param thread    the thread's name, empty for the processor's own
 */
record Caller(int processor, String thread) {
    /** The regular expression of the {@code {who}} parameter type. */
    static final String PATTERN = "thread \"[^\"]+\" on processor \\d+|thread \"[^\"]+\"|processor \\d+";

    boolean named() {
        return !thread.isEmpty();
    }

    /** {@code processor 0} or {@code thread T2 on processor 0}. */
    String describe() {
        return thread.isEmpty() ? "processor " + processor : "thread " + thread + " on processor " + processor;
    }

    /** A key for the steps' maps. */
    String key() {
        return processor + "/" + thread;
    }

    @Override
    public String toString() {
        return describe();
    }
}
