package io.ddikit.sched;

import io.ddikit.spi.Irql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Implementation classes get schedule points at their memory operations; everything else is the parent's. */
class InstrumentingClassLoaderTest {
    private final InstrumentingClassLoader loader = new InstrumentingClassLoader(getClass().getClassLoader(),
            name -> name.startsWith("io.ddikit.noisesample."));

    @Test
    void injected_calls_name_the_schedule_points_class() {
        assertThat(NoiseInjector.POINTS).isEqualTo(io.ddikit.sched.points.SchedulePoints.class.getName().replace('.', '/'));
    }

    @AfterEach
    void off() {
        Noise.bind(null);
    }

    private Object counter() throws ReflectiveOperationException {
        return loader.loadClass("io.ddikit.noisesample.Counter").getConstructor().newInstance();
    }

    @Test
    void implementation_classes_are_defined_by_the_instrumenting_loader_and_the_spi_is_shared() throws Exception {
        assertThat(counter().getClass().getClassLoader()).isSameAs(loader);
        assertThat(loader.loadClass("io.ddikit.spi.Irql")).isSameAs(Irql.class);
        assertThat(loader.loadClass(Noise.class.getName())).isSameAs(Noise.class);
    }

    @Test
    void every_field_access_and_atomic_call_is_a_schedule_point_while_noise_is_on() throws Exception {
        Object c = counter();
        Noise.Config noise = new Noise.Config(7, 1000, 1);
        Noise.bind(noise);
        for (int i = 0; i < 10; i++) {
            c.getClass().getMethod("increment").invoke(c);
        }
        // per increment: read and write of the plain field, read of the atomic field, the atomic call
        assertThat(noise.disturbed()).isEqualTo(40);
        assertThat(c.getClass().getMethod("plain").invoke(c)).isEqualTo(10);
    }

    @Test
    void points_cost_nothing_but_a_check_while_noise_is_off_and_noise_bound_to_another_thread_is_not_this_ones() throws Exception {
        Object c = counter();
        Noise.Config elsewhere = new Noise.Config(7, 1000, 1);
        Thread other = new Thread(() -> Noise.bind(elsewhere));
        other.start();
        other.join();
        for (int i = 0; i < 100; i++) {
            c.getClass().getMethod("increment").invoke(c);
        }
        assertThat(elsewhere.disturbed()).isZero();
        assertThat(Noise.bound()).isNull();
        assertThat(c.getClass().getMethod("plain").invoke(c)).isEqualTo(100);
    }

    @Test
    void the_same_class_outside_the_loader_has_no_points() {
        io.ddikit.noisesample.Counter plain = new io.ddikit.noisesample.Counter();
        Noise.Config noise = new Noise.Config(7, 1000, 1);
        Noise.bind(noise);
        plain.increment();
        assertThat(noise.disturbed()).isZero();
    }
}
