/**
 * The trace check: ties the Rules and scenarios of the features to the clauses of the pages, and
 * says what is uncovered, unknown, untied or drifted. Reads Gherkin; knows nothing of the API under test.
 */
package io.ddikit.trace;
