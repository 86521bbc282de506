package io.ddikit.cli;

import io.ddikit.result.ImplementationNames;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One command at a time in a report folder: an exclusive lock on {@code <folder>/.ddikit.lock}, held from the start of
 * a command that writes (or reads results from) the folder to its end.
 *
 * <p>The lock is the operating system's ({@link FileChannel#tryLock}), so it ends with the process that holds it, even
 * one killed with SIGKILL: there is no stale lock to remove. While held, the file says who holds it
 * ({@code pid 1234, ddikit run, started 2026-12-01T20:40:00Z}), which is what a command refused names:
 *
 * <pre>
 * reports is in use by another run of ddikit (pid 1234, ddikit run, started 2026-12-01T20:40:00Z); wait for it or give another --report folder
 * </pre>
 *
 * The file stays after the lock is released (empty), except in a folder the lock itself created and in which nothing
 * else was written, which is removed again, so a command refused for bad input leaves no folder behind. It is a file
 * directly in the folder, so it is never taken for results (those are sub-folders with a {@code run.json}).
 *
 * <p>Nothing in a process that holds the lock may open the lock file other than through this class: the lock is a POSIX
 * record lock, which the process loses when it closes <em>any</em> descriptor of the file. So this class reads the
 * file only to name another process's lock, and checks which file it locked by {@code stat}, never by reading it.
 *
 * <pre>{@code
 * try (ReportFolderLock lock = ReportFolderLock.take(reportDir, "ddikit run", ReportFolderLock.WRITING)) {
 *     ... write into reportDir ...
 * }   // Project.InputError when another command holds it
 * }</pre>
 */
final class ReportFolderLock implements AutoCloseable {
    /** The lock file's name, in the report folder. */
    static final String FILE = ".ddikit.lock";
    /** What to do about a folder in use that the command would write into. */
    static final String WRITING = "wait for it or give another --report folder";
    /** What to do about a folder in use that the command would only read results from. */
    static final String READING = "wait for it to end";

    /**
     * The byte locked: far past what the file holds, so that the holder's description stays readable where locks are
     * mandatory (Windows). SQLite's lock bytes sit at the same offset for the same reason.
     */
    private static final long LOCKED_BYTE = 1L << 30;
    private static final int MAX_DESCRIPTION = 4096;
    private static final int ATTEMPTS = 5;
    /**
     * Folders locked by this JVM, with their holder's description. The OS lock is the process's, so this is too:
     * another channel on a file this JVM has locked must never be opened, because closing it would release the lock
     * (POSIX record locks belong to the process, and any close of the file drops them).
     */
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path folder;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean created;
    private final String holder;

    private ReportFolderLock(Path folder, Path key, FileChannel channel, FileLock lock, boolean created, String holder) {
        this.folder = folder;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
        this.created = created;
        this.holder = holder;
    }

    /**
     * Locks {@code folder}, creating it when it is missing.
     *
     * @param command what holds the lock, as another command refused will name it ({@code ddikit run})
     * @param hint    what a command refused should do, after the {@code ;} ({@link #WRITING}, {@link #READING})
     * @throws Project.InputError when another command (in this process or another) holds the lock, naming the folder
     *                            and that command's pid, command and start
     * @throws IOException        when the folder or its lock file cannot be made or locked
     */
    static ReportFolderLock take(Path folder, String command, String hint) throws Project.InputError, IOException {
        boolean created = false;
        for (int attempt = 1; ; attempt++) {
            created |= !Files.isDirectory(folder);
            Files.createDirectories(folder);
            ReportFolderLock taken = tryTake(folder, command, hint, created);
            if (taken != null) {
                return taken;
            }
            if (attempt == ATTEMPTS) {
                throw new IOException("cannot lock " + folder.resolve(FILE) + ": it keeps being removed");
            }
        }
    }

    /**
     * Like {@link #take}, but a missing folder is not created and nothing is held: null (the caller reports the folder
     * missing).
     */
    static ReportFolderLock takeIfExists(Path folder, String command, String hint) throws Project.InputError, IOException {
        return Files.isDirectory(folder) ? take(folder, command, hint) : null;
    }

    /**
     * Locks a folder that is only read ({@link #READING}). A folder that is missing, or that this process may not write
     * into (so cannot lock, as results handed over read-only), is not locked: null, and the caller goes ahead.
     */
    static ReportFolderLock takeToRead(Path folder, String command) throws Project.InputError {
        try {
            return takeIfExists(folder, command, READING);
        } catch (IOException e) {
            return null;
        }
    }

    /** Releases each lock of {@code locks}, the last first; nulls are skipped. */
    static void releaseAll(List<ReportFolderLock> locks) {
        for (int i = locks.size() - 1; i >= 0; i--) {
            if (locks.get(i) != null) {
                locks.get(i).close();
            }
        }
    }

    /** What the lock file says while this lock is held: {@code pid 1234, ddikit run, started 2026-12-01T20:40:00Z}. */
    String holder() {
        return holder;
    }

    /** Whether {@code other} is the folder locked (through another path, a link, or the same). */
    boolean isOf(Path other) {
        try {
            return Files.isSameFile(folder, other);
        } catch (IOException e) {
            return false;
        }
    }

    /** The lock, or null when the lock file was removed under us (by a holder that cleaned up): try again. */
    private static ReportFolderLock tryTake(Path folder, String command, String hint, boolean created)
            throws Project.InputError, IOException {
        Path key = folder.toRealPath();
        String me = "pid " + ProcessHandle.current().pid() + ", " + command + ", started "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String other = HELD.putIfAbsent(key, me);
        if (other != null) {
            throw inUse(folder, other, hint);
        }
        Path file = folder.resolve(FILE);
        FileChannel channel = null;
        try {
            Object before = fileKey(file, true);
            if (before == null) {
                HELD.remove(key);
                return null; // the folder was removed between its creation and here
            }
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock(LOCKED_BYTE, 1, false);
            } catch (OverlappingFileLockException e) {
                lock = null; // not through HELD: another class of this JVM; treat it as any other holder
            }
            if (lock == null) {
                String description = read(channel);
                HELD.remove(key);
                channel.close();
                channel = null;
                throw inUse(folder, description.isEmpty() ? "its lock file does not say which yet" : description, hint);
            }
            if (!before.equals(fileKey(file, false))) {
                // we locked a file that a holder removed on its way out; the path names another file now, or none
                lock.release();
                HELD.remove(key);
                channel.close();
                channel = null;
                return null;
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((me + System.lineSeparator()).getBytes(StandardCharsets.UTF_8)), 0);
            ReportFolderLock taken = new ReportFolderLock(folder, key, channel, lock, created, me);
            channel = null;
            return taken;
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        } finally {
            if (channel != null) {
                channel.close();
            }
        }
    }

    /**
     * What names the lock file (device and inode), by {@code stat} only: opening the file and closing it again would
     * drop a lock this process holds on it. Null when it is missing (made first when {@code create}); a fixed value
     * where the file system has no such key (Windows, where a file open elsewhere cannot be removed anyway).
     */
    private static Object fileKey(Path file, boolean create) throws IOException {
        if (create) {
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                // the usual case
            } catch (NoSuchFileException e) {
                return null;
            }
        }
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return key == null ? Boolean.TRUE : key;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Project.InputError inUse(Path folder, String holder, String hint) {
        return new Project.InputError(folder + " is in use by another run of ddikit (" + holder + "); " + hint);
    }

    /** What the holder wrote, as one printable line. */
    private static String read(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(MAX_DESCRIPTION);
            while (buf.hasRemaining() && channel.read(buf, buf.position()) > 0) {
                // until full or at the end
            }
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "" : ImplementationNames.printable(text, 200);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Releases the lock. A folder the lock created that holds nothing else is removed; otherwise the lock file stays,
     * empty. Never throws: the lock ends with the process anyway.
     */
    @Override
    public void close() {
        boolean removeFolder = false;
        try {
            if (created && onlyTheLockFile()) {
                // removed while still held, so that whoever locks the file next finds it gone and starts over
                Files.deleteIfExists(folder.resolve(FILE));
                removeFolder = true;
            } else {
                channel.truncate(0);
            }
        } catch (IOException e) {
            // the file says who held it a little longer
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock regardless
        } finally {
            HELD.remove(key);
        }
        if (removeFolder) {
            try {
                Files.deleteIfExists(folder);
            } catch (DirectoryNotEmptyException e) {
                // another command took the folder meanwhile
            } catch (IOException e) {
                // an empty folder left behind
            }
        }
    }

    private boolean onlyTheLockFile() throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.allMatch(p -> p.getFileName().toString().equals(FILE));
        }
    }
}
