package io.raftsim.sim.engine;

import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.storage.DurableStorage;

/** Everything a process may touch: the network, its timers, its clock, its random stream and its disk. */
public interface ProcessContext<M> {
    int nodeId();

    /** Number of processes in the simulation; ids run from 0 to {@code processCount() - 1}. */
    int processCount();

    /** The process's local clock in microseconds: virtual time as seen through this node's drift. */
    long nowMicros();

    void send(int to, M message);

    /**
     * Arms timer {@code timerId} to fire after {@code delayMicros} of this node's local time,
     * replacing any pending firing of the same timer (re-arming is cheap: the pending event
     * is moved in the queue, not left behind as garbage).
     */
    void setTimer(int timerId, long delayMicros);

    void cancelTimer(int timerId);

    boolean isTimerSet(int timerId);

    /** This node's own random stream; it continues across restarts, so reruns stay identical. */
    RandomStream random();

    DurableStorage storage();

    /** True when trace records are kept, so a process can skip building events nobody reads. */
    boolean tracing();

    /** Records a process-level event (a role change, an append) in the trace as {@link io.raftsim.sim.trace.TraceKind#PROCESS}. */
    void trace(String detail, Object event);
}
