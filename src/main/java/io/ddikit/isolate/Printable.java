package io.ddikit.isolate;

/** Text from an implementation made safe to print on one line of a terminal. */
final class Printable {
    private Printable() {
    }

    static String of(String s, int max) {
        return io.ddikit.result.Bounds.printable(s, max);
    }
}
