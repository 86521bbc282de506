package io.ddikit.nativelib;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The C calls a worker has under way, in a small memory-mapped file of its private folder: before each call into a
 * C library the worker writes which call, on which thread, processor and IRQL, into the slot of its thread, and
 * clears it when the call returns. The pages of a mapped file belong to the operating system, so what was written
 * survives a crash of the worker (a SIGSEGV, an abort), and the kit reads it afterwards to name the call that died.
 */
public final class CallNotes implements AutoCloseable {
    /** The file's name in the worker's folder. */
    public static final String FILE = "native-calls.notes";
    static final int SLOTS = 128;
    static final int SLOT_BYTES = 256;
    /** A slot: the text's length (an int), the processor's IRQL now (a byte, 0xFF unknown), the text. */
    private static final int TEXT_AT = 5;
    private static final int TEXT = SLOT_BYTES - TEXT_AT;
    private static final byte NO_IRQL = (byte) 0xFF;

    private final FileChannel channel;
    private final MappedByteBuffer map;
    /** Which slots a call under way holds: a slot is claimed when a call enters and given back when it leaves. */
    private final java.util.concurrent.atomic.AtomicIntegerArray taken = new java.util.concurrent.atomic.AtomicIntegerArray(SLOTS);
    /** The slot of the calling thread's call under way, or -1 (none, or every slot taken). */
    private final ThreadLocal<int[]> slot = ThreadLocal.withInitial(() -> new int[] {-1});

    private CallNotes(FileChannel channel, MappedByteBuffer map) {
        this.channel = channel;
        this.map = map;
    }

    /** A notes file in {@code dir}, made empty. */
    public static CallNotes create(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, (long) SLOTS * SLOT_BYTES);
        return new CallNotes(ch, map);
    }

    /**
     * Notes that the calling thread enters {@code text} (one line: the call, the thread, the processor and the IRQL it was
     * entered at), with the processor at IRQL {@code irql} (0 to 15, or -1 when not known).
     */
    public void enter(String text, int irql) {
        int[] mine = slot.get();
        if (mine[0] < 0) {
            for (int i = 0; i < SLOTS && mine[0] < 0; i++) {
                if (taken.compareAndSet(i, 0, 1)) {
                    mine[0] = i;
                }
            }
        }
        int s = mine[0];
        if (s < 0) {
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(bytes.length, TEXT);
        int at = s * SLOT_BYTES;
        map.putInt(at, 0);
        map.put(at + 4, irql < 0 ? NO_IRQL : (byte) irql);
        map.put(at + TEXT_AT, bytes, 0, n);
        map.putInt(at, n);
    }

    /** The calling thread's processor is now at {@code irql} (a raise or a lower inside the call). */
    public void irql(int irql) {
        int s = slot.get()[0];
        if (s >= 0) {
            map.put(s * SLOT_BYTES + 4, (byte) irql);
        }
    }

    /** The calling thread's call returned. */
    public void leave() {
        int[] mine = slot.get();
        int s = mine[0];
        if (s >= 0) {
            map.putInt(s * SLOT_BYTES, 0);
            mine[0] = -1;
            taken.set(s, 0);
        }
    }

    /** The kernel's name of an IRQL, as {@code io.ddikit.spi.Irql} gives it (the engine reads no SPI type). */
    static String irqlName(int level) {
        switch (level) {
            case 0: return "PASSIVE_LEVEL";
            case 1: return "APC_LEVEL";
            case 2: return "DISPATCH_LEVEL";
            case 13: return "CLOCK_LEVEL";
            case 14: return "IPI_LEVEL";
            case 15: return "HIGH_LEVEL";
            default: return "DIRQL " + level;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * The calls under way when the worker that wrote {@code dir}'s notes ended, each one line ending with the IRQL its
     * processor was at ({@code NdisAcquireSpinLock on thread ddikit-cpu-1 on processor 1, entered at PASSIVE_LEVEL, at
     * DISPATCH_LEVEL}); none when there is no file.
     */
    public static List<String> read(Path dir) {
        Path f = dir.resolve(FILE);
        List<String> calls = new ArrayList<>();
        try {
            if (!Files.isRegularFile(f) || Files.size(f) != (long) SLOTS * SLOT_BYTES) {
                return calls;
            }
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f));
            for (int s = 0; s < SLOTS; s++) {
                int n = b.getInt(s * SLOT_BYTES);
                if (n > 0 && n <= TEXT) {
                    byte[] text = new byte[n];
                    b.get(s * SLOT_BYTES + TEXT_AT, text);
                    int irql = Byte.toUnsignedInt(b.get(s * SLOT_BYTES + 4));
                    calls.add(new String(text, StandardCharsets.UTF_8) + (irql > 15 ? "" : ", at " + irqlName(irql)));
                }
            }
        } catch (IOException e) {
            // no notes: the crash is reported without them
        }
        return calls;
    }
}
