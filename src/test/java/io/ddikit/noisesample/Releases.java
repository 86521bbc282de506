package io.ddikit.noisesample;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/** Stand-ins for the ways implementation code frees a lock, with and without release semantics. */
public final class Releases {
    private static final VarHandle WORD;

    static {
        try {
            WORD = MethodHandles.lookup().findVarHandle(Releases.class, "word", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AtomicInteger atomic = new AtomicInteger(1);
    private int word = 1;
    private int plain = 1;
    private final Holder holder = new Holder();

    /** A field of another class, declared volatile there. */
    public static final class Holder {
        volatile int word = 1;
    }

    public void atomicSetPlain() {
        atomic.setPlain(0);
    }

    public void atomicSetRelease() {
        atomic.setRelease(0);
    }

    public void varHandleSet() {
        WORD.set(this, 0);
    }

    public void varHandleSetRelease() {
        WORD.setRelease(this, 0);
    }

    public void plainField() {
        plain = 0;
    }

    public void otherClassVolatile() {
        holder.word = 0;
    }

    public synchronized void synchronizedPlainField() {
        plain = 0;
    }

    // ---- reads, writes and read-modify-writes, for the count of interlocked operations

    public void atomicGetAcquire() {
        atomic.getAcquire();
    }

    public void atomicIncrementAndGet() {
        atomic.incrementAndGet();
    }

    public void atomicCompareAndSetTwice() {
        atomic.compareAndSet(1, 2);
        atomic.weakCompareAndSetVolatile(2, 3);
    }

    public void varHandleGetAndAdd() {
        WORD.getAndAdd(this, 1);
    }

    public void varHandleFullFence() {
        VarHandle.fullFence();
    }

    public void adderIncrement() {
        new java.util.concurrent.atomic.LongAdder().increment();
    }

    public void synchronizedBlock() {
        synchronized (holder) {
            plain = 2;
        }
    }

    public void reentrantLockAndUnlock() {
        java.util.concurrent.locks.ReentrantLock l = new java.util.concurrent.locks.ReentrantLock();
        l.lock();
        l.unlock();
    }
}
