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

    @ParameterizedTest(name = "{0}: {1} interlocked operation(s)")
    @CsvSource({
        "plainField,              0",
        "atomicSetRelease,        0",
        "atomicGetAcquire,        0",
        "varHandleFullFence,      0",
        "otherClassVolatile,      0",
        "atomicIncrementAndGet,   1",
        "atomicCompareAndSetTwice, 2",
        "varHandleGetAndAdd,      1",
        "adderIncrement,          1",
        "synchronizedPlainField,  1",
        "synchronizedBlock,       1",
        "reentrantLockAndUnlock,  2",
    })
    void interlocked_operations_are_the_atomic_read_modify_writes_and_the_locks_taken(String method, long interlocked)
            throws Exception {
        Class<?> c = loader.loadClass("io.ddikit.noisesample.Releases");
        Object o = c.getConstructor().newInstance();
        MemoryOrder.Snapshot before = MemoryOrder.snapshot();
        c.getMethod(method).invoke(o);
        MemoryOrder.Snapshot call = MemoryOrder.snapshot().since(before);

        assertThat(call.interlocked()).as("%s: %s", method, call).isEqualTo(interlocked);
    }
}
