package com.acme.spinlock;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasspathResource;
import org.junit.platform.suite.api.Suite;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.JUNIT_PLATFORM_NAMING_STRATEGY_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.OBJECT_FACTORY_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;

/**
 * The ddikit conformance suite against Acme's spin locks: every scenario of the kit's features is a test
 * of this build. The kit tests the one implementation of the class path that does not come with it.
 */
@Suite
@IncludeEngines("cucumber")
@SelectClasspathResource("ddikit/features/ndis-spin-lock")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "io.ddikit.steps.ndis,io.ddikit.suite.glue")
@ConfigurationParameter(key = OBJECT_FACTORY_PROPERTY_NAME, value = "io.ddikit.run.SuiteObjectFactory")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME, value = "html:target/ddikit/cucumber.html")
@ConfigurationParameter(key = JUNIT_PLATFORM_NAMING_STRATEGY_PROPERTY_NAME, value = "long")
class AcmeConformanceTest {
}
