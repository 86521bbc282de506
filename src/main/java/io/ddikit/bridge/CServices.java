package io.ddikit.bridge;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Pointer;
import io.ddikit.sched.MemoryOrder;
import io.ddikit.sched.points.SchedulePoints;
import io.ddikit.spi.BugCheck;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;

import java.util.List;

/**
 * The kernel services of the kit's header, as callbacks onto the {@link Hal} of the machine whose processor made the
 * call into C. Each returns a negative value when the service failed: what it caught is kept in the thread's
 * {@link Frame}, and the C side jumps back to the trampoline. Every service is a HAL call (counted, checked, a schedule
 * point); each Interlocked* operation is counted as an interlocked operation with release semantics, a WriteRelease
 * and a barrier as a release, and each is a schedule point.
 */
final class CServices {
    /** One call into C on this thread: the machine's HAL it belongs to, the function, and what failed in it. */
    static final class Frame {
        final Hal hal;
        final String function;
        final Frame outer;
        Throwable failure;

        Frame(Hal hal, String function, Frame outer) {
            this.hal = hal;
            this.function = function;
            this.outer = outer;
        }

        Throwable failure() {
            return failure;
        }
    }

    /** The names of the header's DDIKIT_OP_ codes, as the schedule's log shows them. */
    private static final String[] OPS = new String[32];

    static {
        OPS[1] = "InterlockedExchange";
        OPS[2] = "InterlockedCompareExchange";
        OPS[3] = "InterlockedIncrement";
        OPS[4] = "InterlockedDecrement";
        OPS[5] = "InterlockedExchangeAdd";
        OPS[6] = "InterlockedAnd";
        OPS[7] = "InterlockedOr";
        OPS[8] = "InterlockedBitTestAndSet";
        OPS[16] = "ReadNoFence";
        OPS[17] = "ReadAcquire";
        OPS[18] = "WriteNoFence";
        OPS[19] = "WriteRelease";
        OPS[20] = "KeMemoryBarrier";
    }

    private final ThreadLocal<Frame> current = new ThreadLocal<>();
    /** Told of each IRQL change inside a call, so a crash names the IRQL it happened at; or null. */
    private final io.ddikit.nativelib.CallNotes notes;

    CServices(io.ddikit.nativelib.CallNotes notes) {
        this.notes = notes;
    }

    private int noted(int level) {
        if (notes != null) {
            notes.irql(level);
        }
        return level;
    }

    // ------------------------------------------------------------------ the callbacks' types (one per signature)

    public interface IntOfVoid extends Callback {
        int invoke();
    }

    public interface IntOfInt extends Callback {
        int invoke(int value);
    }

    public interface BugCheckService extends Callback {
        int invoke(int code, long p1, long p2, long p3, long p4);
    }

    public interface OperationService extends Callback {
        int invoke(int op, Pointer address);
    }

    // strongly held: the C side keeps only their addresses
    private final IntOfVoid getIrql = () -> guard(f -> f.hal.currentIrql().level());
    private final IntOfInt raiseIrql = n -> guard(f -> {
        int old = f.hal.raiseIrql(irql(n)).level();
        noted(n);
        return old;
    });
    private final IntOfInt lowerIrql = n -> guard(f -> {
        f.hal.lowerIrql(irql(n));
        noted(n);
        return 0;
    });
    private final IntOfVoid processorNumber = () -> guard(f -> f.hal.currentProcessorNumber());
    private final IntOfVoid yieldProcessor = () -> guard(f -> {
        f.hal.spinWait();
        return 0;
    });
    private final BugCheckService bugCheck = (code, p1, p2, p3, p4) -> guard(f -> {
        f.hal.bugCheck(new BugCheck(code, p1, "", String.format("KeBugCheckEx(0x%X, 0x%X, 0x%X, 0x%X, 0x%X) called by %s",
                code, p1, p2, p3, p4, f.function)));
        return -1;
    });
    private final OperationService operation = (op, address) -> guard(f -> {
        String what = op >= 0 && op < OPS.length && OPS[op] != null ? OPS[op] : "operation " + op;
        MemoryOrder.operation();
        if (op < 16) {
            SchedulePoints.interlocked();
            SchedulePoints.release();
        } else if (op == 19 || op == 20) {
            SchedulePoints.release();
        }
        SchedulePoints.sync(what);
        return 0;
    });
    private final List<Callback> all = List.of(getIrql, raiseIrql, lowerIrql, processorNumber, yieldProcessor, bugCheck,
            operation);

    private interface Body {
        int run(Frame f);
    }

    private int guard(Body body) {
        Frame f = current.get();
        if (f == null) {
            // a service called on a thread the kit made no call on (the library's own): nothing to bind it to
            return -1;
        }
        if (f.failure != null) {
            // a service after one that failed (the library ignored the failure): refuse again
            return -1;
        }
        try {
            return body.run(f);
        } catch (Throwable t) {
            f.failure = t;
            return -1;
        }
    }

    private static Irql irql(int n) {
        if (n < 0 || n > Irql.MAX) {
            throw new io.ddikit.spi.BugCheckException(new BugCheck(BugCheck.IRQL_NOT_LESS_OR_EQUAL, n, "",
                    "an IRQL of " + n + " was passed to the kernel, which has levels 0 to " + Irql.MAX));
        }
        return Irql.of(n);
    }

    /** Writes the callbacks' addresses into the library's table (the layout of the header's DDIKIT_SERVICES). */
    void install(Pointer table) {
        int at = 8;
        for (Callback c : all) {
            table.setPointer(at, CallbackReference.getFunctionPointer(c));
            at += 8;
        }
        table.setInt(4, CLibrary.SERVICES_VERSION);
        table.setInt(0, CLibrary.SERVICES_SIZE);
    }

    Frame enter(Hal hal, String function) {
        Frame f = new Frame(hal, function, current.get());
        current.set(f);
        return f;
    }

    void leave(Frame f) {
        if (f.outer == null) {
            current.remove();
        } else {
            current.set(f.outer);
        }
    }
}
