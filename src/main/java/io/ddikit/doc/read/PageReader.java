package io.ddikit.doc.read;

import io.ddikit.doc.Diagnostic;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.PageSource;
import io.ddikit.doc.markdown.MarkdownLimitException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Reads reference pages into {@link DocPage}s: the one entry point of the page reader.
 *
 * <p>{@link #read(List)} never throws: a path that cannot be read becomes an error
 * {@link Diagnostic} and the other paths are still read. Thread-safe; holds no state.
 *
 * <p>Hostile input is refused with a reason, never a hang or a crash: pages larger than
 * {@link Limits#maxPageBytes()}, files that are not regular files (pipes, devices), binary content,
 * markup nested deeper than {@link io.ddikit.doc.markdown.MarkdownOutlineParser#MAX_NESTING}, and pages
 * whose parsing takes longer than {@link Limits#timeout()} (some Markdown constructs cost time quadratic in
 * the length of a paragraph). {@link #read(List, Limits)} and {@link #stream} read on threads of their own with
 * a large stack, so that long runs of markup on one line do not exhaust the stack, one per core, and stop waiting
 * for a page a little after its time budget even if the parser does not notice.
 */
public final class PageReader {
    /** The reader thread's stack: regular expressions in the Markdown parser recurse once per character of some runs. */
    static final long READER_STACK_BYTES = 64L << 20;
    /** How long past a page's time budget {@link #read(List, Limits)} still waits for the reader thread. */
    static final Duration GRACE = Duration.ofSeconds(5);

    /**
     * What a page may cost.
     *
     * @param maxPageBytes the largest page read, in bytes; larger files are refused before being read
     * @param timeout      the longest time reading one page may take
     */
    public record Limits(long maxPageBytes, Duration timeout) {
        /** 4 MiB, far above a reference page (the seed is 5 KiB); reading costs 20 to 40 bytes of heap per byte of page. */
        public static final long DEFAULT_MAX_PAGE_BYTES = 4L << 20;
        /** 60 s: a 4 MiB page of ordinary prose reads in under 10 s on a loaded 2-core machine. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
        /** The defaults. */
        public static final Limits DEFAULT = new Limits(DEFAULT_MAX_PAGE_BYTES, DEFAULT_TIMEOUT);

        public Limits {
            if (maxPageBytes < 1 || maxPageBytes > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("the page size limit must be 1 to " + (Integer.MAX_VALUE - 16) + " bytes");
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the page time limit must be more than zero");
            }
        }
    }

    private PageReader() {
    }

    /** Reads every page named by {@code paths} with the default {@link Limits}. */
    public static PageSource read(List<Path> paths) {
        return read(paths, Limits.DEFAULT);
    }

    /** Reads every page named by {@code paths}: files as given, folders searched for {@code *.md}. */
    public static PageSource read(List<Path> paths, Limits limits) {
        List<DocPage> pages = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<PageSource.Skipped> skipped = new ArrayList<>();
        stream(paths, limits, defaultThreads(), new Sink() {
            @Override
            public void page(DocPage page) {
                pages.add(page);
                diagnostics.addAll(page.warnings());
            }

            @Override
            public void problem(Diagnostic d) {
                diagnostics.add(d);
            }

            @Override
            public void skipped(PageSource.Skipped s) {
                skipped.add(s);
            }
        });
        return new PageSource(pages, diagnostics, skipped);
    }

    /** What {@link #stream} hands over, in the order of the input, on the thread that called it. */
    public interface Sink {
        /** A page read (its warnings are in {@link DocPage#warnings()}). */
        void page(DocPage page);

        /** A path or page that could not be read. */
        void problem(Diagnostic d);

        /** A file that is not a reference page. */
        void skipped(PageSource.Skipped s);
    }

    /**
     * A {@link Sink} that turns each page into its output (text, a line of JSON) on the reader's thread, as soon as the
     * page is read, so that this work runs on every core instead of on the one thread that hands pages over; each page
     * is then handed over with its output, still in input order. {@link #render} must not depend on earlier pages.
     *
     * @param <T> the output of one page
     */
    public interface RenderingSink<T> extends Sink {
        /** Called on a reader thread, once per page read. */
        T render(DocPage page);

        /** A page read and its output, in input order, on the thread that called {@link #stream}. */
        void page(DocPage page, T rendered);

        @Override
        default void page(DocPage page) {
            page(page, render(page));
        }
    }

    /** The threads {@link #read(List, Limits)} reads on: one per core. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Reads every page named by {@code paths} on {@code threads} threads and hands each to {@code sink} as soon as it
     * and every page before it are read, in input order: folders are searched for {@code *.md} (sorted), files taken
     * as given. At most a few pages per thread are held at once, so memory stays bounded whatever the number of pages.
     * A page still being read {@link #GRACE} past its time budget is given up (an error) and its thread replaced.
     */
    public static void stream(List<Path> paths, Limits limits, int threads, Sink sink) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(null, r, "ddikit-page-reader", READER_STACK_BYTES);
                    t.setDaemon(true);
                    return t;
                });
        int window = threads * 4;
        java.util.ArrayDeque<Pending> inFlight = new java.util.ArrayDeque<>();
        try {
            for (Path path : paths) {
                String name = display(path);
                if (!Files.exists(path)) {
                    drain(inFlight, 0, pool, limits, sink);
                    sink.problem(Diagnostic.error(name, 0, "no such file or folder"));
                    continue;
                }
                List<Path> files;
                if (Files.isDirectory(path)) {
                    try (Stream<Path> walk = Files.walk(path)) {
                        files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".md")).sorted().toList();
                    } catch (IOException | RuntimeException e) {
                        drain(inFlight, 0, pool, limits, sink);
                        sink.problem(Diagnostic.error(name, 0, "cannot list this folder: " + reason(e)));
                        continue;
                    }
                    if (files.isEmpty()) {
                        drain(inFlight, 0, pool, limits, sink);
                        sink.problem(Diagnostic.error(name, 0, "no pages (*.md) under this folder"));
                        continue;
                    }
                } else {
                    files = List.of(path);
                }
                for (Path f : files) {
                    drain(inFlight, window - 1, pool, limits, sink);
                    inFlight.addLast(submit(pool, f, limits, sink));
                }
            }
            drain(inFlight, 0, pool, limits, sink);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A page being read: its file and its future. */
    private record Pending(Path file, Future<Read> page) {
    }

    /** A page read and, for a {@link RenderingSink}, its output ({@code rendered} false when rendering must be redone). */
    private record Read(DocPage page, Object output, boolean rendered) {
    }

    private static Pending submit(ThreadPoolExecutor pool, Path f, Limits limits, Sink sink) {
        try {
            return new Pending(f, pool.submit(() -> read(f, limits, sink)));
        } catch (RuntimeException | OutOfMemoryError e) {
            // no thread could be made (a small address space): read on this thread instead
            java.util.concurrent.CompletableFuture<Read> done = new java.util.concurrent.CompletableFuture<>();
            try {
                done.complete(new Read(readPage(f, limits), null, false));
            } catch (PageReadException p) {
                done.completeExceptionally(p);
            }
            return new Pending(f, done);
        }
    }

    private static Read read(Path f, Limits limits, Sink sink) throws PageReadException {
        DocPage page = readPage(f, limits);
        if (sink instanceof RenderingSink<?> r) {
            try {
                return new Read(page, r.render(page), true);
            } catch (RuntimeException e) {
                // rendered again where the page is handed over, so that the failure surfaces to the sink's caller
                return new Read(page, null, false);
            }
        }
        return new Read(page, null, false);
    }

    @SuppressWarnings("unchecked")
    private static <T> void handOver(Sink sink, Read read) {
        if (read.rendered() && sink instanceof RenderingSink<?> r) {
            ((RenderingSink<T>) r).page(read.page(), (T) read.output());
        } else {
            sink.page(read.page());
        }
    }

    /** Hands over the oldest pages until at most {@code keep} are still in flight. */
    private static void drain(java.util.ArrayDeque<Pending> inFlight, int keep, ThreadPoolExecutor pool, Limits limits, Sink sink) {
        while (inFlight.size() > keep) {
            Pending p = inFlight.removeFirst();
            try {
                handOver(sink, await(p, pool, limits));
            } catch (PageReadException e) {
                if (e.notAReferencePage() != null) {
                    sink.skipped(new PageSource.Skipped(e.diagnostic().file(), e.notAReferencePage()));
                } else {
                    sink.problem(e.diagnostic());
                }
            }
        }
    }

    /**
     * The page once read. A page's wait starts when it reaches the head of the line, so a page queued behind slow ones
     * is not charged for them; its thread is bounded by the page's own time budget in the parser, and this wait is the
     * backstop for anything that does not notice it.
     */
    private static Read await(Pending p, ThreadPoolExecutor pool, Limits limits) throws PageReadException {
        try {
            return p.page().get(limits.timeout().plus(GRACE).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PageReadException r) {
                throw r;
            }
            throw new PageReadException(Diagnostic.error(display(p.file()), 0, "cannot read this page ("
                    + e.getCause().getClass().getSimpleName() + ")"));
        } catch (TimeoutException e) {
            p.page().cancel(true);
            // the thread may never come back: one more keeps the others' pace
            pool.setMaximumPoolSize(pool.getMaximumPoolSize() + 1);
            pool.setCorePoolSize(pool.getCorePoolSize() + 1);
            throw new PageReadException(Diagnostic.error(display(p.file()), 0, "reading stopped after "
                    + said(limits.timeout()) + ": the page's markup is too costly to parse (--page-timeout)"));
        } catch (InterruptedException e) {
            p.page().cancel(true);
            Thread.currentThread().interrupt();
            throw new PageReadException(Diagnostic.error(display(p.file()), 0, "reading interrupted"));
        }
    }

    /** Reads one page file with the default {@link Limits}, on the calling thread. */
    public static DocPage readPage(Path file) throws PageReadException {
        return readPage(file, Limits.DEFAULT);
    }

    /** Reads one page file on the calling thread. */
    public static DocPage readPage(Path file, Limits limits) throws PageReadException {
        String name = display(file);
        byte[] bytes = bytes(file, name, limits.maxPageBytes());
        for (byte b : bytes) {
            if (b == 0) {
                throw new PageReadException(Diagnostic.error(name, 0, "not a text page (binary content)"));
            }
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PageReadException(Diagnostic.error(name, 0, "not a text page (binary content)"));
        }
        bytes = null;
        return readString(name, content, limits.timeout());
    }

    private static byte[] bytes(Path file, String name, long max) throws PageReadException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new PageReadException(Diagnostic.error(name, 0, "not a regular file"));
            }
            long size = Files.size(file);
            if (size > max) {
                throw tooLarge(name, size, max);
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes((int) max + 1);
                if (bytes.length > max) {
                    throw tooLarge(name, Math.max(size, bytes.length), max);
                }
                return bytes;
            }
        } catch (IOException | RuntimeException e) {
            throw new PageReadException(Diagnostic.error(name, 0, "cannot read: " + reason(e)));
        } catch (OutOfMemoryError e) {
            throw new PageReadException(Diagnostic.error(name, 0, outOfMemory()));
        }
    }

    private static PageReadException tooLarge(String name, long size, long max) {
        return new PageReadException(Diagnostic.error(name, 0, String.format(Locale.ROOT,
                "page too large: %,d bytes, more than the limit of %,d (--max-page-bytes)", size, max)));
    }

    /** Reads one page from its text with the default time budget; {@code file} is the name used in the page and its diagnostics. */
    public static DocPage readString(String file, String content) throws PageReadException {
        return readString(file, content, Limits.DEFAULT_TIMEOUT);
    }

    /** Reads one page from its text, on the calling thread, stopping once {@code timeout} has passed. */
    public static DocPage readString(String file, String content, Duration timeout) throws PageReadException {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        if (text.isBlank()) {
            throw new PageReadException(Diagnostic.error(file, 0, "empty page"));
        }
        if (text.indexOf('\0') >= 0) {
            throw new PageReadException(Diagnostic.error(file, 0, "not a text page (binary content)"));
        }
        PageAssembler assembler = null;
        try {
            assembler = new PageAssembler(file, text, timeout);
            return assembler.assemble();
        } catch (PageFormatException.NotAReferencePage e) {
            throw PageReadException.notAReferencePage(file, e.what);
        } catch (PageFormatException e) {
            throw new PageReadException(Diagnostic.error(file, e.line(), e.getMessage()));
        } catch (MarkdownLimitException e) {
            int line = e.offset() < 0 || assembler == null ? 0 : assembler.lineOfBodyOffset(e.offset());
            throw new PageReadException(Diagnostic.error(file, line, e.getMessage()
                    + (e.isTimeout() ? " (--page-timeout)" : "")));
        } catch (StackOverflowError e) {
            throw new PageReadException(Diagnostic.error(file, 0,
                    "markup too deeply nested or too long on one line for the reader (stack exhausted)"));
        } catch (OutOfMemoryError e) {
            assembler = null;
            throw new PageReadException(Diagnostic.error(file, 0, outOfMemory()));
        } catch (RuntimeException e) {
            throw new PageReadException(Diagnostic.error(file, 0, "cannot read this page (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")) + ")"));
        }
    }

    private static String outOfMemory() {
        return "not enough memory to read this page (the kit may use " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MB; give it more with DDIKIT_JAVA_OPTS=-Xmx…)";
    }

    /** A one-line reason for an I/O failure, without the path (the diagnostic names the file). */
    static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " " + m.lines().findFirst().orElse(""));
    }

    /** A duration as the messages say it: "60 s", or "500 ms" when not whole seconds. */
    static String said(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String display(Path path) {
        return path.toString().replace('\\', '/');
    }
}
