package io.ddikit.report;

import io.ddikit.result.ImplementationNames;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

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
    /** Names of the report's own files and folders, which no implementation's slug may take. */
    private static final Set<String> RESERVED = Set.of("index", "conformance", "junit", "selftest");
    /** The most characters of a slug that passes through, and of the base of one that is made. */
    static final int MAX_SLUG = 40;
    /** Hex digits of the SHA-256 suffix: 64 bits. */
    static final int HASH_DIGITS = 16;
    private static final Pattern PASS_THROUGH = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern LOOKS_HASHED = Pattern.compile("-[0-9a-f]{" + HASH_DIGITS + "}$");

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
     * @throws IOException              when a file cannot be written; {@code index.html} is then absent
     * @throws IllegalArgumentException when two implementations of {@code input} have the same {@link #slug}
     *                                  (see {@link #slugCollision}), before anything is written
     */
    public Path write(Path dir, ReportInput input) throws IOException {
        for (ReportInput.Family f : input.families()) {
            Optional<String> collision = slugCollision(input.implementationNames(f.id()));
            if (collision.isPresent()) {
                throw new IllegalArgumentException(collision.get());
            }
        }
        Files.createDirectories(dir);
        Path index = dir.resolve(INDEX);
        Files.deleteIfExists(index);

        ReportModelBuilder builder = new ReportModelBuilder(input, dir);
        List<ReportModel.Implementation> impls = builder.implementations();
        ReportModel.Index run = builder.index(impls);
        for (ReportModel.Implementation impl : impls) {
            AtomicFiles.write(dir.resolve(impl.file()), file -> renderer.implementation(impl, run, file));
        }
        if (input.campaign().diff() != null) {
            AtomicFiles.write(dir.resolve(ReportModelBuilder.DIFF_PAGE), file -> renderer.diff(ReportModelBuilder.diff(input.campaign().diff()),
                    input.kitVersion(), file));
        } else {
            Files.deleteIfExists(dir.resolve(ReportModelBuilder.DIFF_PAGE));
        }
        AtomicFiles.write(dir.resolve(CONFORMANCE_JSON), ConformanceJson.write(input));
        AtomicFiles.write(dir.resolve(JUNIT_XML), JUnitXmlWriter.write(input));
        AtomicFiles.write(index, file -> renderer.index(run, file));
        return index;
    }

    /**
     * Writes the page of a diff between two runs alone ({@code ddikit diff --html FILE}).
     */
    public void writeDiff(Path file, io.ddikit.campaign.RunDiff diff, String kitVersion) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.write(file, f -> renderer.diff(ReportModelBuilder.diff(diff), kitVersion, f));
    }

    /**
     * The folder of an implementation's results in the report folder: {@code <family>/<slug>}
     * ({@code ndis-spin-lock/reference}); names are unique within a family, so {@code reference} of two families gets
     * two folders. Results of a kit that knew no families ({@code family} empty) stay at {@code <slug>}.
     */
    public static String folder(String family, String implName) {
        return family.isEmpty() ? slug(implName) : family + "/" + slug(implName);
    }

    /**
     * The file of an implementation's page in the report folder: {@code <family>.<slug>.html}
     * ({@code ndis-spin-lock.reference.html}); a family id and a slug hold no {@code .}, so different implementations
     * get different files.
     */
    public static String page(String family, String implName) {
        return (family.isEmpty() ? "" : family + ".") + slug(implName) + ".html";
    }

    /**
     * A safe folder and file name for an implementation, different for different names. A name passes through
     * unchanged when it is already such a name and cannot be taken for one that was made:
     * <ul>
     *   <li>lowercase {@code [a-z0-9]} words joined by single {@code -} ({@code [a-z0-9]+(-[a-z0-9]+)*}),</li>
     *   <li>at most {@value #MAX_SLUG} characters,</li>
     *   <li>not one of the report's own names ({@code index}, {@code conformance}, {@code junit}, {@code selftest}),</li>
     *   <li>not ending in what a hash suffix looks like: {@code -} and {@value #HASH_DIGITS} hex digits.</li>
     * </ul>
     * Every other name becomes a base (the name lowercased, each run of other characters made one {@code -}, cut to
     * {@value #MAX_SLUG} characters; {@code impl} when nothing is left), then {@code -} and the first
     * {@value #HASH_DIGITS} hex digits (64 bits) of the SHA-256 of the name's UTF-8 bytes (an unpaired surrogate is
     * encoded as its own three bytes, as WTF-8 does, so that no two strings hash the same input). The mapping is
     * injective: a name that passes through never ends like a made slug, and every made slug does; two made slugs
     * are equal only when SHA-256 gives two names the same 64 bits, which no one can bring about for a name of
     * someone else's choosing. Slugs are lowercase, so they stay distinct on file systems that ignore case too. The
     * runner writes implementation X's results into {@code <report>/<slug(X)>/}.
     *
     * <pre>{@code
     * slug("reference")                -> "reference"
     * slug("acme-2")                   -> "acme-2"
     * slug("Acme NDIS 2.0")            -> "acme-ndis-2-0-" + 16 hex digits
     * slug("acme-ndis-2-0-237b9190")   -> "acme-ndis-2-0-237b9190"  (8 hex digits: not what a suffix looks like)
     * slug("acme-0123456789abcdef")    -> "acme-0123456789abcdef-" + 16 hex digits
     * slug("index")                    -> "index-" + 16 hex digits
     * }</pre>
     *
     * @throws NullPointerException when {@code implName} is null
     */
    public static String slug(String implName) {
        String name = Objects.requireNonNull(implName, "implName");
        if (name.length() <= MAX_SLUG && PASS_THROUGH.matcher(name).matches() && !RESERVED.contains(name)
                && !LOOKS_HASHED.matcher(name).find()) {
            return name;
        }
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.length() > MAX_SLUG) {
            base = base.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return (base.isEmpty() ? "impl" : base) + "-" + hash(name);
    }

    /**
     * Why two of {@code names} cannot have a report together: two different names with the same {@link #slug}, named
     * both, in one line; empty when every distinct name has its own slug. (A name given twice is one name.)
     */
    public static Optional<String> slugCollision(Collection<String> names) {
        return slugCollision(names, ReportWriter::slug);
    }

    static Optional<String> slugCollision(Collection<String> names, Function<String, String> slugs) {
        Map<String, String> bySlug = new HashMap<>();
        for (String name : names) {
            String slug = slugs.apply(name);
            String other = bySlug.putIfAbsent(slug, name);
            if (other != null && !other.equals(name)) {
                return Optional.of("implementations \"" + ImplementationNames.printable(other, 80) + "\" and \""
                        + ImplementationNames.printable(name, 80) + "\" would share the report folder " + slug
                        + "; rename one of them");
            }
        }
        return Optional.empty();
    }

    private static String hash(String s) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        return HexFormat.of().formatHex(d.digest(wtf8(s)), 0, HASH_DIGITS / 2);
    }

    /** UTF-8, except that an unpaired surrogate is encoded like any other code point (as String.getBytes would not). */
    static byte[] wtf8(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
        s.codePoints().forEach(cp -> {
            if (cp < 0x80) {
                out.write(cp);
            } else if (cp < 0x800) {
                out.write(0xc0 | cp >> 6);
                out.write(0x80 | cp & 0x3f);
            } else if (cp < 0x10000) {
                out.write(0xe0 | cp >> 12);
                out.write(0x80 | cp >> 6 & 0x3f);
                out.write(0x80 | cp & 0x3f);
            } else {
                out.write(0xf0 | cp >> 18);
                out.write(0x80 | cp >> 12 & 0x3f);
                out.write(0x80 | cp >> 6 & 0x3f);
                out.write(0x80 | cp & 0x3f);
            }
        });
        return out.toByteArray();
    }
}
