package io.ddikit.impls.ke.queued;

import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ke.KSpinLock;
import io.ddikit.spi.ke.KeSpinLockFamily;
import io.ddikit.spi.ke.OldIrql;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A correct implementation of another design: a queue lock in the manner of Mellor-Crummey and Scott (MCS), the
 * design of the kernel's own in-stack queued spin locks. Every acquirer brings a fresh node, swaps it into the lock's
 * {@code tail} and, when it had a predecessor, links itself behind it and spins on <em>its own</em> node until the
 * predecessor hands the lock over. Waiters therefore win in arrival order (FIFO). The lock keeps the holder's node, so
 * that a release, which gets only the lock, finds whom to hand over to.
 * <ul>
 *   <li>{@code KeAcquireSpinLock}: raise to DISPATCH_LEVEL, enqueue and wait for the hand-off, then write the previous
 *       IRQL to {@code OldIrql}. {@code KeReleaseSpinLock}: hand the lock to the next waiter (or empty the queue), then
 *       lower to {@code NewIrql}.</li>
 *   <li>The {@code AtDpcLevel}/{@code FromDpcLevel} pair: the same queue, no IRQL change.</li>
 *   <li>{@code KeTestSpinLock}: {@code true} when the queue is empty (nobody holds the lock, nobody waits).</li>
 *   <li>{@code KeTryToAcquireSpinLockAtDpcLevel}: one compare-and-set of an empty queue to its own node; it never
 *       joins a queue, so it never waits, and it succeeds only when nobody holds or waits.</li>
 * </ul>
 * A release that finds the tail moved on but the successor not yet linked waits (spinning with
 * {@link Hal#spinWait()}) for the link; the successor is between two of its own instructions then.
 */
public final class KeQueuedFamily implements KeSpinLockFamily {

    /** One acquirer's place in the queue. Made fresh for every acquire, so that no node is ever reused. */
    static final class Node {
        /** Cleared (release store) by the predecessor when it hands the lock over. */
        volatile boolean waiting = true;
        /** The successor, linked (release store) by the successor itself. */
        volatile Node next;
    }

    /** A {@code KSPIN_LOCK} of this implementation: the queue's tail and the holder's node. */
    static final class Lock implements KSpinLock {
        /** The last node in the queue, or null when nobody holds the lock and nobody waits. */
        final AtomicReference<Node> tail = new AtomicReference<>();
        /** The holder's node: written by the holder after it won the lock, read by it when it releases. */
        Node holder;
    }

    private final Hal hal;

    public KeQueuedFamily(Hal hal) {
        this.hal = hal;
    }

    @Override
    public KSpinLock newLock() {
        return new Lock();
    }

    @Override
    public void initializeSpinLock(KSpinLock lock) {
        Lock l = (Lock) lock;
        l.holder = null;
        l.tail.set(null);
    }

    @Override
    public void acquireSpinLock(KSpinLock lock, OldIrql oldIrql) {
        Lock l = (Lock) lock;
        Irql previous = hal.raiseIrql(Irql.DISPATCH_LEVEL);
        enqueueAndWait(l);
        oldIrql.set(previous);
    }

    @Override
    public void releaseSpinLock(KSpinLock lock, Irql newIrql) {
        handOver((Lock) lock);
        hal.lowerIrql(newIrql);
    }

    @Override
    public void acquireSpinLockAtDpcLevel(KSpinLock lock) {
        enqueueAndWait((Lock) lock);
    }

    @Override
    public void releaseSpinLockFromDpcLevel(KSpinLock lock) {
        handOver((Lock) lock);
    }

    @Override
    public boolean testSpinLock(KSpinLock lock) {
        return ((Lock) lock).tail.getAcquire() == null;
    }

    @Override
    public boolean tryToAcquireSpinLockAtDpcLevel(KSpinLock lock) {
        Lock l = (Lock) lock;
        Node mine = new Node();
        if (l.tail.getAcquire() == null && l.tail.compareAndSet(null, mine)) {
            l.holder = mine;
            return true;
        }
        return false;
    }

    private void enqueueAndWait(Lock l) {
        Node mine = new Node();
        Node predecessor = l.tail.getAndSet(mine);
        if (predecessor != null) {
            predecessor.next = mine;
            while (mine.waiting) {
                hal.spinWait();
            }
        }
        l.holder = mine;
    }

    private void handOver(Lock l) {
        Node mine = l.holder;
        l.holder = null;
        Node successor = mine.next;
        if (successor == null) {
            if (l.tail.compareAndSet(mine, null)) {
                return;
            }
            while ((successor = mine.next) == null) {
                hal.spinWait();
            }
        }
        successor.waiting = false;
    }
}
