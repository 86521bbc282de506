package io.ddikit.isolate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Where a worker runs. On Linux, inside bubblewrap ({@code bwrap}): its own user (the worker is {@code nobody}
 * and holds no capability), PID, mount, network, IPC and UTS namespaces, so that its whole process tree ends
 * when it ends (however a child was started or double-forked), it has no network, and it sees a read-only file
 * system that holds only the system's libraries, the JDK, the kit's and the implementation's class path, the
 * features, and two folders of the kit's that it may write: its private output folder and the kit's channel.
 * Its {@code /tmp} is a private scratch of bounded size, discarded with it. Nothing else of the machine is
 * visible: not the report folder, not the user's files. {@link #none()} runs the worker as a plain process,
 * only when the user asked for it with {@code --no-sandbox}; every report then says <em>not sandboxed</em>.
 */
public final class Sandbox {
    /** Size of the worker's private {@code /tmp}. */
    static final long SCRATCH_BYTES = 256L << 20;
    private static final String SCRATCH = "/tmp";
    private static final List<String> SYSTEM_ROOTS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");
    private static final List<String> SYSTEM_FILES = List.of("/etc/ld.so.cache", "/etc/localtime", "/etc/passwd",
            "/etc/group", "/etc/nsswitch.conf", "/etc/hosts");

    private final String bwrap;
    private final String version;

    private Sandbox(String bwrap, String version) {
        this.bwrap = bwrap;
        this.version = version;
    }

    /** The sandbox could not be set up on this machine: one line saying why and what to do. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    /** No sandbox: the worker is a plain process of the user's. */
    public static Sandbox none() {
        return new Sandbox(null, null);
    }

    /**
     * Bubblewrap, found on the {@code PATH} and tried once: a sandbox that cannot be made here (not Linux, no
     * {@code bwrap}, no user namespaces) is {@link Unavailable}.
     */
    public static Sandbox bubblewrap() throws Unavailable {
        String advice = "; --no-sandbox runs the implementations without it, and every report then says so";
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            throw new Unavailable("the sandbox needs Linux (bubblewrap); this is " + System.getProperty("os.name") + advice);
        }
        String bwrap = onPath("bwrap");
        if (bwrap == null) {
            throw new Unavailable("the sandbox needs bubblewrap, which is not installed (Debian and Ubuntu: apt-get install bubblewrap)"
                    + advice);
        }
        Sandbox s = new Sandbox(bwrap, null);
        List<String> probe = new ArrayList<>(s.wrap(List.of("/bin/true"), List.of(), List.of(), null));
        Result r = exec(probe);
        if (r.exit != 0) {
            throw new Unavailable("the sandbox cannot be set up here (" + bwrap + ": " + firstLine(r.output)
                    + "; user namespaces may be disabled)" + advice);
        }
        Result v = exec(List.of(bwrap, "--version"));
        return new Sandbox(bwrap, v.exit == 0 ? firstLine(v.output) : "bubblewrap");
    }

    /** Whether workers run sandboxed. */
    public boolean sandboxed() {
        return bwrap != null;
    }

    /** One line for the report and the console. */
    public String describe() {
        return sandboxed()
                ? "sandboxed (" + version + ": own user, PID, mount, network, IPC and UTS namespaces; read-only file system;"
                        + " private scratch of " + IsolatedRunner.megabytes(SCRATCH_BYTES) + ")"
                : "not sandboxed (--no-sandbox)";
    }

    /** The worker's scratch folder, as the worker sees it. */
    String scratch() {
        return sandboxed() ? SCRATCH : System.getProperty("java.io.tmpdir");
    }

    /**
     * The command that runs {@code cmd} in the sandbox, seeing {@code readOnly} and able to write {@code writable}
     * (each at its own path). Without a sandbox, {@code cmd} itself.
     */
    List<String> wrap(List<String> cmd, List<Path> readOnly, List<Path> writable, IsolatedRunner.Limits limits) {
        if (!sandboxed()) {
            return cmd;
        }
        List<String> w = new ArrayList<>(List.of(bwrap, "--unshare-user", "--unshare-all", "--disable-userns",
                "--uid", "65534", "--gid", "65534", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--hostname", "ddikit-worker", "--ro-bind", "/usr", "/usr"));
        for (String root : SYSTEM_ROOTS) {
            Path p = Path.of(root);
            if (Files.isSymbolicLink(p)) {
                try {
                    w.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), root));
                } catch (IOException e) {
                    // an unreadable link is left out: the worker then fails to start and says so
                }
            } else if (Files.isDirectory(p)) {
                w.addAll(List.of("--ro-bind", root, root));
            }
        }
        // the scratch first: the kit's own folders may lie under /tmp, and are mounted over it below
        w.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--size", Long.toString(SCRATCH_BYTES), "--tmpfs", SCRATCH));
        Set<String> ro = new LinkedHashSet<>(SYSTEM_FILES);
        ro.addAll(jdkFolders());
        for (Path p : readOnly) {
            ro.add(real(p));
        }
        for (String p : ro) {
            w.addAll(List.of("--ro-bind-try", p, p));
        }
        for (Path p : writable) {
            String r = real(p);
            w.addAll(List.of("--bind", r, r));
        }
        // everything mounted: the sandbox's own root becomes read-only too (only the scratch and the kit's folders are writable)
        w.addAll(List.of("--remount-ro", "/"));
        w.addAll(List.of("--chdir", SCRATCH, "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", SCRATCH,
                "--setenv", "HOSTNAME", "ddikit-worker", "--setenv", "LANG", "C.UTF-8", "--setenv", "MALLOC_ARENA_MAX", "2", "--"));
        w.addAll(cmd);
        return w;
    }

    /** The JDK the worker runs on, and the folders its links point into (Debian keeps its configuration in /etc). */
    private static List<String> jdkFolders() {
        List<String> dirs = new ArrayList<>();
        Path home = Path.of(System.getProperty("java.home"));
        dirs.add(real(home));
        for (Path conf : List.of(home.resolve("conf"), home.resolve("conf/security"), home.resolve("lib/security"))) {
            if (!Files.isDirectory(conf)) {
                continue;
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(conf)) {
                for (Path f : s) {
                    if (Files.isSymbolicLink(f)) {
                        Path target = f.toRealPath().getParent();
                        if (target != null && !target.startsWith("/usr")) {
                            dirs.add(target.toString());
                        }
                    }
                }
            } catch (IOException e) {
                // a folder that cannot be listed adds nothing
            }
        }
        return dirs.stream().distinct().toList();
    }

    private static String real(Path p) {
        try {
            return p.toAbsolutePath().toRealPath().toString();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize().toString();
        }
    }

    private static String onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private record Result(int exit, String output) {
    }

    private static Result exec(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "did not answer within 10 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
