package io.ddikit.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddikit.spi.BugCheck;
import io.ddikit.spi.BugCheckException;
import io.ddikit.spi.Hal;
import io.ddikit.spi.Irql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class SimulatedMachineTest {
    private static final Irql PASSIVE = Irql.PASSIVE_LEVEL;
    private static final Irql APC = Irql.APC_LEVEL;
    private static final Irql DISPATCH = Irql.DISPATCH_LEVEL;

    private SimulatedMachine machine = new SimulatedMachine(MachineConfig.defaults().withCallBound(Duration.ofSeconds(5)));
    private Hal hal = machine.hal();

    @AfterEach
    void close() {
        machine.close();
    }

    private void useMachine(MachineConfig config) {
        machine.close();
        machine = new SimulatedMachine(config);
        hal = machine.hal();
    }

    @Nested
    class IrqlRules {
        @Test
        void raise_returns_the_previous_irql_and_lower_restores_it() {
            AtomicReference<Irql> old = new AtomicReference<>();
            CallResult r = machine.call(1, "Raise", "", () -> old.set(hal.raiseIrql(DISPATCH)));
            assertThat(r.returned()).isTrue();
            assertThat(old.get()).isEqualTo(PASSIVE);
            assertThat(r.exitIrql()).isEqualTo(DISPATCH);
            assertThat(machine.irql(1)).isEqualTo(DISPATCH);
            assertThat(machine.irql(0)).isEqualTo(PASSIVE);
            assertThat(machine.call(1, "Lower", "", () -> hal.lowerIrql(PASSIVE)).exitIrql()).isEqualTo(PASSIVE);
        }

        @Test
        void raising_to_the_current_level_is_legal() {
            machine.setIrql(0, DISPATCH);
            CallResult r = machine.call(0, "Raise", "", () -> hal.raiseIrql(DISPATCH));
            assertThat(r.returned()).isTrue();
            assertThat(machine.bugChecks()).isEmpty();
        }

        @Test
        void raising_to_a_lower_level_is_bug_check_0xC4_0x30() {
            machine.setIrql(2, DISPATCH);
            CallResult r = machine.call(2, "Raise", "", () -> hal.raiseIrql(APC));
            assertThat(r.outcome()).isEqualTo(CallResult.Outcome.BUG_CHECKED);
            assertThat(r.bugCheck().code()).isEqualTo(0xC4);
            assertThat(r.bugCheck().parameter()).isEqualTo(0x30);
            assertThat(r.bugCheck().message())
                    .isEqualTo("KeRaiseIrql on processor 2 to APC_LEVEL while at DISPATCH_LEVEL: raising to a lower IRQL");
            assertThat(machine.irql(2)).isEqualTo(DISPATCH);
        }

        @Test
        void lowering_to_a_higher_level_is_bug_check_0xC4_0x31_in_the_pages_words() {
            machine.setIrql(1, APC);
            CallResult r = machine.call(1, "Lower", "", () -> hal.lowerIrql(DISPATCH));
            assertThat(r.bugChecked()).isTrue();
            assertThat(r.bugCheck().parameter()).isEqualTo(0x31);
            assertThat(r.bugCheck().message())
                    .isEqualTo("KeLowerIrql on processor 1 to DISPATCH_LEVEL while at APC_LEVEL: lowering to a higher IRQL");
            List<BugCheckRecord> recorded = machine.bugChecks();
            assertThat(recorded).hasSize(1);
            assertThat(recorded.get(0).processor()).isEqualTo(1);
            assertThat(recorded.get(0).irql()).isEqualTo(APC);
            assertThat(recorded.get(0).call().apiName()).isEqualTo("Lower");
        }

        @Test
        void a_hal_call_from_a_thread_that_is_not_a_processor_is_a_bug_check() {
            assertThatThrownBy(hal::currentIrql)
                    .isInstanceOf(BugCheckException.class)
                    .hasMessageContaining("KeGetCurrentIrql called on thread")
                    .hasMessageContaining("which is not a simulated processor");
            BugCheckRecord r = machine.bugChecks().get(0);
            assertThat(r.processor()).isEqualTo(-1);
            assertThat(r.bugCheck().code()).isEqualTo(0xC4);
            assertThat(r.bugCheck().parameter()).isEqualTo(SimulatedMachine.NOT_ON_A_PROCESSOR);
        }

        @Test
        void a_hal_of_another_machine_is_not_callable_from_this_machines_processors() {
            try (SimulatedMachine other = new SimulatedMachine(MachineConfig.defaults().withProcessors(1))) {
                Hal otherHal = other.hal();
                CallResult r = machine.call(0, "Mixed", "", otherHal::currentIrql);
                assertThat(r.outcome()).isEqualTo(CallResult.Outcome.BUG_CHECKED);
                assertThat(other.bugChecks()).hasSize(1);
            }
        }

        @Test
        void bug_check_is_recorded_and_thrown() {
            BugCheck b = new BugCheck(0x10, 0, "SpinlockRelease", "not held");
            CallResult r = machine.call(3, "NdisReleaseSpinLock", "A", () -> hal.bugCheck(b));
            assertThat(r.bugCheck()).isEqualTo(b);
            assertThat(machine.bugChecks()).extracting(BugCheckRecord::bugCheck).containsExactly(b);
            assertThat(machine.locksHeld(3)).isEmpty();
        }

        @Test
        void a_swallowed_bug_check_still_fails_the_call() {
            CallResult r = machine.call(0, "Swallow", "", () -> {
                try {
                    hal.raiseIrql(DISPATCH);
                    hal.lowerIrql(Irql.HIGH_LEVEL);
                } catch (BugCheckException e) {
                    // an implementation that must not do this
                }
            });
            assertThat(r.outcome()).isEqualTo(CallResult.Outcome.BUG_CHECKED);
            assertThat(r.bugCheck().parameter()).isEqualTo(0x31);
        }

        @Test
        void an_exception_is_reported_as_threw() {
            CallResult r = machine.call(0, "NdisReleaseSpinLock", "A", () -> {
                throw new IllegalStateException("boom");
            });
            assertThat(r.outcome()).isEqualTo(CallResult.Outcome.THREW);
            // the kit keeps its own bounded copy of what was thrown, with the original's class, message and stack
            assertThat(r.thrown()).isInstanceOf(Thrown.class).hasToString("java.lang.IllegalStateException: boom");
            assertThat(r.thrown().getStackTrace()).isNotEmpty();
            assertThat(r.describe()).contains("NdisReleaseSpinLock(lock A) on processor 0 threw");
        }

        @Test
        void processors_know_their_number() {
            for (int i = 0; i < machine.processorCount(); i++) {
                assertThat(machine.compute(i, hal::currentProcessorNumber)).isEqualTo(i);
            }
        }

        @Test
        void a_bad_processor_number_is_a_kit_error() {
            assertThatThrownBy(() -> machine.call(4, "X", "", () -> { }))
                    .isInstanceOf(KernelException.class).hasMessageContaining("no processor 4");
        }
    }

    @Nested
    class CountersAndTrace {
        @Test
        void calls_count_raises_and_lowers_and_setup_does_not() {
            machine.setIrql(0, APC);
            Counts before = machine.counts(0);
            CallResult acquire = machine.call(0, "NdisAcquireSpinLock", "A", () -> hal.raiseIrql(DISPATCH));
            CallResult dpr = machine.call(0, "NdisDprAcquireSpinLock", "B", () -> hal.currentIrql());
            CallResult release = machine.call(0, "NdisReleaseSpinLock", "A", () -> hal.lowerIrql(APC));
            assertThat(acquire.raises()).isEqualTo(1);
            assertThat(acquire.lowers()).isZero();
            assertThat(dpr.raises() + dpr.lowers()).isZero();
            assertThat(release.lowers()).isEqualTo(1);
            Counts delta = machine.counts(0).minus(before);
            assertThat(delta.raises()).isEqualTo(1);
            assertThat(delta.lowers()).isEqualTo(1);
            assertThat(delta.apiCalls("NdisAcquireSpinLock")).isEqualTo(1);
            assertThat(delta.apiCalls("NdisReleaseSpinLock")).isEqualTo(1);
            assertThat(delta.apiCalls("NdisFreeSpinLock")).isZero();
            assertThat(machine.counts(1).raises()).isZero();
        }

        @Test
        void spin_waits_are_counted_and_folded_in_the_trace() {
            machine.call(1, "Spin", "", () -> {
                for (int i = 0; i < 1000; i++) {
                    hal.spinWait();
                }
            });
            assertThat(machine.counts(1).spins()).isEqualTo(1000);
            assertThat(machine.excerpt(1, 3)).contains("HAL spinWait (x1000)");
        }

        @Test
        void locks_held_follow_the_calls_that_returned() {
            machine.call(0, "NdisAcquireSpinLock", "A", () -> { });
            machine.call(1, "NdisDprAcquireSpinLock", "B", () -> { });
            assertThat(machine.locksHeld()).containsEntry(0, List.of("A")).containsEntry(1, List.of("B"));
            machine.call(0, "NdisReleaseSpinLock", "A", () -> { });
            machine.call(1, "NdisDprReleaseSpinLock", "B", () -> {
                throw new IllegalStateException();
            });
            assertThat(machine.locksHeld()).doesNotContainKey(0).containsEntry(1, List.of("B"));
        }

        @Test
        void the_excerpt_tells_the_calls_and_hal_calls_in_order() {
            machine.call(0, "NdisAcquireSpinLock", "A", () -> hal.raiseIrql(DISPATCH));
            machine.call(0, "NdisReleaseSpinLock", "A", () -> hal.lowerIrql(PASSIVE));
            String excerpt = machine.excerpt(0, 10);
            assertThat(excerpt).startsWith("last events on processor 0:");
            assertThat(excerpt).containsSubsequence(
                    "API NdisAcquireSpinLock(lock A) enter at PASSIVE_LEVEL",
                    "HAL raise PASSIVE_LEVEL -> DISPATCH_LEVEL",
                    "API NdisAcquireSpinLock(lock A) return at DISPATCH_LEVEL",
                    "API NdisReleaseSpinLock(lock A) enter at DISPATCH_LEVEL",
                    "HAL lower DISPATCH_LEVEL -> PASSIVE_LEVEL",
                    "API NdisReleaseSpinLock(lock A) return at PASSIVE_LEVEL");
            assertThat(machine.excerpt(0, 2).lines()).hasSize(3);
        }

        @Test
        void the_trace_ring_is_bounded() {
            useMachine(MachineConfig.defaults().withTraceCapacity(5));
            for (int i = 0; i < 20; i++) {
                machine.call(0, "Call" + i, "", () -> { });
            }
            List<TraceEvent> events = machine.trace(0, 100);
            assertThat(events).hasSize(5);
            assertThat(events.get(4).text()).isEqualTo("API Call19() return at PASSIVE_LEVEL");
        }

        @Test
        void setup_is_traced_as_setup() {
            machine.setIrql(2, APC);
            assertThat(machine.excerpt(2, 1)).contains("setup IRQL PASSIVE_LEVEL -> APC_LEVEL");
            assertThat(machine.counts(2).raises()).isZero();
        }
    }

    @Nested
    class Dpcs {
        @Test
        void a_dpc_queued_from_another_thread_to_an_idle_processor_runs_at_dispatch_level() throws Exception {
            AtomicReference<Irql> at = new AtomicReference<>();
            AtomicInteger on = new AtomicInteger(-1);
            machine.queueDpc(2, "D1", () -> {
                at.set(hal.currentIrql());
                on.set(hal.currentProcessorNumber());
            });
            machine.run(2, () -> { });
            assertThat(at.get()).isEqualTo(DISPATCH);
            assertThat(on.get()).isEqualTo(2);
            assertThat(machine.dpcRuns()).extracting(DpcRun::label).containsExactly("D1");
            assertThat(machine.irql(2)).isEqualTo(PASSIVE);
        }

        @Test
        void a_dpc_waits_while_the_processor_is_at_dispatch_and_runs_inside_the_lower() {
            machine.call(0, "NdisAcquireSpinLock", "A", () -> hal.raiseIrql(DISPATCH));
            machine.queueDpc(0, "D", () -> { });
            machine.run(0, () -> { });
            assertThat(machine.dpcRuns()).isEmpty();
            assertThat(machine.pendingDpcs(0)).isEqualTo(1);
            CallResult release = machine.call(0, "NdisReleaseSpinLock", "A", () -> hal.lowerIrql(PASSIVE));
            DpcRun run = machine.dpcRuns().get(0);
            assertThat(run.startSequence()).isGreaterThan(release.enterSequence()).isLessThan(release.returnSequence());
            assertThat(machine.excerpt(0, 5)).containsSubsequence("HAL lower DISPATCH_LEVEL -> PASSIVE_LEVEL",
                    "DPC run D at DISPATCH_LEVEL (was PASSIVE_LEVEL)", "DPC end D", "API NdisReleaseSpinLock(lock A) return");
        }

        @Test
        void a_dpc_does_not_run_when_lowering_to_apc_from_a_device_level_to_dispatch() {
            machine.setIrql(1, Irql.of(5));
            machine.queueDpc(1, "D", () -> { });
            machine.call(1, "Lower", "", () -> hal.lowerIrql(DISPATCH));
            assertThat(machine.dpcRuns()).isEmpty();
            machine.call(1, "Lower", "", () -> hal.lowerIrql(APC));
            assertThat(machine.dpcRuns()).hasSize(1);
        }

        @Test
        void a_dpc_queued_by_the_processor_itself_runs_when_it_drops_below_dispatch() {
            List<String> order = new ArrayList<>();
            machine.call(3, "Work", "", () -> {
                hal.raiseIrql(DISPATCH);
                machine.queueDpc(3, "self", () -> order.add("dpc"));
                order.add("still at dispatch");
                hal.lowerIrql(PASSIVE);
                order.add("after lower");
            });
            assertThat(order).containsExactly("still at dispatch", "dpc", "after lower");
        }

        @Test
        void a_dpc_can_make_a_call_inline_on_its_processor() {
            machine.setIrql(1, DISPATCH);
            AtomicReference<CallResult> inner = new AtomicReference<>();
            machine.queueDpc(1, "caller", () -> inner.set(machine.call(1, "NdisDprAcquireSpinLock", "A", () -> { })));
            machine.setIrql(1, PASSIVE);
            assertThat(inner.get().returned()).isTrue();
            assertThat(inner.get().entryIrql()).isEqualTo(DISPATCH);
            assertThat(machine.locksHeld(1)).containsExactly("A");
        }
    }

    @Nested
    class Watchdog {
        @Test
        void a_call_that_never_returns_times_out_with_a_report() {
            useMachine(MachineConfig.defaults().withCallBound(Duration.ofMillis(200)));
            machine.call(0, "NdisAcquireSpinLock", "A", () -> hal.raiseIrql(DISPATCH));
            long start = System.nanoTime();
            CallResult r = machine.call(1, "NdisAcquireSpinLock", "A", () -> {
                hal.raiseIrql(DISPATCH);
                spinForever(hal);
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(r.timedOut()).isTrue();
            assertThat(r.entryIrql()).isEqualTo(PASSIVE);
            assertThat(r.exitIrql()).isEqualTo(DISPATCH);
            assertThat(r.report())
                    .contains("NdisAcquireSpinLock(lock A) on processor 1 did not return within 200 ms")
                    .contains("processor 1 is at DISPATCH_LEVEL")
                    .contains("processor 0 at DISPATCH_LEVEL: lock A")
                    .contains("processor 1 at DISPATCH_LEVEL: none (in NdisAcquireSpinLock(lock A))")
                    .contains("last events on processor 1:")
                    .contains("HAL spinWait (x")
                    .contains("\"ddikit-cpu-1\"")
                    .contains("spinForever");
            assertThat(machine.isPoisoned()).isTrue();
        }

        @Test
        void close_after_a_stuck_call_returns_promptly() {
            useMachine(MachineConfig.defaults().withCallBound(Duration.ofMillis(200)));
            AtomicBoolean stop = new AtomicBoolean();
            try {
                PendingCall pure = machine.callAsync(0, "Loop", "", () -> {
                    while (!stop.get()) {
                        // no HAL call at all: only the flag ends it
                    }
                });
                PendingCall spinning = machine.callAsync(1, "Spin", "", () -> spinForever(hal));
                assertThat(pure.await().timedOut()).isTrue();
                assertThat(spinning.await().timedOut()).isTrue();
                long start = System.nanoTime();
                machine.close();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
                assertThatThrownBy(() -> machine.call(2, "After", "", () -> { })).isInstanceOf(KernelException.class);
            } finally {
                stop.set(true);
            }
        }

        @Test
        void await_with_a_short_wait_tells_a_call_is_still_running() {
            AtomicBoolean stop = new AtomicBoolean();
            PendingCall p = machine.callAsync(0, "Spin", "", () -> {
                while (!stop.get()) {
                    hal.spinWait();
                }
            });
            assertThat(p.await(Duration.ofMillis(50))).isEmpty();
            assertThat(p.isDone()).isFalse();
            stop.set(true);
            assertThat(p.await().returned()).isTrue();
            assertThat(p.result().returned()).isTrue();
            assertThat(machine.isPoisoned()).isFalse();
        }

        @Test
        void a_stuck_setup_is_a_kit_error() {
            useMachine(MachineConfig.defaults().withCallBound(Duration.ofMillis(100)));
            assertThatThrownBy(() -> machine.run(0, () -> spinForever(hal)))
                    .isInstanceOf(KernelException.class)
                    .hasMessageContaining("kit setup on processor 0 did not end within 100 ms");
        }
    }

    @Nested
    class PausePoints {
        @Test
        void a_processor_held_before_its_lower_is_still_at_the_old_level() {
            machine.call(0, "NdisAcquireSpinLock", "A", () -> hal.raiseIrql(DISPATCH));
            PausePoint pp = machine.pauseAt(0, HalOp.LOWER, 1);
            PendingCall release = machine.callAsync(0, "NdisReleaseSpinLock", "A", () -> hal.lowerIrql(PASSIVE));
            assertThat(pp.awaitArrival(Duration.ofSeconds(2))).isTrue();
            assertThat(machine.irql(0)).isEqualTo(DISPATCH);
            assertThat(release.isDone()).isFalse();
            assertThat(machine.call(1, "Probe", "", () -> { }).returned()).isTrue();
            assertThat(machine.threadDump()).contains("held at pause point KeLowerIrql before (call 1) on processor 0");
            pp.release();
            assertThat(release.await().exitIrql()).isEqualTo(PASSIVE);
        }

        @Test
        void a_processor_held_after_its_lower_is_at_the_new_level_and_dpcs_wait() {
            machine.call(0, "Raise", "", () -> hal.raiseIrql(DISPATCH));
            PausePoint pp = machine.pauseAt(0, HalOp.LOWER, PausePoint.Position.AFTER, 1);
            PendingCall lower = machine.callAsync(0, "Lower", "", () -> hal.lowerIrql(APC));
            assertThat(pp.awaitArrival(Duration.ofSeconds(2))).isTrue();
            assertThat(machine.irql(0)).isEqualTo(APC);
            machine.queueDpc(0, "D", () -> { });
            assertThat(machine.dpcRuns()).isEmpty();
            pp.release();
            CallResult r = lower.await();
            assertThat(machine.dpcRuns().get(0).startSequence()).isLessThan(r.returnSequence());
        }

        @Test
        void raise_before_and_after_and_the_nth_occurrence() {
            PausePoint before = machine.pauseAt(2, HalOp.RAISE, PausePoint.Position.BEFORE, 2);
            PendingCall c = machine.callAsync(2, "Twice", "", () -> {
                hal.raiseIrql(APC);
                hal.raiseIrql(DISPATCH);
            });
            assertThat(before.awaitArrival(Duration.ofSeconds(2))).isTrue();
            assertThat(machine.irql(2)).isEqualTo(APC);
            before.release();
            assertThat(c.await().returned()).isTrue();
            machine.setIrql(2, PASSIVE);
            PausePoint after = machine.pauseAt(2, HalOp.RAISE, PausePoint.Position.AFTER, 1);
            PendingCall d = machine.callAsync(2, "Raise", "", () -> hal.raiseIrql(DISPATCH));
            assertThat(after.awaitArrival(Duration.ofSeconds(2))).isTrue();
            assertThat(machine.irql(2)).isEqualTo(DISPATCH);
            after.release();
            assertThat(d.await().returned()).isTrue();
        }

        @Test
        void a_spin_pause_holds_the_nth_turn() {
            AtomicInteger turns = new AtomicInteger();
            PausePoint pp = machine.pauseAtSpin(1, 3);
            PendingCall c = machine.callAsync(1, "Spin", "", () -> {
                for (int i = 0; i < 5; i++) {
                    turns.incrementAndGet();
                    hal.spinWait();
                }
            });
            assertThat(pp.awaitArrival(Duration.ofSeconds(2))).isTrue();
            assertThat(turns.get()).isEqualTo(3);
            pp.release();
            assertThat(c.await().returned()).isTrue();
            assertThat(turns.get()).isEqualTo(5);
        }

        @Test
        void an_unreleased_pause_point_expires_at_the_call_bound() {
            useMachine(MachineConfig.defaults().withCallBound(Duration.ofMillis(150)));
            PausePoint pp = machine.pauseAt(0, HalOp.CURRENT_IRQL, 1);
            PendingCall c = machine.callAsync(0, "Read", "", hal::currentIrql);
            assertThat(c.await().timedOut()).isTrue();
            assertThat(c.result().report()).contains("held at pause point KeGetCurrentIrql");
            assertThat(pp.hasArrived()).isTrue();
        }

        @Test
        void setup_never_stops_at_a_pause_point() {
            PausePoint pp = machine.pauseAt(0, HalOp.RAISE, 1);
            machine.setIrql(0, DISPATCH);
            assertThat(pp.hasArrived()).isFalse();
        }
    }

    @Test
    void sixty_four_processors_run_at_once() {
        useMachine(MachineConfig.defaults().withProcessors(64));
        List<PendingCall> calls = new ArrayList<>();
        AtomicInteger sum = new AtomicInteger();
        for (int i = 0; i < 64; i++) {
            calls.add(machine.callAsync(i, "Who", "", () -> {
                hal.raiseIrql(DISPATCH);
                sum.addAndGet(hal.currentProcessorNumber());
                hal.lowerIrql(PASSIVE);
            }));
        }
        calls.forEach(c -> assertThat(c.await().returned()).isTrue());
        assertThat(sum.get()).isEqualTo(63 * 64 / 2);
        assertThat(machine.threadDump()).contains("\"ddikit-cpu-63\"");
    }

    @Nested
    class ThreadsOfAProcessor {
        private ApiCall by(String thread, String api) {
            return new ApiCall(0, api, "", LockEffect.NONE, thread, "", "");
        }

        @Test
        void a_thread_waits_while_another_keeps_the_processor_at_dispatch_level_and_runs_once_it_lowers() throws Exception {
            CallResult raise = machine.call(by("T1", "Raise"), PASSIVE, () -> hal.raiseIrql(DISPATCH));
            assertThat(raise.exitIrql()).isEqualTo(DISPATCH);
            AtomicReference<Irql> seen = new AtomicReference<>();
            PendingCall t2 = machine.callAsync(by("T2", "Look"), PASSIVE, () -> seen.set(hal.currentIrql()));

            assertThat(t2.await(Duration.ofMillis(200))).isEmpty();
            assertThat(t2.hasStarted()).as("dispatching is disabled at DISPATCH_LEVEL").isFalse();
            assertThat(machine.runningThread(0)).isEqualTo("T1");
            assertThat(machine.readyThreads(0)).containsExactly("T2");

            CallResult lower = machine.call(by("T1", "Lower"), null, () -> hal.lowerIrql(PASSIVE));
            assertThat(lower.returned()).as("the running thread's own calls go on while another waits").isTrue();
            CallResult look = t2.await();
            assertThat(look.returned()).isTrue();
            assertThat(seen.get()).isEqualTo(PASSIVE);
            assertThat(look.enterSequence()).isGreaterThan(lower.returnSequence());
            assertThat(machine.runningThread(0)).isEqualTo("T2");
            assertThat(machine.readyThreads(0)).isEmpty();
            assertThat(machine.threadSwitches(0)).isEqualTo(2);
        }

        @Test
        void below_dispatch_level_a_thread_is_dispatched_between_the_calls_of_the_running_one() {
            assertThat(machine.call(by("T1", "Stay"), APC, () -> { }).exitIrql()).isEqualTo(APC);
            CallResult t2 = machine.call(by("T2", "Look"), PASSIVE, () -> { });
            assertThat(t2.returned()).isTrue();
            assertThat(t2.entryIrql()).isEqualTo(PASSIVE);
            assertThat(t2.describe()).isEqualTo("Look() on thread T2 on processor 0 returned at PASSIVE_LEVEL (entered at PASSIVE_LEVEL)");
            assertThat(machine.irql(0, "T1")).as("T1's own IRQL while T2 runs").isEqualTo(APC);
            assertThat(machine.irql(0, "T2")).isEqualTo(PASSIVE);
            assertThat(machine.irql(0, "T9")).as("a thread that never ran").isEqualTo(PASSIVE);
            CallResult back = machine.call(by("T1", "Again"), null, () -> { });
            assertThat(back.entryIrql()).as("T1 is back at the IRQL it was switched away at").isEqualTo(APC);
            assertThat(machine.trace(0, 50)).extracting(TraceEvent::text)
                    .contains("thread switch: thread T1 (at APC_LEVEL) -> thread T2 (at PASSIVE_LEVEL)",
                            "thread switch: thread T2 (at PASSIVE_LEVEL) -> thread T1 (at APC_LEVEL)");
        }

        @Test
        void a_call_of_another_thread_from_inside_a_call_of_the_same_processor_is_refused() {
            AtomicReference<Throwable> refused = new AtomicReference<>();
            CallResult outer = machine.call(by("T1", "Outer"), PASSIVE, () -> {
                try {
                    machine.callAsync(by("T2", "Inner"), null, () -> { });
                } catch (KernelException e) {
                    refused.set(e);
                }
            });
            assertThat(outer.returned()).isTrue();
            assertThat(refused.get()).hasMessageContaining("a thread switch happens only between calls");
        }

        @Test
        void a_call_of_a_thread_never_dispatched_times_out_saying_why() {
            useMachine(MachineConfig.defaults().withCallBound(Duration.ofMillis(300)));
            machine.call(by("T1", "Raise"), PASSIVE, () -> hal.raiseIrql(DISPATCH));
            CallResult r = machine.callAsync(by("T2", "Never"), PASSIVE, () -> { }).await();
            assertThat(r.timedOut()).isTrue();
            assertThat(r.report()).contains("Never() on thread T2 on processor 0 did not return within 300 ms (it never started:"
                    + " thread T2 was never dispatched, since thread T1 kept the processor at DISPATCH_LEVEL)");
        }
    }

    @Nested
    class Acquisitions {
        private ApiCall of(int p, String thread, String api, String acquisition) {
            return new ApiCall(p, api, "A", LockEffect.inferFrom(api), thread, acquisition, "read");
        }

        @Test
        void each_acquisition_is_kept_until_the_release_of_the_same_acquisition() {
            machine.call(of(0, "T1", "AcquireRead", "S1"), APC, () -> { });
            machine.call(of(0, "T1", "AcquireRead", "S2"), null, () -> { });
            machine.call(of(1, "", "AcquireRead", "S3"), PASSIVE, () -> { });
            assertThat(machine.holdings()).extracting(Holding::describe).containsExactly(
                    "thread T1 on processor 0 (read, S1)", "thread T1 on processor 0 (read, S2)", "processor 1 (read, S3)");
            assertThat(machine.holdings(0).get(0).entryIrql()).isEqualTo(APC);
            assertThat(machine.locksHeld(0)).containsExactly("A", "A");

            machine.call(of(0, "T1", "ReleaseRead", "S1"), null, () -> { });
            assertThat(machine.holdings(0)).extracting(Holding::acquisition).containsExactly("S2");
            assertThat(machine.locksHeld(0)).containsExactly("A");
        }

        @Test
        void a_call_that_does_not_return_changes_no_acquisition() {
            machine.call(of(0, "", "AcquireRead", "S1"), PASSIVE, () -> {
                throw new IllegalStateException("no");
            });
            assertThat(machine.holdings()).isEmpty();
        }
    }

    @Test
    void a_pause_point_below_a_level_passes_the_lowers_that_stay_at_or_above_it() {
        machine.setIrql(0, DISPATCH);
        PausePoint below = machine.pauseAt(0, HalOp.LOWER, PausePoint.Position.AFTER, 1, DISPATCH);
        PendingCall release = machine.callAsync(0, "Release", "", () -> {
            hal.lowerIrql(DISPATCH);
            hal.lowerIrql(APC);
        });
        assertThat(below.awaitArrival(Duration.ofSeconds(5))).isTrue();
        assertThat(machine.irql(0)).as("held in the lower to APC_LEVEL, not in the one that stayed at DISPATCH_LEVEL")
                .isEqualTo(APC);
        assertThat(below.describe()).isEqualTo("KeLowerIrql after (call 1 to a level below DISPATCH_LEVEL) on processor 0");
        below.release();
        assertThat(release.await().lowers()).isEqualTo(2);
    }

    @Test
    void a_processor_knows_itself_and_a_kit_thread_is_none() {
        AtomicInteger seen = new AtomicInteger(-2);
        machine.call(2, "Who", "", () -> seen.set(machine.currentProcessor()));
        assertThat(seen.get()).isEqualTo(2);
        assertThat(machine.currentProcessor()).isEqualTo(-1);
    }

    @Test
    void a_call_counts_the_interlocked_operations_its_instrumented_code_made() {
        CallResult r = machine.call(0, "Count", "", () -> {
            io.ddikit.sched.MemoryOrder.interlocked();
            io.ddikit.sched.MemoryOrder.interlocked();
        });
        assertThat(r.interlocked()).isEqualTo(2);
        assertThat(machine.call(0, "None", "", () -> { }).interlocked()).isZero();
    }

    @Test
    void the_configuration_is_checked() {
        assertThatThrownBy(() -> MachineConfig.defaults().withProcessors(65)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MachineConfig.defaults().withProcessors(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(MachineConfig.defaults().processors()).isEqualTo(4);
    }

    static void spinForever(Hal hal) {
        while (true) {
            hal.spinWait();
        }
    }
}
