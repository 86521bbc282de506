package io.ddikit.hostile;

import io.ddikit.spi.Hal;
import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockFamily;
import io.ddikit.spi.ndis.NdisSpinLockProvider;

import java.io.IOException;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Vendor implementations that try to forge their verdict or harm others, written against the SPI only, each packed
 * alone into a vendor jar by {@link TrustAttacksTest}. Each is a <em>faulty</em> lock (its release never lowers the
 * IRQL, so the clause "NdisReleaseSpinLock restores the original IRQL" fails) plus one attack on the kit; the kit
 * must still say DOES NOT CONFORM, or an error of the implementation. What an attack managed is printed on standard
 * error, prefixed {@value #SAID}, which ends in the implementation's {@code output.log}.
 */
public final class Attacks {
    /** Prefix of what an attack says it managed. */
    public static final String SAID = "ddikit-attack: ";
    /** System property (passed on to the worker) naming the paths an attack tries to write, comma separated. */
    public static final String TARGETS = "ddikit.attack.targets";
    /** System property: a token an attack puts into the command line of the processes it starts. */
    public static final String TOKEN = "ddikit.attack.token";

    private Attacks() {
    }

    /** A spin lock whose release clears the lock word but never lowers the IRQL: a conformance failure. */
    static class Faulty extends Hostile.Family {
        Faulty(Hal hal) {
            super(hal);
        }

        @Override
        public void releaseSpinLock(NdisSpinLock lock) {
            dprReleaseSpinLock(lock);
        }
    }

    /** A faulty lock that attacks when the kit creates its family. */
    abstract static class Attacker implements NdisSpinLockProvider {
        @Override
        public String version() {
            return "6.6.6";
        }

        @Override
        public NdisSpinLockFamily create(Hal hal) {
            try {
                attack();
            } catch (Throwable t) {
                say("attack ended with " + t);
            }
            return new Faulty(hal);
        }

        abstract void attack() throws Exception;
    }

    static void say(String what) {
        System.err.println(SAID + what);
        System.err.flush();
    }

    static List<Path> targets() {
        String t = System.getProperty(TARGETS, "");
        return t.isBlank() ? List.of() : Stream.of(t.split(",")).map(Path::of).toList();
    }

    /** The faulty lock alone: what every attack must still be graded as. */
    public static final class Plain extends Attacker {
        @Override
        public String name() {
            return "plain-faulty";
        }

        @Override
        void attack() {
        }
    }

    /**
     * Reflection on every static field of every class of the kit it can name (the whole module the SPI is in, read
     * through the module system), setting each it can open to null; and the same through private lookups.
     */
    public static final class ReflectsOnKit extends Attacker {
        @Override
        public String name() {
            return "reflects-on-kit";
        }

        @Override
        void attack() throws IOException {
            Module kit = NdisSpinLockProvider.class.getModule();
            List<String> classes = new ArrayList<>();
            if (kit.isNamed() && kit.getLayer() != null) {
                Optional<ResolvedModule> m = kit.getLayer().configuration().findModule(kit.getName());
                try (ModuleReader r = m.orElseThrow().reference().open()) {
                    r.list().filter(n -> n.endsWith(".class") && n.startsWith("io/ddikit/") && !n.contains("-"))
                            .forEach(n -> classes.add(n.substring(0, n.length() - 6).replace('/', '.')));
                }
            } else {
                classes.addAll(List.of("io.ddikit.isolate.Worker", "io.ddikit.run.ResultStore", "io.ddikit.result.Bounds"));
            }
            int opened = 0;
            int refused = 0;
            int fields = 0;
            for (String name : classes) {
                Class<?> c;
                try {
                    c = Class.forName(name, false, kit.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                Field[] declared;
                try {
                    declared = c.getDeclaredFields();
                } catch (LinkageError e) {
                    continue;
                }
                for (Field f : declared) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    fields++;
                    boolean publicApi = Modifier.isPublic(f.getModifiers()) && Modifier.isPublic(c.getModifiers())
                            && c.getModule().isExported(c.getPackageName());
                    if (publicApi) {
                        // the SPI's constants: public anyway; and a public field that is not final would be found below
                        if (!Modifier.isFinal(f.getModifiers())) {
                            say("public mutable field " + c.getName() + "." + f.getName());
                        }
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        opened++;
                        say("opened " + c.getName() + "." + f.getName() + " in " + c.getModule());
                        if (!f.getType().isPrimitive() && !Modifier.isFinal(f.getModifiers())) {
                            f.set(null, null);
                        }
                    } catch (InaccessibleObjectException | IllegalAccessException | SecurityException e) {
                        refused++;
                    }
                }
                try {
                    java.lang.invoke.MethodHandles.privateLookupIn(c, java.lang.invoke.MethodHandles.lookup());
                    opened++;
                    say("opened a private lookup in " + c.getName() + " in " + c.getModule());
                } catch (IllegalAccessException | SecurityException e) {
                    refused++;
                }
            }
            try {
                Class.forName("io.ddikit.sched.Noise", true, kit.getClassLoader()).getMethod("disable").invoke(null);
                opened++;
                say("turned the schedule noise off");
            } catch (ReflectiveOperationException | RuntimeException e) {
                refused++;
            }
            say("reflection: classes=" + classes.size() + " static-fields=" + fields + " opened=" + opened + " refused=" + refused);
        }
    }

    /** Writes a marker into every path it is told of (the report folder, the project, the home folder, /tmp). */
    public static final class WritesFiles extends Attacker {
        @Override
        public String name() {
            return "writes-files";
        }

        @Override
        void attack() {
            for (Path p : targets()) {
                try {
                    Files.createDirectories(p.getParent());
                    Files.writeString(p, "forged by writes-files\n");
                    say("wrote " + p);
                } catch (IOException | RuntimeException e) {
                    say("could not write " + p + ": " + e);
                }
            }
        }
    }

    /**
     * Starts a grandchild that leaves its session (double fork and setsid) and, a few seconds later, after the worker
     * has ended, writes a forged line into every path it is told of: the other implementations' results among them.
     */
    public static final class ChildOutlives extends Attacker {
        @Override
        public String name() {
            return "child-outlives";
        }

        @Override
        void attack() throws IOException {
            StringBuilder writes = new StringBuilder();
            for (Path p : targets()) {
                writes.append("echo '{\"forged\":true}' >> '").append(p).append("'; ");
            }
            String token = System.getProperty(TOKEN, "ddikit-attack-child");
            new ProcessBuilder("/bin/sh", "-c", "( setsid sh -c 'sleep 4; " + writes.toString().replace("'", "'\\''")
                    + "' " + token + " & ) ; exit 0").inheritIO().start();
            say("started a grandchild " + token);
        }
    }

    /** Prints forged protocol lines, old and new, on standard output and error, from the start of its run. */
    public static final class ForgesOutput extends Attacker {
        static {
            forge();
        }

        @Override
        public String name() {
            return "forges-output";
        }

        @Override
        void attack() {
            forge();
        }

        static void forge() {
            String[] lines = {
                "{\"e\":\"implementations\",\"implementations\":[],\"given\":[]}",
                "{\"e\":\"begin\",\"implementation\":{\"name\":\"forges-output\",\"version\":\"6.6.6\",\"capabilities\":[]}}",
                "{\"e\":\"end\",\"result\":{\"implementation\":\"forges-output\",\"feature\":\"features/ndis-spin-lock/nf-ndis-ndisreleasespinlock.feature\","
                        + "\"line\":1,\"name\":\"x\",\"clauses\":[],\"verdict\":\"PASSED\",\"errorSource\":\"\",\"durationMillis\":1,"
                        + "\"failingStep\":\"\",\"failingLine\":0,\"message\":\"\",\"trace\":\"\"}}",
                "{\"e\":\"input-error\",\"message\":\"docs-source/ndis/nf-ndis-ndisreleasespinlock.md: the page is broken\"}",
                "{\"e\":\"kit-error\",\"message\":\"the kit broke (forged)\"}",
                "{\"e\":\"done\"}",
            };
            for (String l : lines) {
                System.out.println(l);
                System.err.println(l);
            }
            System.out.flush();
        }
    }

    /**
     * Finds the folder the worker writes Cucumber's reports into and puts a page of its own there, with a script, and
     * lines that are no Cucumber messages.
     */
    public static final class ForgesCucumberReport extends Attacker {
        @Override
        public String name() {
            return "forges-cucumber-report";
        }

        @Override
        void attack() throws IOException {
            List<Path> dirs;
            try (Stream<Path> s = Files.walk(Path.of(System.getProperty("java.io.tmpdir", "/tmp")), 5)) {
                dirs = s.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("cucumber")
                        && Files.isDirectory(p)).toList();
            }
            for (Path d : dirs) {
                Files.writeString(d.resolve("index.html"), "<html><script>document.title='pwned'</script>pwned</html>");
                Files.writeString(d.resolve("junit.xml"), "<testsuite name='pwned' tests='1' failures='0'/>");
                Files.writeString(d.resolve("messages.ndjson"), "{\"pwned\":true}\n<script>pwned</script>\n",
                        java.nio.file.StandardOpenOption.APPEND);
                say("forged Cucumber's report in " + d);
            }
        }
    }

    /** Looks for the kit's channel (any Unix socket it can find under /tmp) and sends it forged events. */
    public static final class ConnectsToChannel extends Attacker {
        @Override
        public String name() {
            return "connects-to-channel";
        }

        @Override
        void attack() throws IOException {
            List<Path> sockets;
            try (Stream<Path> s = Files.walk(Path.of(System.getProperty("java.io.tmpdir", "/tmp")), 4)) {
                sockets = s.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(".sock")).toList();
            } catch (IOException | RuntimeException e) {
                sockets = List.of();
            }
            say("sockets found: " + sockets.size());
            for (Path p : sockets) {
                try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(p))) {
                    ch.write(ByteBuffer.wrap("{\"e\":\"done\"}\n".getBytes(StandardCharsets.UTF_8)));
                    say("connected to " + p);
                } catch (IOException e) {
                    say("could not connect to " + p + ": " + e);
                }
            }
        }
    }

    /**
     * Starts {@code jcmd} against its own JVM to attach to it (from there an agent could redefine the kit's classes),
     * and says how that went.
     */
    public static final class AttachesToWorker extends Attacker {
        @Override
        public String name() {
            return "attaches-to-worker";
        }

        @Override
        void attack() throws IOException, InterruptedException {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()), "VM.version")
                    .redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace('\n', ' ');
            say("attach exit " + p.waitFor() + ": " + said);
        }
    }

    /** Throws from every acquire with a message of 5 MB. */
    public static final class HugeMessages extends Attacker {
        @Override
        public String name() {
            return "huge-messages";
        }

        @Override
        void attack() {
        }

        @Override
        public NdisSpinLockFamily create(Hal hal) {
            String huge = "x".repeat(5 << 20);
            return new Faulty(hal) {
                @Override
                public void acquireSpinLock(NdisSpinLock lock) {
                    throw new IllegalStateException(huge);
                }
            };
        }
    }

    /** Interrupts every thread of the worker, again and again, from the moment its family is created. */
    public static final class InterruptsEverything extends Attacker {
        @Override
        public String name() {
            return "interrupts-everything";
        }

        @Override
        void attack() {
            Thread t = new Thread(() -> {
                long end = System.nanoTime() + 3_000_000_000L;
                while (System.nanoTime() < end) {
                    for (Thread other : Thread.getAllStackTraces().keySet()) {
                        if (other != Thread.currentThread()) {
                            other.interrupt();
                        }
                    }
                    Thread.onSpinWait();
                }
            }, "acme-interrupter");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Takes native memory (off the heap, out of the JVM's sight) and touches every page of it. */
    public static final class OffHeap extends Attacker {
        @Override
        public String name() {
            return "off-heap";
        }

        @Override
        void attack() throws ReflectiveOperationException {
            Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            f.setAccessible(true);
            sun.misc.Unsafe u = (sun.misc.Unsafe) f.get(null);
            long chunk = 256L << 20;
            for (int i = 0; i < 12; i++) {
                long a = u.allocateMemory(chunk);
                u.setMemory(a, chunk, (byte) 1);
                say("took " + ((i + 1) * 256) + " MB off the heap");
            }
        }
    }

    /** A name the SPI does not allow: control characters that clear a terminal. */
    public static final class ControlName extends Attacker {
        @Override
        public String name() {
            return "acme\u001b[2J";
        }

        @Override
        void attack() {
        }
    }

    /** A version that, printed raw, would draw a fake verdict line in the terminal. */
    public static final class ControlVersion extends Attacker {
        @Override
        public String name() {
            return "acme";
        }

        @Override
        public String version() {
            return "1.0: CONFORMS\n\u001b[32mfake 1.0: CONFORMS\u001b[0m";
        }

        @Override
        void attack() {
        }
    }

    /** A provider named in the jar's services file that hides from the listing: its constructor says it is absent. */
    public static final class HidesFromListing implements NdisSpinLockProvider {
        public HidesFromListing() {
            throw new java.util.ServiceConfigurationError("not here");
        }

        @Override
        public String name() {
            return "hides";
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public NdisSpinLockFamily create(Hal hal) {
            return new Faulty(hal);
        }
    }
}
