package io.ddikit.isolate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds on a worker's whole memory (heap, native memory, every process it starts) and on its number of
 * processes and threads, where the platform allows: a control group of its own (cgroup v1 {@code memory} and
 * {@code pids} controllers, or cgroup v2 {@code memory.max} and {@code pids.max}) that the worker enters before
 * it starts, or else {@code RLIMIT_AS} through util-linux {@code prlimit}, which bounds its address space only.
 * {@link #describe()} says which bound applies; the report shows it.
 */
public final class ResourceBounds {
    /** Processes and threads a worker may have at once. */
    static final int MAX_TASKS = 2048;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private enum Kind { CGROUP_V1, CGROUP_V2, RLIMIT, NONE }

    private final Kind kind;
    private final Path memoryParent;
    private final Path pidsParent;
    private Path memoryGroup;
    private Path pidsGroup;

    private ResourceBounds(Kind kind, Path memoryParent, Path pidsParent) {
        this.kind = kind;
        this.memoryParent = memoryParent;
        this.pidsParent = pidsParent;
    }

    /** The best bound this machine offers to this process. */
    public static ResourceBounds detect() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            lines = List.of();
        }
        Path v1Memory = null;
        Path v1Pids = null;
        Path v2 = null;
        for (String line : lines) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            for (String controller : f[1].split(",")) {
                if (controller.equals("memory")) {
                    v1Memory = Path.of("/sys/fs/cgroup/memory" + f[2]);
                } else if (controller.equals("pids")) {
                    v1Pids = Path.of("/sys/fs/cgroup/pids" + f[2]);
                }
            }
            if (f[0].equals("0") && f[1].isEmpty() && Files.isRegularFile(Path.of("/sys/fs/cgroup/cgroup.controllers"))) {
                v2 = Path.of("/sys/fs/cgroup" + f[2]);
            }
        }
        if (v1Memory != null && v1Pids != null && tryGroup(v1Memory, "memory.limit_in_bytes") && tryGroup(v1Pids, "pids.max")) {
            return new ResourceBounds(Kind.CGROUP_V1, v1Memory, v1Pids);
        }
        if (v2 != null && tryGroup(v2, "memory.max") && tryGroup(v2, "pids.max")) {
            return new ResourceBounds(Kind.CGROUP_V2, v2, v2);
        }
        if (Files.isExecutable(Path.of("/usr/bin/prlimit"))) {
            return new ResourceBounds(Kind.RLIMIT, null, null);
        }
        return new ResourceBounds(Kind.NONE, null, null);
    }

    /** No bound beyond the JVM's heap. */
    public static ResourceBounds none() {
        return new ResourceBounds(Kind.NONE, null, null);
    }

    /** Whether a child group with the control file {@code file} can be made under {@code parent}. */
    private static boolean tryGroup(Path parent, String file) {
        Path probe = parent.resolve("ddikit-probe-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        try {
            Files.createDirectory(probe);
            return Files.isWritable(probe.resolve(file));
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                // an empty group left behind holds nothing
            }
        }
    }

    /** One line for the report and the console: which bound applies. */
    public String describe(IsolatedRunner.Limits limits) {
        return switch (kind) {
            case CGROUP_V1 -> "memory " + limits.memoryMegabytes() + " MB in all and " + MAX_TASKS
                    + " processes and threads (cgroup v1)";
            case CGROUP_V2 -> "memory " + limits.memoryMegabytes() + " MB in all and " + MAX_TASKS
                    + " processes and threads (cgroup v2)";
            case RLIMIT -> "address space " + addressSpaceMegabytes(limits) + " MB (RLIMIT_AS; no control group could be made,"
                    + " so native memory is bounded only loosely)";
            case NONE -> "heap only (" + limits.heapMegabytes() + " MB): no control group or rlimit available";
        };
    }

    String describe() {
        return kind == Kind.CGROUP_V1 || kind == Kind.CGROUP_V2 ? "cgroup" : kind == Kind.RLIMIT ? "RLIMIT_AS" : "no bound";
    }

    private static long addressSpaceMegabytes(IsolatedRunner.Limits limits) {
        // the JVM reserves far more address space than it uses: class space, code cache, thread stacks
        return limits.memoryMegabytes() + 4096L;
    }

    /** The command that runs {@code cmd} under the bounds; a control group is made for it now. */
    List<String> wrap(List<String> cmd, IsolatedRunner.Limits limits) throws IOException {
        release();
        List<String> w = new ArrayList<>();
        switch (kind) {
            case CGROUP_V1, CGROUP_V2 -> {
                String name = "ddikit-worker-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
                memoryGroup = Files.createDirectory(memoryParent.resolve(name));
                pidsGroup = pidsParent.equals(memoryParent) ? memoryGroup : Files.createDirectory(pidsParent.resolve(name));
                long bytes = (long) limits.memoryMegabytes() << 20;
                if (kind == Kind.CGROUP_V1) {
                    write(memoryGroup.resolve("memory.limit_in_bytes"), Long.toString(bytes));
                    if (Files.exists(memoryGroup.resolve("memory.memsw.limit_in_bytes"))) {
                        write(memoryGroup.resolve("memory.memsw.limit_in_bytes"), Long.toString(bytes));
                    }
                } else {
                    write(memoryGroup.resolve("memory.max"), Long.toString(bytes));
                    if (Files.exists(memoryGroup.resolve("memory.swap.max"))) {
                        write(memoryGroup.resolve("memory.swap.max"), "0");
                    }
                }
                write(pidsGroup.resolve("pids.max"), Integer.toString(MAX_TASKS));
                // the shell enters the groups, then becomes the worker: nothing of it runs outside them
                w.addAll(List.of("/bin/sh", "-c", "echo $$ > \"$1\" && echo $$ > \"$2\" && shift 2 && exec \"$@\"", "ddikit-bounds",
                        memoryGroup.resolve("cgroup.procs").toString(), pidsGroup.resolve("cgroup.procs").toString()));
            }
            case RLIMIT -> w.addAll(List.of("/usr/bin/prlimit", "--as=" + (addressSpaceMegabytes(limits) << 20), "--"));
            case NONE -> {
            }
        }
        w.addAll(cmd);
        return w;
    }

    /**
     * Removes the empty control groups of workers whose kit is gone (a kit killed with SIGKILL could not): a group's
     * name holds its kit's pid, and a group that still holds a process is never removed.
     */
    void sweep() {
        for (Path parent : new Path[] {memoryParent, pidsParent}) {
            if (parent == null) {
                continue;
            }
            try (java.util.stream.Stream<Path> s = Files.list(parent)) {
                for (Path g : s.filter(Files::isDirectory).toList()) {
                    String name = g.getFileName().toString();
                    if (!name.startsWith("ddikit-worker-")) {
                        continue;
                    }
                    String[] parts = name.substring("ddikit-worker-".length()).split("-", 2);
                    try {
                        long pid = Long.parseLong(parts[0]);
                        if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)
                                && Files.readString(g.resolve("cgroup.procs")).isBlank()) {
                            Files.deleteIfExists(g);
                        }
                    } catch (NumberFormatException | IOException e) {
                        // not the kit's, or not empty: left as it is
                    }
                }
            } catch (IOException | RuntimeException e) {
                // nothing to sweep here
            }
        }
    }

    /** Whether the worker's last run was stopped by its memory bound (the kernel killed it). */
    boolean memoryExceeded() {
        if (memoryGroup == null) {
            return false;
        }
        try {
            if (kind == Kind.CGROUP_V1) {
                for (String line : Files.readAllLines(memoryGroup.resolve("memory.oom_control"))) {
                    if (line.startsWith("oom_kill ") && Long.parseLong(line.substring(9).strip()) > 0) {
                        return true;
                    }
                }
                return false;
            }
            for (String line : Files.readAllLines(memoryGroup.resolve("memory.events"))) {
                if (line.startsWith("oom_kill ") && Long.parseLong(line.substring(9).strip()) > 0) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** Removes the worker's control groups (empty once its processes have ended). */
    void release() {
        for (Path g : new Path[] {pidsGroup, memoryGroup}) {
            if (g == null) {
                continue;
            }
            for (int i = 0; i < 50; i++) {
                try {
                    Files.deleteIfExists(g);
                    break;
                } catch (IOException e) {
                    // its last process is still being reaped
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        memoryGroup = null;
        pidsGroup = null;
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }
}
