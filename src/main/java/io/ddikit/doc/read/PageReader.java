package io.ddikit.doc.read;

import io.ddikit.doc.Diagnostic;
import io.ddikit.doc.DocPage;
import io.ddikit.doc.PageSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads reference pages into {@link DocPage}s: the one entry point of the page reader.
 *
 * <p>{@link #read(List)} never throws: a path that cannot be read becomes an error
 * {@link Diagnostic} and the other paths are still read. Thread-safe; holds no state.
 */
public final class PageReader {
    private PageReader() {
    }

    /** Reads every page named by {@code paths}: files as given, folders searched for {@code *.md}. */
    public static PageSource read(List<Path> paths) {
        List<DocPage> pages = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
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
                    diagnostics.add(Diagnostic.error(name, 0, "cannot list this folder: " + e.getMessage()));
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
                    DocPage page = readPage(f);
                    pages.add(page);
                    diagnostics.addAll(page.warnings());
                } catch (PageReadException e) {
                    diagnostics.add(e.diagnostic());
                }
            }
        }
        return new PageSource(pages, diagnostics);
    }

    /** Reads one page file. */
    public static DocPage readPage(Path file) throws PageReadException {
        String name = display(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            throw new PageReadException(Diagnostic.error(name, 0, "cannot read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage())));
        }
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
        return readString(name, content);
    }

    /** Reads one page from its text; {@code file} is the name used in the page and its diagnostics. */
    public static DocPage readString(String file, String content) throws PageReadException {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        if (text.isBlank()) {
            throw new PageReadException(Diagnostic.error(file, 0, "empty page"));
        }
        if (text.indexOf('\0') >= 0) {
            throw new PageReadException(Diagnostic.error(file, 0, "not a text page (binary content)"));
        }
        try {
            return new PageAssembler(file, text).assemble();
        } catch (PageFormatException e) {
            throw new PageReadException(Diagnostic.error(file, e.line(), e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            throw new PageReadException(Diagnostic.error(file, 0, "cannot read this page (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")) + ")"));
        }
    }

    private static String display(Path path) {
        return path.toString().replace('\\', '/');
    }
}
