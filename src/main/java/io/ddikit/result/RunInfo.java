package io.ddikit.result;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The circumstances of one run of the suite against one implementation.
 *
 * @param kitVersion  ddikit's version
 * @param processors  simulated processors per machine
 * @param seed        the seed of every randomised choice; the same seed replays the same choices
 * @param jvm         {@code java.vm.name java.version}
 * @param os          {@code os.name os.version os.arch}
 * @param hostCpus    processors the host offered
 * @param started     when the run started
 * @param ended       when it ended, or null while it runs (an incomplete run)
 * @param pages       each page's file and fingerprint, as the run saw them (runs over other pages do not merge)
 * @param problem     why the run could not finish normally (the implementation's process died, hung, ran out
 *                    of its time, or left threads running), or null; a run with a problem grades as error
 */
public record RunInfo(String kitVersion, int processors, long seed, String jvm, String os, int hostCpus,
                      Instant started, Instant ended, Map<String, String> pages, String problem) {

    public RunInfo {
        pages = pages == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(pages));
    }

    /** A run starting now on this JVM and host. */
    public static RunInfo startingHere(int processors, long seed, Map<String, String> pages) {
        return new RunInfo(KitVersion.current(), processors, seed,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Instant.now(), null, pages, null);
    }

    public RunInfo ended(Instant when) {
        return new RunInfo(kitVersion, processors, seed, jvm, os, hostCpus, started, when, pages, problem);
    }

    /** This run, ended now with the given problem (the first problem stays when there is one already). */
    public RunInfo failed(String why, Instant when) {
        return new RunInfo(kitVersion, processors, seed, jvm, os, hostCpus, started, ended == null ? when : ended, pages,
                problem == null ? why : problem);
    }

    public boolean complete() {
        return ended != null;
    }
}
