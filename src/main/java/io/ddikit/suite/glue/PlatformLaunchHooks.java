package io.ddikit.suite.glue;

import io.cucumber.java.AfterAll;
import io.cucumber.java.BeforeAll;
import io.ddikit.run.PlatformLaunch;
import io.ddikit.run.RunInputException;
import io.ddikit.suite.SuiteContext;
import io.ddikit.suite.Target;

/**
 * Sets the suite's context up when the JUnit Platform starts Cucumber, as in a vendor's own build with one
 * {@code @Suite} class; under {@code ddikit run} the runner has set it already and this does nothing. Which
 * implementation, seed, processors and call bound: see {@link PlatformLaunch}.
 */
public final class PlatformLaunchHooks {
    private static volatile boolean ours;

    @BeforeAll
    public static void setUpContextWhenNoRunnerDid() {
        if (SuiteContext.isSet()) {
            return;
        }
        SuiteContext context;
        try {
            context = PlatformLaunch.context();
        } catch (RunInputException e) {
            throw new IllegalStateException("ddikit: " + e.getMessage(), e);
        }
        SuiteContext.set(context);
        ours = true;
        Target t = context.target();
        System.out.printf("ddikit: the suite against %s %s (%s, %s), %d processors, seed %d (-D%s=%d replays it)%n",
                t.name(), t.version(), t.handle().getClass().getName(),
                PlatformLaunch.withSchedulePoints(t) ? "with schedule points" : "without schedule points: its classes could not be loaded again",
                context.processors(), context.seed(), PlatformLaunch.SEED, context.seed());
    }

    @AfterAll
    public static void clearWhatWeSetUp() {
        if (ours) {
            ours = false;
            SuiteContext.clear();
        }
    }
}
