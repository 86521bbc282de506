package io.ddikit.suite.glue;

import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.ddikit.suite.SuiteContext;
import io.ddikit.suite.Target;
import io.ddikit.trace.Tags;
import org.opentest4j.TestAbortedException;

/**
 * Glue every suite runs with: a scenario tagged {@code @requires:<capability>} is not applicable to an
 * implementation that does not declare the capability. It is aborted before its first step, so it is
 * reported as not applicable and never as passed.
 */
public final class CapabilityHooks {

    /** Prefix of the message of a scenario that was not applicable; the result collector looks for it. */
    public static final String NOT_APPLICABLE = "not applicable: ";

    @Before(order = 0)
    public void requireCapabilities(Scenario scenario) {
        Target target = SuiteContext.current().target();
        for (String needed : Tags.requirements(scenario.getSourceTagNames())) {
            if (!target.declares(needed)) {
                throw new TestAbortedException(NOT_APPLICABLE + "implementation '" + target.name()
                        + "' does not declare the capability '" + needed + "' this scenario needs");
            }
        }
    }
}
