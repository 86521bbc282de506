package io.ddikit.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a run's report into a folder:
 * <ul>
 *   <li>{@code <slug>.html} per implementation: its banner, the pages with each sentence marked by its
 *       verdict, and each clause's evidence;</li>
 *   <li>{@code conformance.json} and {@code junit.xml};</li>
 *   <li>{@code index.html}, last: the run's summary, the verdict picture and the clause × implementation matrix.</li>
 * </ul>
 * Every file is written whole or not at all ({@link AtomicFiles}). An {@code index.html} left by an earlier
 * run is removed first, so a write that fails or is killed leaves no {@code index.html} that looks complete.
 * A runner that wants a report to exist while it runs writes one with runs that have not ended
 * ({@code RunInfo.ended == null}); every page of it then says, prominently, that the run is incomplete.
 *
 * <pre>{@code
 * Path index = new ReportWriter().write(Path.of("reports"), ReportInput.of(pages, verdicts, kitVersion));
 * }</pre>
 */
public final class ReportWriter {
    /** The run's front page, written last. */
    public static final String INDEX = "index.html";
    /** The machine-readable verdicts. */
    public static final String CONFORMANCE_JSON = "conformance.json";
    /** One testsuite per implementation, one testcase per clause. */
    public static final String JUNIT_XML = "junit.xml";
    /** File names of the report's own files, which no implementation's slug may take. */
    private static final Set<String> RESERVED = Set.of("index", "conformance", "junit");
    private static final int MAX_SLUG = 40;

    private final HtmlRenderer renderer;

    public ReportWriter() {
        this(new HtmlRenderer());
    }

    ReportWriter(HtmlRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /**
     * Writes the report of {@code input} into {@code dir}, creating it when needed.
     *
     * @return the path of {@code index.html}
     * @throws IOException when a file cannot be written; {@code index.html} is then absent
     */
    public Path write(Path dir, ReportInput input) throws IOException {
        Files.createDirectories(dir);
        Path index = dir.resolve(INDEX);
        Files.deleteIfExists(index);

        ReportModelBuilder builder = new ReportModelBuilder(input, dir);
        List<ReportModel.Implementation> impls = builder.implementations();
        ReportModel.Index run = builder.index(impls);
        for (ReportModel.Implementation impl : impls) {
            AtomicFiles.write(dir.resolve(impl.file()), file -> renderer.implementation(impl, run, file));
        }
        AtomicFiles.write(dir.resolve(CONFORMANCE_JSON), ConformanceJson.write(input));
        AtomicFiles.write(dir.resolve(JUNIT_XML), JUnitXmlWriter.write(input));
        AtomicFiles.write(index, file -> renderer.index(run, file));
        return index;
    }

    /**
     * A safe folder and file name for an implementation: lowercase {@code [a-z0-9-]}, at most 40 characters
     * before the suffix. A name that is not already such a slug (other characters, upper case, too long, or one
     * of the report's own names) gets {@code -} and 8 hex digits of its SHA-256, so that different names give
     * different slugs. The runner writes implementation X's results into {@code <report>/<slug(X)>/}.
     *
     * <pre>{@code
     * slug("reference")        -> "reference"
     * slug("Acme NDIS 2.0")    -> "acme-ndis-2-0-" + 8 hex digits
     * }</pre>
     */
    public static String slug(String implName) {
        String name = implName == null ? "" : implName;
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.length() > MAX_SLUG) {
            base = base.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        if (base.equals(name) && !base.isEmpty() && !RESERVED.contains(base)) {
            return base;
        }
        return (base.isEmpty() ? "impl" : base) + "-" + hash(name);
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
