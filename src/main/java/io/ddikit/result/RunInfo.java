package io.ddikit.result;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The circumstances of one run of the suite against one implementation, or of several runs merged into one
 * ({@code ddikit report --merge}).
 *
 * @param kitVersion  ddikit's version
 * @param processors  simulated processors per machine
 * @param seed        the seed of every randomised choice; the same seed replays the same choices (a merged run:
 *                    its first shard's; each shard's is in {@code shards})
 * @param jvm         {@code java.vm.name java.version}
 * @param os          {@code os.name os.version os.arch}
 * @param hostCpus    processors the host offered
 * @param started     when the run started
 * @param ended       when it ended, or null while it runs (an incomplete run)
 * @param pages       each page's file and fingerprint, as the run saw them (runs over other pages do not merge)
 * @param problem     why the run could not finish normally (the implementation's process died, hung, ran out
 *                    of its time, or left threads running), or null; a run with a problem grades as error
 * @param host        the name of the machine it ran on (merged runs on several machines: their names, comma
 *                    separated), or null when not known
 * @param shards      the runs this one was merged from, in the order they were given; empty for a run that was
 *                    not merged
 * @param isolation   how the implementation was kept apart from the kit: its sandbox and resource bounds; null for
 *                    a run in the kit's own process (the self-test, a suite in a vendor's build)
 */
public record RunInfo(String kitVersion, int processors, long seed, String jvm, String os, int hostCpus,
                      Instant started, Instant ended, Map<String, String> pages, String problem, String host,
                      List<Shard> shards, Isolation isolation) {

    public RunInfo {
        pages = pages == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(pages));
        shards = shards == null ? List.of() : List.copyOf(shards);
    }

    /** A run with no record of its isolation (in the kit's own process). */
    public RunInfo(String kitVersion, int processors, long seed, String jvm, String os, int hostCpus,
                   Instant started, Instant ended, Map<String, String> pages, String problem, String host,
                   List<Shard> shards) {
        this(kitVersion, processors, seed, jvm, os, hostCpus, started, ended, pages, problem, host, shards, null);
    }

    /**
     * How an implementation's run was kept apart from the kit and from everything else on the machine.
     *
     * @param sandboxed whether its worker ran in the sandbox (false only with {@code --no-sandbox})
     * @param sandbox   one line: the sandbox, or why there was none
     * @param bounds    one line: the bounds on its memory and processes, and which mechanism applied them
     */
    public record Isolation(boolean sandboxed, String sandbox, String bounds) {
        /** What a report says of a run with no isolation recorded. */
        public static final String IN_PROCESS = "not sandboxed (run in the kit's own process)";
    }

    /** Whether the run is recorded as sandboxed. */
    public boolean sandboxed() {
        return isolation != null && isolation.sandboxed();
    }

    /** This run, recorded as isolated as {@code i} says. */
    public RunInfo isolated(Isolation i) {
        return new RunInfo(kitVersion, processors, seed, jvm, os, hostCpus, started, ended, pages, problem, host, shards, i);
    }

    /** A run taken on this machine: {@code host} is this machine's name, and it has no shards. */
    public RunInfo(String kitVersion, int processors, long seed, String jvm, String os, int hostCpus,
                   Instant started, Instant ended, Map<String, String> pages, String problem) {
        this(kitVersion, processors, seed, jvm, os, hostCpus, started, ended, pages, problem, LocalHost.NAME, List.of());
    }

    /** A run starting now on this JVM and host. */
    public static RunInfo startingHere(int processors, long seed, Map<String, String> pages) {
        return new RunInfo(KitVersion.current(), processors, seed,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Instant.now(), null, pages, null);
    }

    public RunInfo ended(Instant when) {
        return new RunInfo(kitVersion, processors, seed, jvm, os, hostCpus, started, when, pages, problem, host, shards, isolation);
    }

    /** This run, ended now with the given problem (the first problem stays when there is one already). */
    public RunInfo failed(String why, Instant when) {
        return new RunInfo(kitVersion, processors, seed, jvm, os, hostCpus, started, ended == null ? when : ended, pages,
                problem == null ? why : problem, host, shards, isolation);
    }

    public boolean complete() {
        return ended != null;
    }

    /**
     * One of the runs a merged run was made from.
     *
     * @param source    the folder its results were read from, as given to {@code ddikit report --merge}
     * @param host      the machine it ran on, or null when not known
     * @param seed      its seed
     * @param started   when it started
     * @param ended     when it ended, or null when it had not (the merged run is then incomplete)
     * @param scenarios how many scenario results it brought
     */
    public record Shard(String source, String host, long seed, Instant started, Instant ended, int scenarios) {
    }

    /** This machine's name, looked up once. */
    private static final class LocalHost {
        static final String NAME = lookUp();

        private static String lookUp() {
            for (String env : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
                String v = System.getenv(env);
                if (v != null && !v.isBlank()) {
                    return v.strip();
                }
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException | SecurityException e) {
                return null;
            }
        }
    }
}
