package io.ddikit.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * {@code ddikit:verify}, bound to {@code verify}: runs the kit's command line ({@code ddikit run}) on the project's
 * artifact — its jar, or a native library — in a JVM of its own, writes the per-clause report under
 * {@code target/ddikit/}, honours the expectations file when there is one, and fails the build as the exit code says
 * (1: does not conform; 2: bad input; 3: the implementation crashed or hung; 4: the kit broke).
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractMojo {

    /** The implementation to test: the project's jar by default. */
    @Parameter(property = "ddikit.artifact", defaultValue = "${project.build.directory}/${project.build.finalName}.jar")
    File artifact;

    /** A native library to test instead of (or beside) the jar ({@code run --native}). */
    @Parameter(property = "ddikit.native")
    File nativeLibrary;

    /** Where the report goes. */
    @Parameter(property = "ddikit.report", defaultValue = "${project.build.directory}/ddikit")
    File reportDirectory;

    /** The expectations file; used when it exists. */
    @Parameter(property = "ddikit.expectations", defaultValue = "${project.basedir}/ddikit-expectations.yaml")
    File expectations;

    /** Implementations to run by name (default: every one the artifact holds). */
    @Parameter(property = "ddikit.impls")
    List<String> impls = new ArrayList<>();

    /** API families to run (default: every family the artifact implements). */
    @Parameter(property = "ddikit.families")
    List<String> families = new ArrayList<>();

    /** The run's seed (default: a new one, printed). */
    @Parameter(property = "ddikit.seed")
    Long seed;

    /** More arguments of {@code ddikit run}, as they are written on its command line. */
    @Parameter
    List<String> arguments = new ArrayList<>();

    /** Skips the goal. */
    @Parameter(property = "ddikit.skip", defaultValue = "false")
    boolean skip;

    /** Maven's {@code -DskipTests} skips the goal too: it runs the suite. */
    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    /** The kit's class path: the plugin's own dependencies. */
    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    List<org.apache.maven.artifact.Artifact> pluginArtifacts;

    /** The JVM that runs the kit: this build's by default. */
    @Parameter(property = "ddikit.java", defaultValue = "${java.home}/bin/java")
    File javaExecutable;

    /** The bound on the whole run, in seconds. */
    @Parameter(property = "ddikit.timeout", defaultValue = "3600")
    long timeoutSeconds;

    /** The kit's class path, as files; from {@link #pluginArtifacts} unless set (as tests do). */
    List<File> kitClasspath;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipTests) {
            getLog().info("ddikit: skipped" + (skipTests ? " (skipTests)" : ""));
            return;
        }
        if (nativeLibrary == null && (artifact == null || !artifact.isFile())) {
            throw new MojoExecutionException("ddikit: " + artifact + ": no such jar; the goal runs after 'package' (bind it to verify)");
        }
        List<File> cp = kitClasspath != null ? kitClasspath : pluginArtifacts.stream().map(org.apache.maven.artifact.Artifact::getFile)
                .filter(f -> f != null).toList();
        File kitJar = cp.stream().filter(VerifyMojo::isKit).findFirst()
                .orElseThrow(() -> new MojoExecutionException("ddikit: the kit's jar (io.ddikit:ddikit) is not on the plugin's class path"));
        Path kitFiles = reportDirectory.toPath().resolveSibling(reportDirectory.getName() + "-kit");
        try {
            extract(kitJar.toPath(), kitFiles);
        } catch (IOException e) {
            throw new MojoExecutionException("ddikit: cannot unpack the kit's pages and features from " + kitJar + ": " + e.getMessage(), e);
        }
        List<String> cmd = new ArrayList<>(List.of(javaExecutable.getPath(), "-cp", String.join(File.pathSeparator, cp.stream().map(File::getPath).toList()),
                "io.ddikit.cli.Main", "run", "--report", reportDirectory.getPath(), "-q",
                "--docs", kitFiles.resolve("docs-source").toString(), "--features", kitFiles.resolve("features").toString()));
        if (nativeLibrary != null) {
            cmd.addAll(List.of("--native", nativeLibrary.getPath()));
        } else {
            cmd.addAll(List.of("--classpath", artifact.getPath()));
        }
        impls.forEach(i -> cmd.addAll(List.of("--impl", i)));
        families.forEach(f -> cmd.addAll(List.of("--family", f)));
        if (seed != null) {
            cmd.addAll(List.of("--seed", seed.toString()));
        }
        if (expectations != null && expectations.isFile()) {
            cmd.addAll(List.of("--expectations", expectations.getPath()));
        }
        cmd.addAll(arguments);
        getLog().info("ddikit: " + String.join(" ", cmd.subList(3, cmd.size())));
        int code = run(cmd);
        File index = new File(reportDirectory, "index.html");
        switch (code) {
            case 0 -> getLog().info("ddikit: conforms; report " + index);
            case 1 -> throw new MojoFailureException("ddikit: the implementation does not conform (exit 1), or an expectation did not hold; report "
                    + index);
            case 3 -> throw new MojoFailureException("ddikit: the implementation crashed, hung or broke a bound (exit 3); report " + index);
            case 2 -> throw new MojoExecutionException("ddikit: bad input (exit 2); see the line above");
            default -> throw new MojoExecutionException("ddikit: the kit broke (exit " + code + ")");
        }
    }

    private int run(List<String> cmd) throws MojoExecutionException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    getLog().info(line);
                }
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new MojoExecutionException("ddikit: the run took longer than " + timeoutSeconds + " s (ddikit.timeout)");
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new MojoExecutionException("ddikit: cannot start " + javaExecutable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("ddikit: interrupted", e);
        }
    }

    /** The kit's jar (or classes folder): the one that carries its features under {@code ddikit/features/}. */
    static boolean isKit(File f) {
        if (f.isDirectory()) {
            return new File(f, "ddikit/features").isDirectory();
        }
        if (!f.getName().endsWith(".jar") || !f.getName().startsWith("ddikit")) {
            return false;
        }
        try (JarFile j = new JarFile(f)) {
            return j.getEntry("io/ddikit/cli/Main.class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The kit's pages and features, as its jar carries them under {@code ddikit/}, into {@code dir}. */
    static void extract(Path jar, Path dir) throws IOException {
        if (Files.isDirectory(jar)) { // the kit's classes folder, as a reactor build resolves it before packaging
            boolean any = false;
            for (String part : List.of("docs-source", "features")) {
                Path from = jar.resolve("ddikit").resolve(part);
                if (!Files.isDirectory(from)) {
                    continue;
                }
                try (var s = Files.walk(from)) {
                    for (Path f : s.filter(Files::isRegularFile).toList()) {
                        Path target = dir.resolve(part).resolve(from.relativize(f).toString());
                        Files.createDirectories(target.getParent());
                        Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        any = true;
                    }
                }
            }
            if (!any) {
                throw new IOException("it holds no ddikit/docs-source/ nor ddikit/features/");
            }
            return;
        }
        try (JarFile j = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = j.entries();
            boolean any = false;
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                String name = e.getName();
                if (e.isDirectory() || !(name.startsWith("ddikit/docs-source/") || name.startsWith("ddikit/features/"))) {
                    continue;
                }
                Path target = dir.resolve(name.substring("ddikit/".length())).normalize();
                if (!target.startsWith(dir)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = j.getInputStream(e)) {
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                any = true;
            }
            if (!any) {
                throw new IOException("it carries no ddikit/docs-source/ nor ddikit/features/");
            }
        }
    }
}
