/**
 * What the engine and the step definitions share while a suite runs: the implementation under test
 * ({@link io.ddikit.suite.Target}), the API families and how their implementations are found ({@link io.ddikit.suite.ApiFamily}),
 * the run's settings ({@link io.ddikit.suite.SuiteContext}) and the exception that marks a crash or hang of
 * the implementation ({@link io.ddikit.suite.ImplementationFault}). Knows nothing of any particular API.
 */
package io.ddikit.suite;
