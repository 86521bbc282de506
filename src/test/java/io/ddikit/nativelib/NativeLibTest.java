package io.ddikit.nativelib;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the engine reads of a C library and of a worker that died in C, without loading any library. */
class NativeLibTest {

    @Test
    void the_exports_of_a_shared_library_are_read_from_its_elf_file() throws Exception {
        Path libjava = Path.of(System.getProperty("java.home"), "lib", "libjava.so");
        ElfExports e = ElfExports.read(libjava);
        assertThat(e.functions()).contains("JNU_ThrowByName").doesNotContain("malloc");
    }

    @Test
    void a_file_that_is_not_a_shared_library_is_one_line_naming_it(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not an ELF file, but longer than sixty-four bytes of text, surely.");
        assertThatThrownBy(() -> ElfExports.read(text)).isInstanceOf(ElfExports.NotALibrary.class)
                .hasMessage(text + ": not a shared library (no ELF header)");
        assertThatThrownBy(() -> ElfExports.read(dir.resolve("libnone.so"))).hasMessage(dir.resolve("libnone.so") + ": no such file");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assertThatThrownBy(() -> ElfExports.read(java)).hasMessageContaining("not a shared library");
    }

    @Test
    void a_crash_names_the_signal_the_c_frame_and_the_call_of_the_crashed_thread(@TempDir Path dir) throws Exception {
        try (CallNotes notes = CallNotes.create(dir)) {
            Thread other = new Thread(() -> notes.enter("NdisReleaseSpinLock on thread ddikit-cpu-0 on processor 0, entered at DISPATCH_LEVEL", 2));
            other.start();
            other.join();
            notes.enter("NdisAcquireSpinLock on thread ddikit-cpu-1 on processor 1, entered at PASSIVE_LEVEL", 0);
            notes.irql(2);
        }
        Files.writeString(dir.resolve("hs_err_pid42.log"), """
                #
                # A fatal error has been detected by the Java Runtime Environment:
                #
                #  SIGSEGV (0xb) at pc=0x00007f0c3c3f1139, pid=42, tid=43
                #
                # Problematic frame:
                # C  [libacme.so+0x1139]  take+0x19
                #
                ---------------  T H R E A D  ---------------

                Current thread (0x00007f0c4c1b2000):  JavaThread "ddikit-cpu-1" daemon [_thread_in_native, id=43]
                """);
        assertThat(NativeCrash.describe(dir, 134)).hasValue("it received SIGSEGV in C code (libacme.so take+0x19) in the call "
                + "NdisAcquireSpinLock on processor 1, entered at PASSIVE_LEVEL, at DISPATCH_LEVEL");
    }

    @Test
    void a_slot_is_given_back_when_its_call_returns_so_threads_without_end_find_one(@TempDir Path dir) throws Exception {
        try (CallNotes notes = CallNotes.create(dir)) {
            for (int i = 0; i < CallNotes.SLOTS * 3; i++) {
                Thread t = new Thread(() -> {
                    notes.enter("KeInitializeSpinLock on thread t on processor 0, entered at PASSIVE_LEVEL", 0);
                    notes.leave();
                });
                t.start();
                t.join();
            }
            notes.enter("KeTestSpinLock on thread main on processor 2, entered at DISPATCH_LEVEL", 2);
        }
        assertThat(CallNotes.read(dir)).containsExactly("KeTestSpinLock on thread main on processor 2, entered at DISPATCH_LEVEL, "
                + "at DISPATCH_LEVEL");
    }

    @Test
    void an_abort_with_no_error_log_is_named_from_the_exit_status_and_the_one_call_under_way(@TempDir Path dir) throws Exception {
        try (CallNotes notes = CallNotes.create(dir)) {
            notes.enter("KeReleaseSpinLock on thread ddikit-cpu-0 on processor 0, entered at DISPATCH_LEVEL", 2);
            notes.enter("KeAcquireSpinLock on thread ddikit-cpu-0 on processor 0, entered at DISPATCH_LEVEL", 2);
            notes.leave();
            notes.enter("KeTestSpinLock on thread ddikit-cpu-0 on processor 0, entered at APC_LEVEL", 1);
        }
        assertThat(NativeCrash.describe(dir, 134)).hasValue("it received SIGABRT in the call KeTestSpinLock on processor 0, "
                + "entered at APC_LEVEL, at APC_LEVEL");
        assertThat(NativeCrash.describe(dir.resolve("nothing"), 1)).isEmpty();
    }
}
