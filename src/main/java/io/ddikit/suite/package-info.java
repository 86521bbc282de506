/**
 * What the engine and the step definitions share while a suite runs: the implementation under test
 * ({@link io.ddikit.suite.Target}), how targets of an API are found ({@link io.ddikit.suite.TargetCatalog}),
 * the run's settings ({@link io.ddikit.suite.SuiteContext}) and the exception that marks a crash or hang of
 * the implementation ({@link io.ddikit.suite.ImplementationFault}). Knows nothing of any particular API.
 */
package io.ddikit.suite;
