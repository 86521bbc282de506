/** The kernel executive spin lock family: its {@link io.ddikit.suite.ApiFamily} and its Cucumber steps. */
package io.ddikit.steps.ke;
