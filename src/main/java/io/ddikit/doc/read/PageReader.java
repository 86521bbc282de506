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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * the length of a paragraph). {@link #read(List, Limits)} reads on a thread of its own with a large stack,
 * so that long runs of markup on one line do not exhaust the stack, and stops waiting for a page a little
 * after its time budget even if the parser does not notice.
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
        try (ReaderThread reader = new ReaderThread()) {
            for (Path path : paths) {
                String name = display(path);
                if (!Files.exists(path)) {
                    diagnostics.add(Diagnostic.error(name, 0, "no such file or folder"));
                    continue;
                }
                List<Path> files;
                if (Files.isDirectory(path)) {
                    try (Stream<Path> walk = Files.walk(path)) {
                        files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".md")).sorted().toList();
                    } catch (IOException | RuntimeException e) {
                        diagnostics.add(Diagnostic.error(name, 0, "cannot list this folder: " + reason(e)));
                        continue;
                    }
                    if (files.isEmpty()) {
                        diagnostics.add(Diagnostic.error(name, 0, "no pages (*.md) under this folder"));
                        continue;
                    }
                } else {
                    files = List.of(path);
                }
                for (Path f : files) {
                    try {
                        DocPage page = reader.read(f, limits);
                        pages.add(page);
                        diagnostics.addAll(page.warnings());
                    } catch (PageReadException e) {
                        if (e.notAReferencePage() != null) {
                            skipped.add(new PageSource.Skipped(e.diagnostic().file(), e.notAReferencePage()));
                        } else {
                            diagnostics.add(e.diagnostic());
                        }
                    }
                }
            }
        }
        return new PageSource(pages, diagnostics, skipped);
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

    /**
     * The thread pages are read on: a large stack, and a bounded wait. A page that is still being read
     * {@link #GRACE} after its time budget is given up (the thread is interrupted and left; it is a daemon).
     */
    private static final class ReaderThread implements AutoCloseable {
        private ExecutorService executor;

        DocPage read(Path file, Limits limits) throws PageReadException {
            if (executor == null) {
                executor = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(null, r, "ddikit-page-reader", READER_STACK_BYTES);
                    t.setDaemon(true);
                    return t;
                });
            }
            Future<DocPage> page;
            try {
                page = executor.submit(() -> readPage(file, limits));
            } catch (RuntimeException | OutOfMemoryError e) {
                // no thread could be made (a small address space): read on this thread instead
                return readPage(file, limits);
            }
            try {
                return page.get(limits.timeout().plus(GRACE).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof PageReadException p) {
                    throw p;
                }
                throw new PageReadException(Diagnostic.error(display(file), 0, "cannot read this page ("
                        + e.getCause().getClass().getSimpleName() + ")"));
            } catch (TimeoutException e) {
                page.cancel(true);
                executor.shutdownNow();
                executor = null;
                throw new PageReadException(Diagnostic.error(display(file), 0, "reading stopped after "
                        + said(limits.timeout()) + ": the page's markup is too costly to parse (--page-timeout)"));
            } catch (InterruptedException e) {
                page.cancel(true);
                Thread.currentThread().interrupt();
                throw new PageReadException(Diagnostic.error(display(file), 0, "reading interrupted"));
            }
        }

        @Override
        public void close() {
            if (executor != null) {
                executor.shutdownNow();
            }
        }
    }
}
