package io.ddikit.impls.ndis.ticket;

import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import io.ddikit.spi.ndis.NdisSpinLock;
import io.ddikit.spi.ndis.NdisSpinLockFamily;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A correct implementation of another design: a ticket lock. Each acquirer takes the next ticket and
 * spins until "now serving" reaches it, so waiters win in arrival order. IRQL behaviour is the
 * documented one: acquire raises to DISPATCH_LEVEL first and saves the previous IRQL after winning;
 * release reads it while holding, serves the next ticket (release store) and then lowers.
 */
public final class TicketFamily implements NdisSpinLockFamily {

    /** An {@code NDIS_SPIN_LOCK} of this implementation. */
    static final class Lock implements NdisSpinLock {
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger serving = new AtomicInteger();
        /** Written and read only by the holder. */
        Irql oldIrql = Irql.PASSIVE_LEVEL;
    }

    private final Hal hal;

    public TicketFamily(Hal hal) {
        this.hal = hal;
    }

    @Override
    public NdisSpinLock newLock() {
        return new Lock();
    }

    @Override
    public void allocateSpinLock(NdisSpinLock lock) {
        Lock l = (Lock) lock;
        l.oldIrql = Irql.PASSIVE_LEVEL;
        l.next.set(0);
        l.serving.set(0);
    }

    @Override
    public void freeSpinLock(NdisSpinLock lock) {
        // nothing to retire
    }

    @Override
    public void acquireSpinLock(NdisSpinLock lock) {
        Lock l = (Lock) lock;
        Irql old = hal.raiseIrql(Irql.DISPATCH_LEVEL);
        waitForTurn(l);
        l.oldIrql = old;
    }

    @Override
    public void releaseSpinLock(NdisSpinLock lock) {
        Lock l = (Lock) lock;
        Irql old = l.oldIrql;
        serveNext(l);
        hal.lowerIrql(old);
    }

    @Override
    public void dprAcquireSpinLock(NdisSpinLock lock) {
        waitForTurn((Lock) lock);
    }

    @Override
    public void dprReleaseSpinLock(NdisSpinLock lock) {
        serveNext((Lock) lock);
    }

    private void waitForTurn(Lock l) {
        int ticket = l.next.getAndIncrement();
        while (l.serving.getAcquire() != ticket) {
            hal.spinWait();
        }
    }

    private static void serveNext(Lock l) {
        l.serving.setRelease(l.serving.getPlain() + 1);
    }
}
