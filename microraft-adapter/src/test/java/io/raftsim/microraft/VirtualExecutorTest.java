package io.raftsim.microraft;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtualExecutorTest {
    private long now;
    private final VirtualExecutor executor = new VirtualExecutor(() -> now);
    private final List<String> ran = new ArrayList<>();

    @Test
    void nothingRunsUntilTheSimulationSaysSo() {
        executor.execute(() -> ran.add("a"));
        executor.submit(() -> ran.add("b"));
        assertEquals(List.of(), ran);
        assertEquals(OptionalLong.of(0), executor.nextDueMicros());
        assertEquals(2, executor.runDue());
        assertEquals(List.of("a", "b"), ran);
        assertEquals(OptionalLong.empty(), executor.nextDueMicros());
    }

    @Test
    void tasksRunByDueTimeThenBySubmissionOrder() {
        executor.schedule(() -> ran.add("late"), 2, TimeUnit.SECONDS);
        executor.schedule(() -> ran.add("early-1"), 500, TimeUnit.MILLISECONDS);
        executor.schedule(() -> ran.add("early-2"), 500_000, TimeUnit.MICROSECONDS);
        executor.execute(() -> ran.add("now"));
        executor.runDue();
        assertEquals(List.of("now"), ran);
        assertEquals(OptionalLong.of(500_000), executor.nextDueMicros());

        now = 499_999;
        assertEquals(0, executor.runDue(), "a timer never fires early");
        now = 2_000_000;
        executor.runDue();
        assertEquals(List.of("now", "early-1", "early-2", "late"), ran);
    }

    @Test
    void aTaskThatExecutesAnotherQueuesItForTheSameStepWithoutRecursion() {
        int depth = 200_000; // far beyond what the stack would survive if execute ran tasks inline
        int[] count = {0};
        int[] maxStack = {0};
        Runnable[] chain = new Runnable[1];
        chain[0] = () -> {
            if (count[0] % 10_000 == 0) { // sampled: a stack trace is costly
                maxStack[0] = Math.max(maxStack[0], Thread.currentThread().getStackTrace().length);
            }
            if (++count[0] < depth) {
                executor.execute(chain[0]);
            }
        };
        executor.execute(() -> {
            ran.add("first");
            executor.execute(() -> ran.add("queued-1"));
            executor.submit(() -> ran.add("queued-2"));
            ran.add("first-done");
        });
        executor.execute(() -> ran.add("second"));
        executor.runDue();
        assertEquals(List.of("first", "first-done", "second", "queued-1", "queued-2"), ran, "FIFO, after the current task");

        executor.execute(chain[0]);
        assertEquals(depth, executor.runDue());
        assertEquals(depth, count[0]);
        assertTrue(maxStack[0] < 100, "the stack stays flat: " + maxStack[0]);
    }

    @Test
    void aTaskScheduledForNowFromATaskRunsInTheSameStepButAFutureOneDoesNot() {
        executor.execute(() -> {
            executor.schedule(() -> ran.add("zero-delay"), 0, TimeUnit.MILLISECONDS);
            executor.schedule(() -> ran.add("one-ms"), 1, TimeUnit.MILLISECONDS);
            executor.schedule(() -> ran.add("one-ns"), 1, TimeUnit.NANOSECONDS);
        });
        executor.runDue();
        assertEquals(List.of("zero-delay"), ran);
        assertEquals(OptionalLong.of(1), executor.nextDueMicros(), "a positive delay never rounds down to zero");
    }

    @Test
    void runDueIsNotReentrant() {
        executor.execute(executor::runDue);
        assertThrows(IllegalStateException.class, executor::runDue);
    }

    @Test
    void aSelfResubmittingLivelockIsCaught() {
        Runnable[] forever = new Runnable[1];
        forever[0] = () -> executor.execute(forever[0]);
        executor.execute(forever[0]);
        assertThrows(IllegalStateException.class, executor::runDue);
    }

    @Test
    void afterShutDownNothingRunsAndNothingQueues() {
        executor.schedule(() -> ran.add("timer"), 1, TimeUnit.SECONDS);
        executor.shutDown();
        executor.execute(() -> ran.add("late"));
        now = 5_000_000;
        assertEquals(0, executor.runDue());
        assertEquals(0, executor.queuedCount());
        assertFalse(executor.nextDueMicros().isPresent());
    }
}
