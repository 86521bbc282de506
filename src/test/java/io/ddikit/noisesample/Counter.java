package io.ddikit.noisesample;

import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for implementation code: one plain field and one atomic. */
public final class Counter {
    private int plain;
    private final AtomicInteger atomic = new AtomicInteger();

    public void increment() {
        plain++;
        atomic.incrementAndGet();
    }

    public int plain() {
        return plain;
    }
}
