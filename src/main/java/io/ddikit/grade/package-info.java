/**
 * Grading: scenario results and the trace check in, one verdict per clause and per implementation out.
 * Never touches HTML or the console.
 */
package io.ddikit.grade;
