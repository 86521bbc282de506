package io.ddikit.nativelib;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names a shared library exports (its dynamic symbol table's defined, global or weak, functions and objects),
 * read from its ELF file without loading it: nothing of the library runs in the kit's process. 64-bit ELF only
 * (x86-64, AArch64), little or big endian.
 */
public final class ElfExports {
    /** Largest library the kit reads. */
    static final long MAX_BYTES = 256L << 20;
    private static final int ET_DYN = 3;
    private static final int SHT_DYNSYM = 11;
    private static final int STB_GLOBAL = 1;
    private static final int STB_WEAK = 2;
    private static final int STT_OBJECT = 1;
    private static final int STT_FUNC = 2;
    private static final int STT_TLS = 6;

    private final Set<String> functions;
    private final Set<String> objects;

    private ElfExports(Set<String> functions, Set<String> objects) {
        this.functions = Collections.unmodifiableSet(functions);
        this.objects = Collections.unmodifiableSet(objects);
    }

    /** The file is not a shared library the kit can run: one line saying why. */
    public static final class NotALibrary extends Exception {
        private static final long serialVersionUID = 1L;

        NotALibrary(String message) {
            super(message);
        }
    }

    /** The functions exported, by name. */
    public Set<String> functions() {
        return functions;
    }

    /** Whether {@code name} is an exported function or object. */
    public boolean exports(String name) {
        return functions.contains(name) || objects.contains(name);
    }

    /** Reads {@code file}'s exports; a missing file or one that is no 64-bit ELF shared library is {@link NotALibrary}. */
    public static ElfExports read(Path file) throws NotALibrary {
        if (!Files.exists(file)) {
            throw new NotALibrary(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new NotALibrary(file + ": not a regular file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_BYTES) {
                throw new NotALibrary(file + ": " + size + " bytes, more than the " + (MAX_BYTES >> 20) + " MB a library may have");
            }
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // read it all
            }
            b.flip();
            return parse(file, b);
        } catch (IOException e) {
            throw new NotALibrary(file + ": cannot read: " + e.getMessage());
        }
    }

    private static ElfExports parse(Path file, ByteBuffer b) throws NotALibrary {
        String what = file + ": not a shared library";
        if (b.limit() < 64 || b.get(0) != 0x7f || b.get(1) != 'E' || b.get(2) != 'L' || b.get(3) != 'F') {
            throw new NotALibrary(what + " (no ELF header)");
        }
        if (b.get(4) != 2) {
            throw new NotALibrary(what + " the kit can run (32-bit ELF; the kit runs 64-bit libraries)");
        }
        b.order(b.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int type = Short.toUnsignedInt(b.getShort(16));
        if (type != ET_DYN) {
            throw new NotALibrary(what + " (ELF type " + type + (type == 1 ? ", a relocatable object file: link it with -shared"
                    : type == 2 ? ", an executable" : "") + ")");
        }
        try {
            if (isPie(b)) {
                throw new NotALibrary(what + " (a position-independent executable)");
            }
            long shoff = b.getLong(0x28);
            int shentsize = Short.toUnsignedInt(b.getShort(0x3A));
            int shnum = Short.toUnsignedInt(b.getShort(0x3C));
            Set<String> functions = new TreeSet<>();
            Set<String> objects = new TreeSet<>();
            for (int i = 0; i < shnum; i++) {
                int sh = Math.toIntExact(shoff + (long) i * shentsize);
                if (b.getInt(sh + 4) != SHT_DYNSYM) {
                    continue;
                }
                long off = b.getLong(sh + 0x18);
                long size = b.getLong(sh + 0x20);
                int link = b.getInt(sh + 0x28);
                long entsize = b.getLong(sh + 0x38);
                int strsh = Math.toIntExact(shoff + (long) link * shentsize);
                long stroff = b.getLong(strsh + 0x18);
                long strsize = b.getLong(strsh + 0x20);
                if (entsize < 24) {
                    throw new NotALibrary(what + " (its dynamic symbol table is malformed)");
                }
                for (long s = off; s + 24 <= off + size; s += entsize) {
                    int sym = Math.toIntExact(s);
                    int name = b.getInt(sym);
                    int info = Byte.toUnsignedInt(b.get(sym + 4));
                    int shndx = Short.toUnsignedInt(b.getShort(sym + 6));
                    int bind = info >> 4;
                    int kind = info & 0xf;
                    if (shndx == 0 || (bind != STB_GLOBAL && bind != STB_WEAK) || name == 0 || name >= strsize) {
                        continue;
                    }
                    String n = string(b, Math.toIntExact(stroff + name), Math.toIntExact(stroff + strsize));
                    if (kind == STT_FUNC) {
                        functions.add(n);
                    } else if (kind == STT_OBJECT || kind == STT_TLS) {
                        objects.add(n);
                    }
                }
            }
            return new ElfExports(functions, objects);
        } catch (IndexOutOfBoundsException | ArithmeticException e) {
            throw new NotALibrary(what + " (its section headers point outside the file)");
        }
    }

    /** Whether the file's dynamic section has DT_FLAGS_1 with DF_1_PIE: an executable, though of type ET_DYN. */
    private static boolean isPie(ByteBuffer b) {
        long phoff = b.getLong(0x20);
        int phentsize = Short.toUnsignedInt(b.getShort(0x36));
        int phnum = Short.toUnsignedInt(b.getShort(0x38));
        for (int i = 0; i < phnum; i++) {
            int ph = Math.toIntExact(phoff + (long) i * phentsize);
            if (b.getInt(ph) != 2) { // PT_DYNAMIC
                continue;
            }
            long off = b.getLong(ph + 8);
            long size = b.getLong(ph + 0x20);
            for (long d = off; d + 16 <= off + size; d += 16) {
                long tag = b.getLong(Math.toIntExact(d));
                if (tag == 0) {
                    break;
                }
                if (tag == 0x6ffffffbL && (b.getLong(Math.toIntExact(d + 8)) & 0x08000000L) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String string(ByteBuffer b, int from, int limit) {
        int end = from;
        while (end < limit && b.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - from];
        b.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
