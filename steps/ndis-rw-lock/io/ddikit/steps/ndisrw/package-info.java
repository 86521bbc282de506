/**
 * The steps of the NDIS read-write lock features ({@code features/ndis-rw-lock/}) and the family's
 * {@link io.ddikit.steps.ndisrw.NdisRwLocks}: calls by processors and by threads of a processor, the kit's own
 * {@code LOCK_STATE}s, contention of readers and writers under the controlled scheduler and under stress.
 */
package io.ddikit.steps.ndisrw;
