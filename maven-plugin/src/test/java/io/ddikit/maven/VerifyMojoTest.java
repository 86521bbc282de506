package io.ddikit.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The goal as a vendor's build runs it, on a jar compiled here against the SPI alone: a Ke spin lock with a fault
 * fails it, and an unexpired expectation of that failure lets it pass. (A conforming jar passing the goal is the
 * example's own build: examples/acme-spinlock binds the goal and DdikitCommandLineIT reads its report.)
 */
class VerifyMojoTest {
    private static final String LOCK = """
            package com.vendor;
            import io.ddikit.spi.*;
            import io.ddikit.spi.ke.*;
            import java.util.concurrent.atomic.AtomicInteger;
            public class Locks implements KeSpinLockProvider {
                static final class L implements KSpinLock { final AtomicInteger w = new AtomicInteger(); }
                public String name() { return "vendor-ke"; }
                public String version() { return "1.0"; }
                public KeSpinLockFamily create(Hal hal) {
                    return new KeSpinLockFamily() {
                        public KSpinLock newLock() { return new L(); }
                        public void initializeSpinLock(KSpinLock l) { ((L) l).w.set(0); }
                        public void acquireSpinLock(KSpinLock l, OldIrql old) {
                            Irql was = hal.raiseIrql(Irql.DISPATCH_LEVEL); acquireSpinLockAtDpcLevel(l); old.set(was); }
                        public void releaseSpinLock(KSpinLock l, Irql to) { releaseSpinLockFromDpcLevel(l); hal.lowerIrql(to); }
                        public void acquireSpinLockAtDpcLevel(KSpinLock l) { while (!tryToAcquireSpinLockAtDpcLevel(l)) hal.spinWait(); }
                        public void releaseSpinLockFromDpcLevel(KSpinLock l) { ((L) l).w.setRelease(0); }
                        public boolean testSpinLock(KSpinLock l) { return TEST; }
                        public boolean tryToAcquireSpinLockAtDpcLevel(KSpinLock l) { return ((L) l).w.compareAndExchangeAcquire(0, 1) == 0; }
                    };
                }
            }
            """;
    private static final String FAULT_CLAUSE = "KeTestSpinLock.description.KeTestSpinLock-routine-tests-availability-spin-lock";

    @TempDir
    static Path tmp;
    static File faulty;

    @BeforeAll
    static void compile() throws Exception {
        faulty = jar("faulty", LOCK.replace("TEST", "true")); // says free even while another processor holds it
    }

    private static File jar(String name, String source) throws Exception {
        Path src = Files.createDirectories(tmp.resolve(name + "-src/com/vendor")).resolve("Locks.java");
        Files.writeString(src, source);
        Path classes = Files.createDirectories(tmp.resolve(name + "-classes"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-cp", System.getProperty("java.class.path"),
                "-d", classes.toString(), src.toString());
        assertThat(rc).as("javac").isZero();
        Path jar = tmp.resolve(name + ".jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            j.putNextEntry(new JarEntry("com/vendor/Locks.class"));
            j.write(Files.readAllBytes(classes.resolve("com/vendor/Locks.class")));
            for (Path c : Files.list(classes.resolve("com/vendor")).filter(p -> p.getFileName().toString().contains("$")).toList()) {
                j.putNextEntry(new JarEntry("com/vendor/" + c.getFileName()));
                j.write(Files.readAllBytes(c));
            }
            j.putNextEntry(new JarEntry("META-INF/services/io.ddikit.spi.ke.KeSpinLockProvider"));
            j.write("com.vendor.Locks\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar.toFile();
    }

    private static VerifyMojo mojo(File artifact, String report) {
        VerifyMojo m = new VerifyMojo();
        m.artifact = artifact;
        m.reportDirectory = tmp.resolve(report).toFile();
        m.expectations = tmp.resolve(report + "-expectations.yaml").toFile();
        m.javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java").toFile();
        m.timeoutSeconds = 600;
        m.seed = 3L;
        m.kitClasspath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(File::new)
                .filter(f -> !f.getName().equals("test-classes")).toList();
        return m;
    }

    @Test
    void a_faulty_jar_fails_the_build_and_an_unexpired_expectation_of_its_failure_lets_it_pass() throws Exception {
        assertThatThrownBy(() -> mojo(faulty, "bad").execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("does not conform (exit 1)");
        assertThat(Files.readString(tmp.resolve("bad/conformance.json"))).contains("\"conformance\" : \"does not conform\"");

        Files.writeString(tmp.resolve("expected-expectations.yaml"), "ddikit-expectations: 1\nexpectations:\n  - clause: " + FAULT_CLAUSE
                + "\n    expect: failed\n    reason: TRUE while held; fixed in 1.1\n    expires: 2099-12-31\n");
        mojo(faulty, "expected").execute();
        assertThat(Files.readString(tmp.resolve("expected/conformance.json"))).contains("\"mark\" : \"expected failure\"");
    }

    @Test
    void a_missing_jar_is_named() {
        assertThatThrownBy(() -> mojo(tmp.resolve("absent.jar").toFile(), "none").execute())
                .hasMessageContaining("absent.jar: no such jar");
        assertThat(List.of(tmp.resolve("none").toFile().list() == null)).containsExactly(true);
    }
}
