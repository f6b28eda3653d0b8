package io.raftsim.microraft;

import io.microraft.executor.RaftNodeExecutor;

import java.util.Comparator;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * MicroRaft's executor, run by the simulation: it keeps every task in a queue ordered by
 * (virtual due time, sequence number) and runs them only inside {@link #runDue()}, on the
 * caller's thread. It never starts a thread.
 *
 * <p>The contract MicroRaft 0.7 relies on (RaftNodeExecutor's javadoc and RaftNodeImpl's
 * use): tasks run one at a time, never concurrently, in submission order. RaftNodeImpl
 * calls {@code execute} from outside the node (start, terminate, handle, replicate,
 * query...) and {@code submit} from inside a task (the leader's flush task, snapshot
 * taking and installing); {@code schedule} arms every timer (heartbeat period, election
 * timeouts, backoff reset, query timeouts, snapshot chunk retries). A task that calls
 * {@code execute} or {@code submit} only enqueues: the loop in {@code runDue} picks the new
 * task up after the current one returns, so the stack never grows, and tasks with the same
 * due time run first in, first out (FoundationDB's rule: a sequence number breaks ties).
 *
 * <p>A task's exception propagates out of {@link #runDue()}, where the default executor's
 * {@code ScheduledExecutorService} would have buried it in a future nobody reads: in a
 * simulation a programming error must fail the run loudly, with its seed.
 */
public final class VirtualExecutor implements RaftNodeExecutor {
    /** A guard against a livelock of tasks that keep re-submitting themselves at one instant. */
    public static final int MAX_TASKS_PER_STEP = 1_000_000;

    private record Task(long dueMicros, long sequence, Runnable runnable) {
    }

    private static final Comparator<Task> ORDER =
            Comparator.comparingLong(Task::dueMicros).thenComparingLong(Task::sequence);

    private final LongSupplier nowMicros;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>(ORDER);
    private long nextSequence;
    private long executedCount;
    private boolean shutDown;
    private boolean running;

    /** @param nowMicros the simulation's virtual time in microseconds */
    public VirtualExecutor(LongSupplier nowMicros) {
        this.nowMicros = Objects.requireNonNull(nowMicros);
    }

    /** Runs the task at the current virtual time, after the tasks already due. */
    @Override
    public void execute(Runnable task) {
        enqueue(task, 0L);
    }

    /** The same as {@link #execute}: MicroRaft uses both names for "run soon on the node's thread". */
    @Override
    public void submit(Runnable task) {
        enqueue(task, 0L);
    }

    /** Runs the task at virtual now + delay. Sub-microsecond delays round up so a delay never shrinks to zero. */
    @Override
    public void schedule(Runnable task, long delay, TimeUnit timeUnit) {
        long delayMicros = timeUnit.toMicros(delay);
        if (delayMicros == 0 && delay > 0) {
            delayMicros = 1;
        }
        enqueue(task, Math.max(0L, delayMicros));
    }

    private void enqueue(Runnable task, long delayMicros) {
        Objects.requireNonNull(task);
        if (shutDown) {
            return; // a crashed node's leftovers run nowhere, as on a dead machine
        }
        tasks.add(new Task(Math.addExact(nowMicros.getAsLong(), delayMicros), nextSequence++, task));
    }

    /**
     * Runs, in order, every task due at or before virtual now, including those the tasks
     * themselves enqueue for now. Returns how many ran. Not reentrant: a task must not call it.
     */
    public int runDue() {
        if (running) {
            throw new IllegalStateException("runDue called from inside a task");
        }
        running = true;
        try {
            long now = nowMicros.getAsLong();
            int ran = 0;
            while (!tasks.isEmpty() && tasks.peek().dueMicros() <= now) {
                if (ran == MAX_TASKS_PER_STEP) {
                    throw new IllegalStateException("more than " + MAX_TASKS_PER_STEP + " tasks at virtual time " + now);
                }
                tasks.poll().runnable().run();
                ran++;
                executedCount++;
            }
            return ran;
        } finally {
            running = false;
        }
    }

    /** The due time of the earliest queued task, if any: when the simulation must next call {@link #runDue()}. */
    public OptionalLong nextDueMicros() {
        return tasks.isEmpty() ? OptionalLong.empty() : OptionalLong.of(tasks.peek().dueMicros());
    }

    /** Drops every queued task and ignores any later one: the node's process is gone. */
    public void shutDown() {
        shutDown = true;
        tasks.clear();
    }

    public int queuedCount() {
        return tasks.size();
    }

    public long executedCount() {
        return executedCount;
    }
}
