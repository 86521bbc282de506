package io.ddikit.bridge;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import io.ddikit.nativelib.CallNotes;
import io.ddikit.nativelib.ElfExports;
import io.ddikit.spi.Hal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A vendor's shared library, loaded into the worker and bound to the kit: its services table filled in, its exports
 * callable through the header's trampolines. One per worker (a library is loaded once per process).
 *
 * <p>Every call goes {@code Java → trampoline (setjmp) → vendor function → services → Java callback}; a callback that
 * fails (a bug check, an illegal IRQL change, the machine stopping) keeps what it caught and returns a negative value,
 * on which the C side jumps back to the trampoline; the trampoline returns 1 and the call here rethrows what was caught,
 * now that no C frame is left above it.
 */
public final class CLibrary {
    /** Version of the services table this bridge fills in. */
    static final int SERVICES_VERSION = 1;
    /** The table's size: two ULONGs and seven pointers. */
    static final int SERVICES_SIZE = 8 + 7 * 8;
    /** The header's services table. */
    public static final String SERVICES = "ddikit_services_";
    /** The header's trampolines, by signature. */
    static final List<String> TRAMPOLINES = List.of("ddikit_call_v_p", "ddikit_call_v_pp", "ddikit_call_v_pb",
            "ddikit_call_v_pbp", "ddikit_call_b_p", "ddikit_call_v_p_times");

    private final Path file;
    private final NativeLibrary library;
    private final ElfExports exports;
    private final Map<String, Function> trampolines = new HashMap<>();
    private final Map<String, Function> functions = new java.util.concurrent.ConcurrentHashMap<>();
    private final CServices services;
    private final CallNotes notes;
    /** Lock storage of every scenario, kept until the worker ends: a call that never returned may still touch it. */
    private final List<Memory> kept = Collections.synchronizedList(new ArrayList<>());

    private CLibrary(Path file, NativeLibrary library, ElfExports exports, CallNotes notes) {
        this.file = file;
        this.library = library;
        this.exports = exports;
        this.notes = notes;
        this.services = new CServices(notes);
        for (String t : TRAMPOLINES) {
            trampolines.put(t, library.getFunction(t));
        }
        services.install(library.getGlobalVariableAddress(SERVICES));
    }

    /** The library could not be loaded or is not built with the kit's header or shim: one line saying why. */
    public static final class LoadFailure extends Exception {
        private static final long serialVersionUID = 1L;

        LoadFailure(String message) {
            super(message);
        }
    }

    /**
     * Loads {@code file} (every symbol bound now, so a missing service is found here) and fills in its services table.
     * {@code notes} receives a line before each call and is cleared after it, or is null.
     */
    public static CLibrary load(Path file, CallNotes notes) throws LoadFailure {
        Path key = file.toAbsolutePath().normalize();
        synchronized (LOADED) {
            CLibrary loaded = LOADED.get(key);
            if (loaded == null) {
                loaded = loadNew(file, notes);
                LOADED.put(key, loaded);
            }
            return loaded;
        }
    }

    /**
     * The libraries loaded in this process, by path. A library is loaded once per process (the dynamic linker shares
     * one copy, and with it one services table): the table must point at one set of callbacks, this one's.
     */
    private static final Map<Path, CLibrary> LOADED = new HashMap<>();

    private static CLibrary loadNew(Path file, CallNotes notes) throws LoadFailure {
        ElfExports exports;
        try {
            exports = ElfExports.read(file);
        } catch (ElfExports.NotALibrary e) {
            throw new LoadFailure(e.getMessage());
        }
        List<String> missing = new ArrayList<>();
        if (!exports.exports(SERVICES)) {
            missing.add(SERVICES);
        }
        TRAMPOLINES.stream().filter(t -> !exports.functions().contains(t)).forEach(missing::add);
        if (!missing.isEmpty()) {
            throw new LoadFailure(file + ": does not export " + String.join(", ", missing)
                    + ": build it with the kit's header (include/ddikit/ddikit_ntddk.h) or its shim (include/ddikit/ddikit_shim.c)");
        }
        NativeLibrary lib;
        try {
            // RTLD_NOW: an undefined symbol (a kernel service the library declares but nobody defines) fails here
            lib = NativeLibrary.getInstance(file.toAbsolutePath().toString(), Map.of(Library.OPTION_OPEN_FLAGS, 2));
        } catch (UnsatisfiedLinkError e) {
            throw new LoadFailure(file + ": cannot be loaded: " + e.getMessage().lines().findFirst().orElse("")
                    + " (a kernel service the kit's header does not give needs ddikit_shim.c or a definition of its own)");
        }
        return new CLibrary(file, lib, exports, notes);
    }

    public Path file() {
        return file;
    }

    public ElfExports exports() {
        return exports;
    }

    /** The exported function {@code name}, which the library must export (the family checked it). */
    public CFunction function(String name) {
        Function f = functions.computeIfAbsent(name, library::getFunction);
        return new CFunction(name, f);
    }

    /** Zeroed native memory of {@code bytes}, filled with {@code fill}, kept for the worker's life. */
    public Memory allocate(int bytes, byte fill) {
        Memory m = new Memory(bytes);
        m.setMemory(0, bytes, fill);
        kept.add(m);
        return m;
    }

    /** An exported function of the library. */
    public record CFunction(String name, Function pointer) {
    }

    // ------------------------------------------------------------------ calls

    /** {@code void f(void *)}. */
    public void callV(Hal hal, CFunction f, Pointer lock) {
        call(hal, f, lock, "ddikit_call_v_p", f.pointer(), lock);
    }

    /** {@code void f(void *, void *)}. */
    public void callV(Hal hal, CFunction f, Pointer lock, Pointer b) {
        call(hal, f, lock, "ddikit_call_v_pp", f.pointer(), lock, b);
    }

    /** {@code void f(void *, UCHAR)}. */
    public void callV(Hal hal, CFunction f, Pointer lock, int b) {
        call(hal, f, lock, "ddikit_call_v_pb", f.pointer(), lock, b);
    }

    /** {@code void f(void *, UCHAR, void *)}. */
    public void callV(Hal hal, CFunction f, Pointer lock, int b, Pointer c) {
        call(hal, f, lock, "ddikit_call_v_pbp", f.pointer(), lock, b, c);
    }

    /** {@code UCHAR f(void *)}: its result, 0 to 255. */
    public int callB(Hal hal, CFunction f, Pointer lock) {
        Memory result = new Memory(1);
        result.setByte(0, (byte) 0);
        call(hal, f, lock, "ddikit_call_b_p", f.pointer(), lock, result);
        return Byte.toUnsignedInt(result.getByte(0));
    }

    /** {@code f(lock); g(lock);} {@code n} times in one trampoline: the bridge's own cost, for the benchmark. */
    public void callPairs(Hal hal, CFunction f, CFunction g, Pointer lock, int n) {
        call(hal, f, lock, "ddikit_call_v_p_times", f.pointer(), g.pointer(), lock, n);
    }

    private void call(Hal hal, CFunction f, Pointer lock, String trampoline, Object... args) {
        CServices.Frame frame = services.enter(hal, f.name());
        if (notes != null) {
            String where = io.ddikit.kernel.SimulatedMachine.whereIsThisThread();
            notes.enter(f.name() + " on thread " + Thread.currentThread().getName() + (where.isEmpty() ? "" : " on " + where),
                    io.ddikit.kernel.SimulatedMachine.irqlOfThisThread());
        }
        long before = lock == null ? 0 : lock.getLong(0);
        int r;
        try {
            r = trampolines.get(trampoline).invokeInt(args);
        } finally {
            if (notes != null) {
                notes.leave();
            }
            services.leave(frame);
        }
        if (lock != null && lock.getLong(0) != before) {
            // a write to the lock word: plain unless a service with release semantics was among the call's operations
            io.ddikit.sched.MemoryOrder.operation();
        }
        if (r != 0) {
            // rethrown as is: a BugCheckException from C is recorded by the machine as one from Java
            Throwable t = frame.failure();
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(f.name() + " was stopped by a kernel service that failed", t);
        }
    }
}
