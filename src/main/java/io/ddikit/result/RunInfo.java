package io.ddikit.result;

import java.time.Instant;

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
 */
public record RunInfo(String kitVersion, int processors, long seed, String jvm, String os, int hostCpus,
                      Instant started, Instant ended) {

    public RunInfo ended(Instant when) {
        return new RunInfo(kitVersion, processors, seed, jvm, os, hostCpus, started, when);
    }

    public boolean complete() {
        return ended != null;
    }
}
