package io.ddikit.run;

import io.ddikit.spi.ndis.NdisSpinLockProvider;
import io.ddikit.suite.SuiteContext;
import io.ddikit.suite.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the suite's context is set up when the JUnit Platform starts Cucumber in a vendor's build. */
class PlatformLaunchTest {
    private static final UnaryOperator<String> NOTHING_SET = key -> null;

    private static Map<String, Target> kitOnly() throws RunInputException {
        return TargetResolver.over(List.of()).discover();
    }

    private static Target vendor(String name, Object handle) {
        return new Target("ndis-spin-lock", name, "2.0", List.of(), handle);
    }

    private static Map<String, Target> with(Map<String, Target> found, Target... more) {
        Map<String, Target> all = new LinkedHashMap<>(found);
        for (Target t : more) {
            all.put(t.name(), t);
        }
        return all;
    }

    @Test
    void with_no_name_given_the_one_implementation_that_is_not_the_kits_is_chosen() throws RunInputException {
        Target acme = vendor("acme", new StringBuilder());

        assertThat(PlatformLaunch.choose(with(kitOnly(), acme), null)).isSameAs(acme);
    }

    @Test
    void a_name_chooses_that_implementation_even_a_bundled_one() throws RunInputException {
        Map<String, Target> found = with(kitOnly(), vendor("acme", new StringBuilder()), vendor("other", new StringBuilder()));

        assertThat(PlatformLaunch.choose(found, "other").name()).isEqualTo("other");
        assertThat(PlatformLaunch.choose(found, "ticket").name()).isEqualTo("ticket");
    }

    @Test
    void a_name_of_several_families_is_one_error_until_a_family_is_named() throws RunInputException {
        assertThatThrownBy(() -> PlatformLaunch.choose(kitOnly(), "reference"))
                .isInstanceOf(RunInputException.class)
                .hasMessage("'reference' implements several API families (ndis-spin-lock, ke-spin-lock, ndis-rw-lock); choose"
                        + " one with -Dddikit.family=ID");

        Map<String, String> given = Map.of("ddikit.impl", "reference", "ddikit.family", "ke-spin-lock");
        Target t = PlatformLaunch.context(given::get, kitOnly()).target();
        assertThat(t.family()).isEqualTo("ke-spin-lock");
        assertThat(t.name()).isEqualTo("reference");
    }

    @Test
    void none_besides_the_kits_own_is_one_error_naming_what_was_found_and_how_to_choose() {
        assertThatThrownBy(() -> PlatformLaunch.choose(kitOnly(), null))
                .isInstanceOf(RunInputException.class)
                .hasMessageContaining("no implementation on the class path besides the kit's own (ndis-spin-lock/reference, ndis-spin-lock/ticket, ndis-spin-lock/verifier, "
                        + "ke-spin-lock/reference, ke-spin-lock/queued, ke-spin-lock/verifier, "
                        + "ndis-rw-lock/reference, ndis-rw-lock/interlocked, ndis-rw-lock/verifier)")
                .hasMessageContaining("META-INF/services/")
                .hasMessageContaining("-Dddikit.impl=NAME or ddikit.impl=NAME in junit-platform.properties");
    }

    @Test
    void several_of_ones_own_is_one_error_naming_each_with_its_class() throws RunInputException {
        Map<String, Target> found = with(kitOnly(), vendor("acme", new StringBuilder()), vendor("other", new Object()));

        assertThatThrownBy(() -> PlatformLaunch.choose(found, null))
                .isInstanceOf(RunInputException.class)
                .hasMessage("several implementations on the class path: 'acme' (java.lang.StringBuilder), "
                        + "'other' (java.lang.Object); choose one with -Dddikit.impl=NAME or ddikit.impl=NAME in junit-platform.properties");
    }

    @Test
    void an_unknown_name_is_an_error_listing_every_implementation_found() {
        assertThatThrownBy(() -> PlatformLaunch.choose(kitOnly(), "acme"))
                .isInstanceOf(RunInputException.class)
                .hasMessageStartingWith("no implementation named 'acme' (ddikit.impl); found: 'reference' (")
                .hasMessageContaining("'verifier' (");
    }

    @Test
    void settings_give_the_seed_processors_and_call_bound_and_default_as_ddikit_run_does() throws RunInputException {
        Map<String, String> given = Map.of("ddikit.impl", "reference", "ddikit.family", "ndis-spin-lock", "ddikit.seed", "42",
                "ddikit.processors", "6", "ddikit.call-timeout", "1.5");
        SuiteContext c = PlatformLaunch.context(given::get, kitOnly());

        assertThat(c.target().name()).isEqualTo("reference");
        assertThat(c.seed()).isEqualTo(42L);
        assertThat(c.processors()).isEqualTo(6);
        assertThat(c.callTimeout()).isEqualTo(Duration.ofMillis(1500));

        SuiteContext d = PlatformLaunch.context(key -> key.equals("ddikit.impl") ? "ticket" : null, kitOnly());
        assertThat(d.processors()).isEqualTo(SuiteContext.DEFAULT_PROCESSORS);
        assertThat(d.callTimeout()).isEqualTo(SuiteContext.DEFAULT_CALL_TIMEOUT);
        assertThat(PlatformLaunch.withSchedulePoints(d.target())).as("bundled ones load with schedule points").isTrue();
    }

    @Test
    void a_bad_setting_is_one_line_naming_the_key() {
        assertThatThrownBy(() -> PlatformLaunch.context(key -> key.equals("ddikit.processors") ? "0" : null, kitOnly()))
                .hasMessage("ddikit.processors must be 1 to 64, not 0");
        assertThatThrownBy(() -> PlatformLaunch.context(key -> key.equals("ddikit.seed") ? "x" : null, kitOnly()))
                .hasMessage("ddikit.seed must be a whole number, not 'x'");
        assertThatThrownBy(() -> PlatformLaunch.context(key -> key.equals("ddikit.call-timeout") ? "-1" : null, kitOnly()))
                .hasMessage("ddikit.call-timeout must be a number of seconds above 0, not '-1'");
    }

    @Test
    void a_vendors_implementation_is_loaded_again_from_where_it_came_from_with_schedule_points(@TempDir Path dir) throws Exception {
        Path classes = compileProvider(dir);
        try (URLClassLoader plain = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Object found = plain.loadClass("com.example.locks.ExampleProvider").getConstructor().newInstance();
            Target asFound = vendor("example", found);
            assertThat(PlatformLaunch.withSchedulePoints(asFound)).isFalse();

            SuiteContext c = PlatformLaunch.context(NOTHING_SET, with(kitOnly(), asFound));

            Object handle = c.target().handle();
            assertThat(handle.getClass().getName()).isEqualTo("com.example.locks.ExampleProvider");
            assertThat(handle).isNotSameAs(found).isInstanceOf(NdisSpinLockProvider.class);
            assertThat(PlatformLaunch.withSchedulePoints(c.target())).isTrue();
        }
    }

    /** A provider in a class folder of its own, listed for the service loader, as a vendor's build makes one. */
    private static Path compileProvider(Path dir) throws Exception {
        Path src = dir.resolve("src/com/example/locks/ExampleProvider.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, String.join("\n",
                "package com.example.locks;",
                "public final class ExampleProvider implements io.ddikit.spi.ndis.NdisSpinLockProvider {",
                "  public String name() { return \"example\"; }",
                "  public String version() { return \"2.0\"; }",
                "  public io.ddikit.spi.ndis.NdisSpinLockFamily create(io.ddikit.spi.Hal hal) { throw new UnsupportedOperationException(); }",
                "}"), StandardCharsets.UTF_8);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(classes.resolve("META-INF/services/io.ddikit.spi.ndis.NdisSpinLockProvider"), "com.example.locks.ExampleProvider\n");
        Path spi = Path.of(NdisSpinLockProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, "--release", "17", "-cp", spi.toString(),
                "-d", classes.toString(), src.toString());
        assertThat(status).as(messages.toString(StandardCharsets.UTF_8)).isZero();
        return classes;
    }
}
