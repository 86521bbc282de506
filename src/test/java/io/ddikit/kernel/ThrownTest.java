package io.ddikit.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an implementation throws is kept as the kit's own bounded copy. */
class ThrownTest {
    @Test
    void a_huge_message_is_cut_with_a_note_of_its_size() {
        Throwable t = Thrown.of(new IllegalStateException("x".repeat(5 << 20)));
        assertThat(t.toString()).startsWith("java.lang.IllegalStateException: xxx").hasSizeLessThan(2_100)
                .endsWith("…[cut by ddikit: 5,242,880 characters in all]");
    }

    @Test
    void the_stack_and_the_causes_are_cut() {
        Throwable deep = new RuntimeException("0");
        for (int i = 1; i < 10; i++) {
            deep = new RuntimeException(Integer.toString(i), deep);
        }
        StackTraceElement[] frames = new StackTraceElement[500];
        java.util.Arrays.fill(frames, new StackTraceElement("A", "b", "A.java", 1));
        deep.setStackTrace(frames);
        Throwable copy = Thrown.of(deep);
        assertThat(copy.getStackTrace()).hasSize(Thrown.FRAMES);
        int depth = 0;
        for (Throwable c = copy; c != null; c = c.getCause()) {
            depth++;
        }
        assertThat(depth).isEqualTo(Thrown.DEPTH);
    }

    @Test
    void an_exception_whose_own_methods_throw_is_still_described() {
        Throwable hostile = new IllegalStateException() {
            @Override
            public String getMessage() {
                throw new UnsupportedOperationException("no message for you");
            }
        };
        assertThat(Thrown.of(hostile).toString()).contains("whose getMessage threw java.lang.UnsupportedOperationException");
    }

    @Test
    void a_copy_is_not_copied_again() {
        Throwable copy = Thrown.of(new IllegalArgumentException("once"));
        assertThat(Thrown.of(copy)).isSameAs(copy);
    }
}
