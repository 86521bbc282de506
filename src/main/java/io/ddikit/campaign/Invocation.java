package io.ddikit.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * How a run was made, written beside its report as {@code invocation.json} so that a bundle can be re-run: the kit,
 * the implementation files given (jars, native libraries) with their hashes, and the options that decide verdicts
 * (families, implementations, clauses, tags, processors, call timeout, seed, schedules, repeats) as the argument list
 * of {@code ddikit run} without the files and the report folder.
 *
 * @param kitVersion the kit's version
 * @param kitJar     the sha-256 of the kit's jar ({@code sha256:…}), or {@code unknown} when the kit runs from classes
 * @param files      the implementation files given, in order: each its option ({@code --classpath}), path and hash
 * @param args       the options to run again with
 */
public record Invocation(String kitVersion, String kitJar, List<ImplementationFile> files, List<String> args) {

    public static final String FILE = "invocation.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Invocation {
        files = List.copyOf(files);
        args = List.copyOf(args);
    }

    /** A file an implementation came in: {@code option} is {@code --classpath} or {@code --native}. */
    public record ImplementationFile(String option, String path, String sha256) {
    }

    public void write(Path reportDir) throws IOException {
        Path tmp = reportDir.resolve(FILE + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, reportDir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static Invocation read(InputStream in) throws IOException {
        return JSON.readValue(in, Invocation.class);
    }

    /** {@code sha256:<hex>} of a file, or of every file under a folder in path order (a class folder). */
    public static String sha256(Path p) throws IOException {
        MessageDigest d = digest();
        if (Files.isDirectory(p)) {
            try (var s = Files.walk(p)) {
                for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                    d.update(p.relativize(f).toString().replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    d.update((byte) 0);
                    update(d, f);
                }
            }
        } else {
            update(d, p);
        }
        return "sha256:" + HexFormat.of().formatHex(d.digest());
    }

    /** {@code sha256:<hex>} of bytes. */
    public static String sha256(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static void update(MessageDigest d, Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sha-256 of the jar the kit runs from, or {@code unknown} when it runs from a class folder. */
    public static String runningKitJar() {
        try {
            Path p = Path.of(Invocation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? sha256(p) : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
