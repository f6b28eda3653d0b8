package io.raftsim.sim.engine;

import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.storage.DurableStorage;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the engine keeps for one node across incarnations: the live process (null
 * while crashed), its durable storage, its timer events, its clock drift, the events held
 * while it is paused, and its random stream. It is also the process's context.
 */
final class NodeSlot<M> implements ProcessContext<M> {
    private final Engine<M> engine;
    private final int nodeId;
    private final DurableStorage storage;
    private final RandomStream random;
    private final TimerEvent[] timers;
    final List<Event> deferred = new ArrayList<>();

    Process<M> process;
    boolean paused;

    // The local clock is localAnchorMicros + (virtual now - globalAnchorMicros) * driftRate.
    private double driftRate = 1.0;
    private long localAnchorMicros;
    private long globalAnchorMicros;

    NodeSlot(Engine<M> engine, int nodeId, DurableStorage storage, RandomStream random, int maxTimers) {
        this.engine = engine;
        this.nodeId = nodeId;
        this.storage = storage;
        this.random = random;
        this.timers = new TimerEvent[maxTimers];
    }

    boolean isUp() {
        return process != null;
    }

    TimerEvent timer(int timerId) {
        if (timerId < 0 || timerId >= timers.length) {
            throw new IllegalArgumentException("timer id " + timerId + " outside [0, " + timers.length + ") on node " + nodeId);
        }
        TimerEvent timer = timers[timerId];
        if (timer == null) {
            timer = new TimerEvent(nodeId, timerId);
            timers[timerId] = timer;
        }
        return timer;
    }

    TimerEvent[] timers() {
        return timers;
    }

    double driftRate() {
        return driftRate;
    }

    void setDrift(double rate, long nowMicros) {
        localAnchorMicros = localNow(nowMicros);
        globalAnchorMicros = nowMicros;
        driftRate = rate;
    }

    long localNow(long virtualNowMicros) {
        long elapsed = virtualNowMicros - globalAnchorMicros;
        return localAnchorMicros + (driftRate == 1.0 ? elapsed : Math.round(elapsed * driftRate));
    }

    /** A delay measured on this node's clock, converted to virtual time (never shorter than zero). */
    long toVirtualDelay(long localDelayMicros) {
        if (driftRate == 1.0) {
            return localDelayMicros;
        }
        return (long) Math.ceil(localDelayMicros / driftRate);
    }

    @Override
    public int nodeId() {
        return nodeId;
    }

    @Override
    public int processCount() {
        return engine.processCount();
    }

    @Override
    public long nowMicros() {
        return localNow(engine.nowMicros());
    }

    @Override
    public void send(int to, M message) {
        engine.send(nodeId, to, message);
    }

    @Override
    public void setTimer(int timerId, long delayMicros) {
        if (delayMicros < 0) {
            throw new IllegalArgumentException("negative timer delay " + delayMicros + " on node " + nodeId);
        }
        TimerEvent timer = timer(timerId);
        // A firing held by a pause is still this timer's pending expiry: arming it again replaces
        // that firing, as it replaces a queued one (the event must never be queued twice).
        deferred.remove(timer);
        engine.armTimer(timer, toVirtualDelay(delayMicros));
    }

    @Override
    public void cancelTimer(int timerId) {
        TimerEvent timer = timer(timerId);
        deferred.remove(timer);
        engine.cancelTimer(timer);
    }

    @Override
    public boolean isTimerSet(int timerId) {
        TimerEvent timer = timers[timerId];
        return timer != null && timer.isQueued();
    }

    @Override
    public RandomStream random() {
        return random;
    }

    @Override
    public DurableStorage storage() {
        return storage;
    }

    @Override
    public boolean tracing() {
        return engine.tracing();
    }

    @Override
    public void trace(String detail, Object event) {
        engine.traceProcessEvent(nodeId, detail, event);
    }
}
