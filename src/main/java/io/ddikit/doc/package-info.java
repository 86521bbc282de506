/**
 * The kit's model of a reference page: immutable records handed out by the page reader and read
 * by every later stage (trace check, grading, reports). No parser types appear here.
 */
package io.ddikit.doc;
