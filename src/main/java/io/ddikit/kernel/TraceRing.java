package io.ddikit.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A bounded ring of trace events; consecutive identical foldable events share one line. Thread-safe. */
final class TraceRing {
    private static final class Entry {
        final long sequence;
        final String text;
        final boolean foldable;
        long repeat = 1;

        Entry(long sequence, String text, boolean foldable) {
            this.sequence = sequence;
            this.text = text;
            this.foldable = foldable;
        }
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries;

    TraceRing(int capacity) {
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(Math.min(capacity, 256));
    }

    synchronized void add(long sequence, String text, boolean foldable) {
        Entry last = entries.peekLast();
        if (foldable && last != null && last.foldable && last.text.equals(text)) {
            last.repeat++;
            return;
        }
        if (entries.size() == capacity) {
            entries.pollFirst();
        }
        entries.addLast(new Entry(sequence, text, foldable));
    }

    synchronized List<TraceEvent> last(int n) {
        List<TraceEvent> out = new ArrayList<>(Math.min(n, entries.size()));
        int skip = Math.max(0, entries.size() - n);
        Iterator<Entry> it = entries.iterator();
        for (int i = 0; it.hasNext(); i++) {
            Entry e = it.next();
            if (i >= skip) {
                out.add(new TraceEvent(e.sequence, e.text, e.repeat));
            }
        }
        return out;
    }
}
