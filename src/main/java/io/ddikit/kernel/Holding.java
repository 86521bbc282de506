package io.ddikit.kernel;

import io.ddikit.spi.Irql;

/**
 * One acquisition of a lock that has returned and whose release has not, as the kit keeps it: who holds the lock, how,
 * and since when. Made when an acquire returns ({@link LockEffect#ACQUIRE}); ended by the release of the same lock and
 * acquisition ({@link ApiCall#acquisition()}), or, when that is empty, by the next release of the lock on the processor.
 *
 * @param processor   the processor
 * @param thread      the thread that acquired it, empty for the processor's own
 * @param lockLabel   the lock
 * @param acquisition which acquisition ({@code S1}), or empty
 * @param access      how it holds the lock ({@code read}, {@code write}), or empty
 * @param apiName     the acquire that returned
 * @param entryIrql   the IRQL the acquire was entered at
 * @param sequence    the machine's global sequence number of the acquire's return
 */
public record Holding(int processor, String thread, String lockLabel, String acquisition, String access, String apiName,
                      Irql entryIrql, long sequence) {

    /** {@code thread T1 on processor 0 (read, lock state S1)}, or {@code processor 1}. */
    public String describe() {
        String who = thread.isEmpty() ? "processor " + processor : "thread " + thread + " on processor " + processor;
        String how = access.isEmpty() ? acquisition : acquisition.isEmpty() ? access : access + ", " + acquisition;
        return who + (how.isEmpty() ? "" : " (" + how + ")");
    }

    /** {@code P0 (read)}, as a schedule's log shows a holder. */
    String shortName() {
        return "P" + processor + (access.isEmpty() ? "" : " (" + access + ")");
    }
}
