package io.ddikit.kernel;

import io.ddikit.sched.InstrumentingClassLoader;
import io.ddikit.sched.Noise;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The stress tier's noise belongs to one machine: its processors are disturbed, no other machine's, and only while on. */
class MachineNoiseTest {
    private final InstrumentingClassLoader loader = new InstrumentingClassLoader(getClass().getClassLoader(),
            name -> name.startsWith("io.ddikit.noisesample."));

    private Runnable increments(int n) throws ReflectiveOperationException {
        Object counter = loader.loadClass("io.ddikit.noisesample.Counter").getConstructor().newInstance();
        java.lang.reflect.Method increment = counter.getClass().getMethod("increment");
        return () -> {
            for (int i = 0; i < n; i++) {
                try {
                    increment.invoke(counter);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    @Test
    void noise_reaches_the_processors_of_its_machine_only_and_only_while_it_is_on() throws Exception {
        MachineConfig config = MachineConfig.defaults().withCallBound(Duration.ofSeconds(5));
        try (SimulatedMachine noisy = new SimulatedMachine(config); SimulatedMachine quiet = new SimulatedMachine(config)) {
            Noise.Config noise = new Noise.Config(11, 1000, 1);
            noisy.noise(noise);
            assertThat(noisy.call(0, "increments", "A", increments(10)).returned()).isTrue();
            assertThat(noisy.call(2, "increments", "A", increments(5)).returned()).isTrue();
            // four points per increment (the plain field read and written, the atomic field read, the atomic call)
            assertThat(noise.disturbed()).isEqualTo(60);
            assertThat(quiet.call(0, "increments", "A", increments(10)).returned()).isTrue();
            assertThat(noise.disturbed()).isEqualTo(60);
            noisy.noise(null);
            assertThat(noisy.call(0, "increments", "A", increments(10)).returned()).isTrue();
            assertThat(noise.disturbed()).isEqualTo(60);
            // and the thread that drives the machine was never disturbed
            assertThat(Noise.bound()).isNull();
        }
    }
}
