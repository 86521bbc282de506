/**
 * Results of a run: per-scenario outcomes as the runner streams them to disk, the run's metadata, and
 * the verdict vocabulary. Shared by the runner (which writes), the grader and the reports (which read).
 */
package io.ddikit.result;
