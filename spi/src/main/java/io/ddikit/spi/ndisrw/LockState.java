package io.ddikit.spi.ndisrw;

import io.ddikit.spi.Irql;

/**
 * A {@code LOCK_STATE}: the storage a caller gives to one acquisition of a read-write lock, owned by the <em>caller</em>
 * (the kit, here) and passed by address to the acquire and again to its release. Like the C structure it has two
 * fields: {@code LockState}, a small number the implementation keeps for this acquisition (how it holds the lock: for
 * read, for write, as a recursive read...), and {@code OldIrql}, the IRQL the caller was at before the acquire, which the
 * release restores. A fresh one holds 0 and no IRQL.
 *
 * <p>Each acquisition has its own: the pages ask the caller to release each acquisition once, and the kit gives every
 * acquire a LOCK_STATE that no acquisition still held uses. An implementation may keep whatever it needs of one
 * acquisition here; it must not keep a reference to it after the release it was given to returns, nor write another
 * acquisition's LOCK_STATE. The kit sees every write: on which processor and thread, in which call, and which
 * acquisitions were held then.
 */
public interface LockState {
    /** The largest value of the {@code LockState} field (a {@code USHORT}). */
    int MAX_STATE = 0xFFFF;

    /** The {@code LockState} field: what the implementation last wrote, 0 when nothing. */
    int state();

    /**
     * Writes the {@code LockState} field: 0 to {@value #MAX_STATE}; another value throws
     * {@link IllegalArgumentException} (a {@code USHORT} cannot hold it).
     */
    void setState(int value);

    /** The {@code OldIrql} field: what the implementation last wrote, or null when nothing. */
    Irql oldIrql();

    /** Writes the {@code OldIrql} field. */
    void setOldIrql(Irql irql);
}
