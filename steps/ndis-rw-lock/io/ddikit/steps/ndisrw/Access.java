package io.ddikit.steps.ndisrw;

/** The access an acquire asks for: its {@code fWrite} argument. */
enum Access {
    READ, WRITE;

    boolean write() {
        return this == WRITE;
    }

    /** {@code read} or {@code write}, as the features and the messages say it. */
    String word() {
        return this == WRITE ? "write" : "read";
    }

    static Access of(String word) {
        return word.equals("write") ? WRITE : READ;
    }
}
