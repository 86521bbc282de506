package io.ddikit.sched;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Instrumented code tells plain writes from writes with release semantics, as the Java memory model does. */
class MemoryOrderTest {
    private final InstrumentingClassLoader loader = new InstrumentingClassLoader(getClass().getClassLoader(),
            name -> name.startsWith("io.ddikit.noisesample."));

    @ParameterizedTest(name = "{0}: only plain = {1}")
    @CsvSource({
        "atomicSetPlain,         true",
        "atomicSetRelease,       false",
        "varHandleSet,           true",
        "varHandleSetRelease,    false",
        "plainField,             true",
        "otherClassVolatile,     false",
        "synchronizedPlainField, false",
    })
    void a_write_has_release_semantics_only_where_the_memory_model_gives_it(String method, boolean onlyPlain) throws Exception {
        Class<?> c = loader.loadClass("io.ddikit.noisesample.Releases");
        Object o = c.getConstructor().newInstance();
        MemoryOrder.Snapshot before = MemoryOrder.snapshot();
        c.getMethod(method).invoke(o);
        MemoryOrder.Snapshot call = MemoryOrder.snapshot().since(before);

        assertThat(call.operations()).as("memory operations seen").isPositive();
        assertThat(call.onlyPlain()).as("%s made only plain writes: %s", method, call).isEqualTo(onlyPlain);
    }
}
