package io.ddikit.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A submission: a run's report folder packed with the implementation's files and a manifest of hashes, so that a
 * certifier can check nothing was changed and run it again ({@code ddikit bundle}, {@code ddikit verify}).
 *
 * <pre>
 * manifest.json                 what the bundle holds (below); every other entry is listed in it with its sha-256
 * report/…                      the report folder as the run wrote it (conformance.json, pages, results, invocation.json)
 * implementation/N/NAME         each implementation file given to the run under its own name (a jar, a native library; a class folder as N/NAME/…)
 * </pre>
 *
 * The manifest records the kit's version and the sha-256 of its jar, each page's fingerprint, each feature file's
 * sha-256, each implementation file's original path and sha-256, the run's options (its seed among them), each
 * implementation's seed, and the schedule ids of the counterexamples in the results.
 */
public final class Bundle {
    public static final String MANIFEST = "manifest.json";
    public static final String REPORT = "report/";
    public static final String IMPLEMENTATION = "implementation/";
    /** The bound on one entry when a bundle is opened: 1 GiB. */
    static final long MAX_ENTRY = 1L << 30;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern SCHEDULE = Pattern.compile("schedule ((?:rw|pct\\d)-[0-9a-f]+) \\(decisions");

    private Bundle() {
    }

    /** A bundle that cannot be made or read; the message names the file. */
    public static final class BundleException extends Exception {
        private static final long serialVersionUID = 1L;

        public BundleException(String message) {
            super(message);
        }
    }

    /**
     * Packs {@code reportDir} (a finished run's report folder) with the implementation files its invocation names and
     * the hashes of {@code featureFiles}, into {@code zip}. Returns the manifest's own sha-256, the bundle's id.
     */
    public static String write(Path reportDir, List<Path> featureFiles, Path root, Path zip) throws BundleException, IOException {
        Path inv = reportDir.resolve(Invocation.FILE);
        Path conformance = reportDir.resolve("conformance.json");
        if (!Files.isRegularFile(conformance)) {
            throw new BundleException(reportDir + ": no conformance.json; is it the report folder of a finished './ddikit run'?");
        }
        if (!Files.isRegularFile(inv)) {
            throw new BundleException(reportDir + ": no " + Invocation.FILE + "; a bundle is made from the folder of a run that ended "
                    + "(a merged or rebuilt report cannot be re-run)");
        }
        Invocation invocation;
        try (InputStream in = Files.newInputStream(inv)) {
            invocation = Invocation.read(in);
        } catch (IOException e) {
            throw new BundleException(inv + ": cannot be read: " + e.getMessage());
        }
        Map<String, String> files = new TreeMap<>();
        List<Map<String, Object>> impls = new ArrayList<>();
        Path tmp = zip.resolveSibling(zip.getFileName() + ".tmp");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            List<Path> reportFiles;
            try (var s = Files.walk(reportDir)) {
                reportFiles = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".ddikit"))
                        .sorted().toList();
            }
            for (Path f : reportFiles) {
                add(out, REPORT + reportDir.relativize(f).toString().replace('\\', '/'), f, files);
            }
            int n = 0;
            for (Invocation.ImplementationFile f : invocation.files()) {
                Path p = Path.of(f.path());
                if (!Files.exists(p)) {
                    throw new BundleException(p + ": the implementation file the run was given is gone; bundle right after the run");
                }
                String now = Invocation.sha256(p);
                if (!now.equals(f.sha256())) {
                    throw new BundleException(p + ": changed since the run (" + now + ", the run had " + f.sha256() + ")");
                }
                // a folder per file keeps its name, which a native library's default implementation name comes from
                String name = IMPLEMENTATION + (n++) + "/" + p.getFileName();
                if (Files.isDirectory(p)) {
                    try (var s = Files.walk(p)) {
                        for (Path c : s.filter(Files::isRegularFile).sorted().toList()) {
                            add(out, name + "/" + p.relativize(c).toString().replace('\\', '/'), c, files);
                        }
                    }
                } else {
                    add(out, name, p, files);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("option", f.option());
                m.put("bundled", name);
                m.put("original", f.path());
                m.put("sha256", f.sha256());
                impls.add(m);
            }
            JsonNode doc = JSON.readTree(conformance.toFile());
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("ddikit-bundle", 1);
            manifest.put("kit", Map.of("version", invocation.kitVersion(), "jar", invocation.kitJar()));
            Map<String, String> pages = new TreeMap<>();
            doc.path("pages").forEach(p -> pages.put(p.path("file").asText(), p.path("fingerprint").asText()));
            manifest.put("pages", pages);
            Map<String, String> features = new TreeMap<>();
            for (Path f : featureFiles) {
                features.put(root.relativize(f.toAbsolutePath().normalize()).toString().replace('\\', '/'), Invocation.sha256(f));
            }
            manifest.put("features", features);
            manifest.put("implementationFiles", impls);
            manifest.put("args", invocation.args());
            Map<String, Object> seeds = new TreeMap<>();
            List<String> schedules = new ArrayList<>();
            for (JsonNode i : doc.path("implementations")) {
                seeds.put(i.path("family").asText() + "/" + i.path("name").asText(), i.path("environment").path("seed").asLong());
                Matcher m = SCHEDULE.matcher(i.toString());
                while (m.find()) {
                    if (!schedules.contains(m.group(1))) {
                        schedules.add(m.group(1));
                    }
                }
            }
            manifest.put("seeds", seeds);
            manifest.put("schedules", schedules);
            manifest.put("files", files);
            byte[] bytes = JSON.writeValueAsBytes(manifest);
            out.putNextEntry(new ZipEntry(MANIFEST));
            out.write(bytes);
            out.closeEntry();
            out.finish();
            Files.move(tmp, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return Invocation.sha256(bytes);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void add(ZipOutputStream out, String name, Path file, Map<String, String> files) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0); // the bundle's bytes depend on its contents, not on when it was made
        out.putNextEntry(e);
        Files.copy(file, out);
        out.closeEntry();
        files.put(name, Invocation.sha256(file));
    }

    /**
     * An opened bundle: its entries extracted into {@code dir}, its manifest, and every way the entries differ from
     * the manifest (an entry changed, missing or not listed), each one line naming the entry.
     */
    public record Opened(Path dir, JsonNode manifest, String id, List<String> mismatches) {

        public Path report() {
            return dir.resolve("report");
        }

        public Invocation invocation() throws IOException {
            try (InputStream in = Files.newInputStream(report().resolve(Invocation.FILE))) {
                return Invocation.read(in);
            }
        }

        /** The bundled implementation files, in the run's order, with the option each was given with. */
        public List<Map.Entry<String, Path>> implementationFiles() {
            List<Map.Entry<String, Path>> out = new ArrayList<>();
            manifest.path("implementationFiles").forEach(f -> out.add(Map.entry(f.path("option").asText(),
                    dir.resolve(f.path("bundled").asText()))));
            return out;
        }
    }

    /** Extracts {@code zip} into {@code dir} (which must be empty) and checks every entry against the manifest. */
    public static Opened open(Path zip, Path dir) throws BundleException, IOException {
        if (!Files.isRegularFile(zip)) {
            throw new BundleException(zip + ": no such bundle");
        }
        Map<String, String> actual = new TreeMap<>();
        byte[] manifestBytes = null;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            var entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                Path target = dir.resolve(name).normalize();
                if (name.startsWith("/") || name.contains("\\") || !target.startsWith(dir) || name.split("/").length > 64) {
                    throw new BundleException(zip + ": entry '" + io.ddikit.result.Bounds.printable(name, 200) + "' points outside the bundle");
                }
                if (name.equals(MANIFEST)) {
                    try (InputStream in = z.getInputStream(e)) {
                        manifestBytes = in.readNBytes(16 << 20);
                    }
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(e); OutputStream o = Files.newOutputStream(target)) {
                    byte[] buf = new byte[1 << 16];
                    long total = 0;
                    for (int n; (n = in.read(buf)) > 0; ) {
                        total += n;
                        if (total > MAX_ENTRY) {
                            throw new BundleException(zip + ": entry " + name + " is larger than " + (MAX_ENTRY >> 30) + " GiB");
                        }
                        o.write(buf, 0, n);
                    }
                }
                actual.put(name, Invocation.sha256(target));
            }
        } catch (java.util.zip.ZipException e) {
            throw new BundleException(zip + ": not a zip file: " + e.getMessage());
        }
        if (manifestBytes == null) {
            throw new BundleException(zip + ": holds no " + MANIFEST + "; is it a bundle of './ddikit bundle'?");
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestBytes);
        } catch (IOException e) {
            throw new BundleException(zip + ": " + MANIFEST + " is not valid JSON: " + e.getMessage());
        }
        if (manifest == null || manifest.path("ddikit-bundle").asInt() != 1 || !manifest.path("files").isObject()) {
            throw new BundleException(zip + ": " + MANIFEST + " is not a ddikit bundle manifest of version 1");
        }
        List<String> mismatches = new ArrayList<>();
        Map<String, String> listed = new TreeMap<>();
        manifest.path("files").fields().forEachRemaining(f -> listed.put(f.getKey(), f.getValue().asText()));
        listed.forEach((name, hash) -> {
            String is = actual.get(name);
            if (is == null) {
                mismatches.add(name + ": listed in the manifest but not in the bundle");
            } else if (!is.equals(hash)) {
                mismatches.add(name + ": its sha-256 is " + is + ", the manifest says " + hash + " (changed after bundling)");
            }
        });
        actual.keySet().stream().filter(n -> !listed.containsKey(n))
                .forEach(n -> mismatches.add(n + ": in the bundle but not in the manifest (added after bundling)"));
        if (!Files.isRegularFile(dir.resolve("report").resolve(Invocation.FILE)) && mismatches.isEmpty()) {
            mismatches.add("report/" + Invocation.FILE + ": missing; the run cannot be made again");
        }
        return new Opened(dir, manifest, Invocation.sha256(manifestBytes), mismatches);
    }
}
