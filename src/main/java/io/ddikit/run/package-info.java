/**
 * Runs the suite: finds implementations, runs Cucumber against one of them, and streams each
 * scenario's result to disk as it ends. Knows nothing of HTML and nothing of the API under test.
 */
package io.ddikit.run;
