/**
 * Deliberately faulty implementations of the kernel's executive spin locks ({@link io.ddikit.faults.ke.KeFaults}):
 * each makes one realistic mistake and names the clauses of the wdm pages it breaks. SPI and JDK only.
 */
package io.ddikit.faults.ke;
