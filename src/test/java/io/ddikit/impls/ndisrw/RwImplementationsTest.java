package io.ddikit.impls.ndisrw;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddikit.impls.ndisrw.interlocked.RwInterlockedProvider;
import io.ddikit.impls.ndisrw.reference.RwReferenceProvider;
import io.ddikit.impls.ndisrw.verifier.RwVerifierProvider;
import io.ddikit.kernel.CallResult;
import io.ddikit.kernel.PendingCall;
import io.ddikit.sched.InstrumentingClassLoader;
import io.ddikit.spi.Capability;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndisrw.NdisRwLockProvider;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bundled correct implementations keep the contract of {@code NdisRwLockFamily} on the simulated machine. */
@Timeout(60)
class RwImplementationsTest {
    private static final Irql PASSIVE = Irql.PASSIVE_LEVEL;
    private static final Irql APC = Irql.APC_LEVEL;
    private static final Irql DISPATCH = Irql.DISPATCH_LEVEL;

    static Stream<NdisRwLockProvider> correct() {
        return Stream.of(new RwReferenceProvider(), new RwInterlockedProvider(), new RwVerifierProvider(),
                RwVerifierProvider.around(new RwInterlockedProvider()));
    }

    private static RwLockDriver driver(NdisRwLockProvider p) {
        return new RwLockDriver(p).initialized("A");
    }

    @ParameterizedTest
    @MethodSource("correct")
    void a_read_raises_to_dispatch_level_and_its_release_restores_the_callers_irql(NdisRwLockProvider p) {
        try (RwLockDriver d = driver(p)) {
            CallResult read = d.at(0, APC).read(0, "A", "S1");
            assertThat(read.exitIrql()).as(read.describe()).isEqualTo(DISPATCH);
            assertThat(read.raises()).isEqualTo(1);
            assertThat(d.state("S1").oldIrql()).as("the previous IRQL, kept in the caller's LOCK_STATE").isEqualTo(APC);
            CallResult release = d.release(0, "A", "S1");
            assertThat(release.exitIrql()).isEqualTo(APC);
            assertThat(release.lowers()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("correct")
    void readers_on_two_processors_hold_the_lock_at_once(NdisRwLockProvider p) {
        try (RwLockDriver d = driver(p)) {
            assertThat(d.read(0, "A", "S1").returned()).isTrue();
            assertThat(d.at(1, APC).read(1, "A", "S2").returned()).isTrue();
            assertThat(d.machine.holdings()).extracting(h -> h.processor() + " " + h.access() + " " + h.acquisition())
                    .containsExactly("0 read S1", "1 read S2");
            assertThat(d.release(0, "A", "S1").exitIrql()).isEqualTo(PASSIVE);
            assertThat(d.release(1, "A", "S2").exitIrql()).isEqualTo(APC);
        }
    }

    @ParameterizedTest
    @MethodSource("correct")
    void a_writer_excludes_readers_and_writers_of_other_processors_until_it_releases(NdisRwLockProvider p) {
        try (RwLockDriver d = driver(p)) {
            assertThat(d.write(0, "A", "W").exitIrql()).isEqualTo(DISPATCH);
            PendingCall reader = d.acquireAsync(1, RwLockDriver.ACQUIRE, false, "A", "S1");
            PendingCall writer = d.acquireAsync(2, RwLockDriver.ACQUIRE, true, "A", "W2");
            assertThat(d.spins(1, reader, 50)).isTrue();
            assertThat(d.spins(2, writer, 50)).isTrue();
            d.release(0, "A", "W");
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (!reader.isDone() && !writer.isDone() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            PendingCall in = reader.isDone() ? reader : writer;
            PendingCall out = in == reader ? writer : reader;
            assertThat(in.await().returned()).as("one of the two gets in").isTrue();
            assertThat(out.await(Duration.ofMillis(50))).as("the other still waits: a reader and a writer exclude each other")
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("correct")
    void a_writer_waits_for_a_reader_and_gets_in_when_it_leaves(NdisRwLockProvider p) {
        try (RwLockDriver d = driver(p)) {
            d.read(0, "A", "S1");
            PendingCall writer = d.at(1, APC).acquireAsync(1, RwLockDriver.ACQUIRE, true, "A", "W");
            assertThat(d.spins(1, writer, 50)).isTrue();
            assertThat(d.machine.irql(1)).as("a waiting writer is at DISPATCH_LEVEL, as a spin lock's waiter").isEqualTo(DISPATCH);
            d.release(0, "A", "S1");
            assertThat(writer.await().exitIrql()).isEqualTo(DISPATCH);
            assertThat(d.release(1, "A", "W").exitIrql()).isEqualTo(APC);
        }
    }

    @ParameterizedTest
    @MethodSource("correct")
    void a_reader_reads_again_at_once_while_a_writer_waits_and_each_release_ends_one_acquisition(NdisRwLockProvider p) {
        try (RwLockDriver d = driver(p)) {
            d.read(0, "A", "S1");
            PendingCall writer = d.acquireAsync(1, RwLockDriver.ACQUIRE, true, "A", "W");
            assertThat(d.spins(1, writer, 50)).isTrue();
            CallResult again = d.acquireAsync(0, RwLockDriver.ACQUIRE, false, "A", "S2").await();
            assertThat(again.returned()).as(again.describe()).isTrue();
            assertThat(d.release(0, "A", "S2").exitIrql()).isEqualTo(DISPATCH);
            assertThat(d.spins(1, writer, 50)).as("one acquisition is still held").isTrue();
            assertThat(d.release(0, "A", "S1").exitIrql()).isEqualTo(PASSIVE);
            assertThat(writer.await().returned()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("correct")
    void nested_acquisitions_of_two_locks_restore_each_irql_in_turn(NdisRwLockProvider p) {
        try (RwLockDriver d = driver(p).initialized("B")) {
            d.read(0, "A", "S1");
            assertThat(d.write(0, "B", "S2").exitIrql()).isEqualTo(DISPATCH);
            assertThat(d.state("S2").oldIrql()).isEqualTo(DISPATCH);
            assertThat(d.release(0, "B", "S2").exitIrql()).isEqualTo(DISPATCH);
            assertThat(d.release(0, "A", "S1").exitIrql()).isEqualTo(PASSIVE);
        }
    }

    @ParameterizedTest
    @MethodSource("correct")
    void the_dpr_variants_neither_raise_nor_lower(NdisRwLockProvider p) {
        try (RwLockDriver d = driver(p)) {
            d.at(0, DISPATCH);
            for (CallResult r : new CallResult[] {d.dprRead(0, "A", "S1"), d.dprRelease(0, "A", "S1"),
                    d.dprWrite(0, "A", "W"), d.dprRelease(0, "A", "W")}) {
                assertThat(r.returned()).as(r.describe()).isTrue();
                assertThat(r.exitIrql()).isEqualTo(DISPATCH);
                assertThat(r.raises() + r.lowers()).as(r.describe()).isZero();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("correct")
    void another_thread_of_a_readers_processor_is_not_dispatched_until_the_reader_releases(NdisRwLockProvider p) {
        try (RwLockDriver d = driver(p)) {
            d.on("T1").read(0, "A", "S1");
            PendingCall t2 = d.on("T2").acquireAsync(0, RwLockDriver.ACQUIRE, true, "A", "W");
            assertThat(t2.await(Duration.ofMillis(100))).isEmpty();
            assertThat(t2.hasStarted()).isFalse();
            assertThat(d.on("T1").release(0, "A", "S1").exitIrql()).isEqualTo(PASSIVE);
            CallResult w = t2.await();
            assertThat(w.returned()).as(w.describe()).isTrue();
            assertThat(d.machine.runningThread(0)).isEqualTo("T2");
        }
    }

    @Test
    void only_the_verifier_declares_misuse_detection() {
        assertThat(new RwReferenceProvider().capabilities()).isEmpty();
        assertThat(new RwInterlockedProvider().capabilities()).isEmpty();
        assertThat(new RwVerifierProvider().capabilities()).containsExactly(Capability.MISUSE_DETECTION);
        assertThat(RwVerifierProvider.around(new RwInterlockedProvider()).name()).isEqualTo("verifier-interlocked");
    }

    /** The providers, loaded as {@code ddikit run} loads implementations: with the kit's instrumentation. */
    private static NdisRwLockProvider instrumented(Class<?> provider) throws ReflectiveOperationException {
        InstrumentingClassLoader loader = new InstrumentingClassLoader(RwImplementationsTest.class.getClassLoader(),
                name -> name.startsWith("io.ddikit.impls.ndisrw."));
        return (NdisRwLockProvider) loader.loadClass(provider.getName()).getConstructor().newInstance();
    }

    @Test
    void a_reference_reader_makes_no_interlocked_operation_where_an_interlocked_one_makes_some() throws Exception {
        try (RwLockDriver d = driver(instrumented(RwReferenceProvider.class))) {
            CallResult read = d.read(0, "A", "S1");
            assertThat(read.interlocked()).as(read.describe()).isZero();
            assertThat(d.release(0, "A", "S1").interlocked()).isZero();
            assertThat(d.write(1, "A", "W").interlocked()).as("a writer takes the writers' spin lock").isPositive();
        }
        try (RwLockDriver d = driver(instrumented(RwInterlockedProvider.class))) {
            assertThat(d.read(0, "A", "S1").interlocked()).isPositive();
            assertThat(d.read(0, "A", "S2").interlocked()).as("a recursive read counts its depth alone").isZero();
        }
    }
}
