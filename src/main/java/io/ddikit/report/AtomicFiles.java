package io.ddikit.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file whole or not at all: the bytes go to a temporary file in the same folder, which is forced to
 * the disk and then moved over the target in one step. A reader never sees a half-written file; a writer that
 * dies leaves at most a {@code .tmp} file, never a truncated target.
 */
final class AtomicFiles {
    /** Suffix of the temporary files; none is left behind by a write that returns or throws. */
    static final String TMP_SUFFIX = ".tmp";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** What goes into a file: written into the (empty) temporary file it is given, which it may also read back. */
    interface Content {
        void writeTo(Path file) throws IOException;
    }

    private AtomicFiles() {
    }

    static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path target, byte[] bytes) throws IOException {
        write(target, tmp -> Files.write(tmp, bytes, StandardOpenOption.TRUNCATE_EXISTING));
    }

    /** Writes {@code target} with what {@code content} writes; when it throws, {@code target} is left as it was. */
    static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // created as any file of the user's (their umask applies), not private as a temporary file would be: a report
        // is made to be read by others
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + TMP_SUFFIX);
        Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        try {
            content.writeTo(tmp);
            try (FileChannel written = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                written.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
