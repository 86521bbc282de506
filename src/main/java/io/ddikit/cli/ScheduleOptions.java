package io.ddikit.cli;

import io.ddikit.suite.SuiteContext;
import picocli.CommandLine.Option;

/** The controlled tier's options, shared by {@code run} and {@code selftest}: {@code --explore N}, {@code --replay ID}. */
final class ScheduleOptions {
    @Option(names = "--explore", paramLabel = "N", defaultValue = "" + SuiteContext.Schedules.DEFAULT_EXPLORE,
            description = "Schedules the controlled tier explores in each contention scenario, 0 for the stress tier alone (default: ${DEFAULT-VALUE}).")
    int explore;

    @Option(names = "--replay", paramLabel = "SCHEDULE",
            description = "Run only this schedule of the controlled tier (its id, as a failure prints it, e.g. pct3-1f2e3d4c), and no stress tier.")
    String replay;

    /** The options, checked. */
    SuiteContext.Schedules schedules() throws Project.InputError {
        return SuiteSession.schedules(explore, replay);
    }
}
