/**
 * Deliberately faulty implementations of the NDIS read-write locks ({@link io.ddikit.faults.ndisrw.RwFaults}): each makes
 * one realistic mistake and names the clauses of the read-write lock pages it breaks. SPI and JDK only.
 */
package io.ddikit.faults.ndisrw;
