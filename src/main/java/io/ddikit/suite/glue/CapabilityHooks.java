package io.ddikit.suite.glue;

import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.ddikit.suite.SuiteContext;
import io.ddikit.suite.Target;
import io.ddikit.trace.Tags;

/**
 * Glue every suite runs with: a scenario tagged {@code @requires:<capability>} is not applicable to an
 * implementation that does not declare the capability. It is aborted before its first step, so it is
 * reported as not applicable and never as passed.
 */
public final class CapabilityHooks {


    private final SuiteContext context;

    public CapabilityHooks(SuiteContext context) {
        this.context = context;
    }

    @Before(order = 0)
    public void requireCapabilities(Scenario scenario) {
        Target target = context.target();
        for (String needed : Tags.requirements(scenario.getSourceTagNames())) {
            if (!target.declares(needed)) {
                throw io.ddikit.suite.NotApplicable.because("implementation '" + target.name()
                        + "' does not declare the capability '" + needed + "' this scenario needs");
            }
        }
    }
}
