package io.raftsim.sim.engine;

import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.network.Network;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.storage.DurableStorage;
import io.raftsim.sim.storage.SyncMode;
import io.raftsim.sim.trace.TraceDigest;
import io.raftsim.sim.trace.TraceKind;
import io.raftsim.sim.trace.TraceRecord;
import io.raftsim.sim.trace.TraceSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The discrete-event engine: one thread, one virtual clock, one seed. Each step takes the
 * earliest event from the queue (ties broken by issue order), hands it to its process or
 * applies it, folds it into the run digest and the trace, then runs every observer.
 *
 * <p>Randomness: every stream derives from the seed by name ("network", "node" i, and any
 * name a caller asks for with {@link #randomStream}), so subsystems never shift each
 * other's draws.
 */
public final class Engine<M> implements ControlTarget, SimulationView<M> {
    private final long seed;
    private final ProcessFactory<M> factory;
    private final MessageCodec<M> codec;
    private final Limits limits;
    private final RandomStream rootRandom;
    private final Network network;
    private final List<NodeSlot<M>> slots;
    private final List<Observer<M>> observers;
    private final TraceSink traceSink;
    private final boolean tracing;
    private final EventQueue queue = new EventQueue();
    private final TraceDigest digest = new TraceDigest();

    private long nowMicros;
    private long step;
    /** Node faults so far (starts, crashes, pauses, resumes, drift changes): see {@link #faultStateChanges()}. */
    private long nodeFaultChanges;
    private long nextSeq;
    private RunResult terminalResult;

    private Engine(Builder<M> builder) {
        this.seed = builder.seed;
        this.factory = Objects.requireNonNull(builder.factory, "process factory");
        this.codec = Objects.requireNonNull(builder.codec, "message codec");
        this.limits = builder.limits;
        this.rootRandom = new RandomStream(seed);
        this.network = new Network(builder.processCount, builder.serverCount, builder.linkDefaults, rootRandom.derive("network"), limits.maxInFlightPerLink());
        this.observers = List.copyOf(builder.observers);
        this.traceSink = builder.traceSink;
        this.tracing = traceSink.enabled();
        this.slots = new ArrayList<>(builder.processCount);
        for (int node = 0; node < builder.processCount; node++) {
            slots.add(new NodeSlot<>(this, node, new DurableStorage(builder.syncMode), rootRandom.derive("node", node), limits.maxTimersPerNode()));
        }
        for (int node = 0; node < builder.processCount; node++) {
            enqueue(new StartEvent(node), 0);
        }
    }

    public static <M> Builder<M> builder(int processCount, ProcessFactory<M> factory, MessageCodec<M> codec) {
        return new Builder<>(processCount, factory, codec);
    }

    /** Runs until virtual time {@code endMicros}; may be called again to go on from there. */
    public RunResult runUntil(long endMicros) {
        return runUntil(endMicros, null);
    }

    /**
     * Runs until virtual time {@code endMicros}, or until {@code stopWhen} holds after a
     * step. A violation or a hit limit ends the run for good: later calls return the same result.
     */
    public RunResult runUntil(long endMicros, BooleanSupplier stopWhen) {
        if (terminalResult != null) {
            return terminalResult;
        }
        long boundMicros = Math.min(endMicros, limits.maxVirtualTimeMicros());
        while (true) {
            Event next = queue.peek();
            if (next == null || next.timeMicros > boundMicros) {
                nowMicros = Math.max(nowMicros, boundMicros);
                if (boundMicros < endMicros) {
                    return end(RunStatus.LIMIT_REACHED, null, "maxVirtualTimeMicros=" + limits.maxVirtualTimeMicros());
                }
                return result(RunStatus.COMPLETED, null, null);
            }
            if (step >= limits.maxSteps()) {
                return end(RunStatus.LIMIT_REACHED, null, "maxSteps=" + limits.maxSteps());
            }
            queue.poll();
            nowMicros = next.timeMicros;
            step++;
            try {
                dispatch(next);
            } catch (RuntimeException | AssertionError thrown) {
                // A process that throws broke one of its own invariants (an index out of its
                // log, or a guard asserted the way etcd panics): that is a failure of the run like
                // any violation, reported with the seed that replays it, not a stack trace that
                // ends a sweep.
                return violated(Violation.of(Violation.PROCESS_THREW, describe(next, thrown)));
            }
            if (queue.size() > limits.maxQueuedEvents()) {
                return end(RunStatus.LIMIT_REACHED, null, "maxQueuedEvents=" + limits.maxQueuedEvents());
            }
            for (int i = 0; i < observers.size(); i++) {
                Violation violation = observers.get(i).afterStep(this);
                if (violation != null) {
                    return violated(violation);
                }
            }
            if (stopWhen != null && stopWhen.getAsBoolean()) {
                return result(RunStatus.COMPLETED, null, null);
            }
        }
    }

    /** Schedules a fault or control action at a virtual time, as a step of its own. */
    public void schedule(long atMicros, ControlAction action) {
        Objects.requireNonNull(action, "action");
        if (atMicros < nowMicros) {
            throw new IllegalArgumentException("cannot schedule in the past: " + atMicros + " < " + nowMicros);
        }
        enqueue(new ControlEvent(action), atMicros);
    }

    /** An independent random stream derived from the run seed by name (workload, fault schedule...). */
    public RandomStream randomStream(String name) {
        return rootRandom.derive(name);
    }

    /** The result so far, without running further. */
    public RunResult currentResult() {
        return terminalResult != null ? terminalResult : result(RunStatus.COMPLETED, null, null);
    }

    // ---- dispatch ------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private void dispatch(Event event) {
        if (event instanceof MessageEvent<?> message) {
            deliver((MessageEvent<M>) message);
        } else if (event instanceof TimerEvent timer) {
            fire(timer);
        } else if (event instanceof ControlEvent control) {
            applyControl(control.action);
        } else if (event instanceof StartEvent start) {
            startProcess(slots.get(start.node));
        }
    }

    private void deliver(MessageEvent<M> event) {
        NodeSlot<M> slot = slots.get(event.to);
        if (!event.held) {
            network.arrived(event.from, event.to);
            if (network.isCut(event.from, event.to)) {
                record(TraceKind.DROP, event.to, event.from, event.fingerprint, "partitioned in flight", event.message);
                return;
            }
        }
        if (!slot.isUp()) {
            record(TraceKind.DROP, event.to, event.from, event.fingerprint, "destination down", event.message);
            return;
        }
        if (slot.paused) {
            defer(slot, event);
            return;
        }
        record(TraceKind.DELIVER, event.to, event.from, event.fingerprint, null, event.message);
        slot.process.onMessage(event.from, event.message);
    }

    private void fire(TimerEvent timer) {
        NodeSlot<M> slot = slots.get(timer.node);
        if (slot.paused) {
            defer(slot, timer);
            return;
        }
        // The timer id is the record's detail so a trace can tell an election timeout from a heartbeat.
        record(TraceKind.TIMER, timer.node, -1, timer.timerId, tracing ? Integer.toString(timer.timerId) : null, null);
        slot.process.onTimer(timer.timerId);
    }

    private void defer(NodeSlot<M> slot, Event event) {
        int node = event instanceof TimerEvent timer ? timer.node : ((MessageEvent<?>) event).to;
        if (event instanceof MessageEvent<?> message) {
            if (slot.deferred.size() >= limits.maxDeferredEventsPerNode()) {
                record(TraceKind.DROP, node, message.from, message.fingerprint, "paused buffer full", message.message);
                return;
            }
            message.held = true;
        }
        slot.deferred.add(event);
        record(TraceKind.DEFER, node, -1, slot.deferred.size(), null, null);
    }

    private void applyControl(ControlAction scheduled) {
        ControlAction action = Objects.requireNonNull(scheduled.resolve(this), "resolve returned no action");
        String description = action.describe();
        record(action.isFault() ? TraceKind.FAULT : TraceKind.CONTROL, -1, -1, RandomStream.stableHash(description), description, action);
        action.apply(this);
    }

    private void startProcess(NodeSlot<M> slot) {
        slot.process = Objects.requireNonNull(factory.create(slot), "factory returned no process");
        nodeFaultChanges++;
        record(TraceKind.START, slot.nodeId(), -1, 0, null, null);
        slot.process.onStart();
    }

    // ---- services for processes (through NodeSlot) ----------------------------------

    void send(int from, int to, M message) {
        long fingerprint = codec.fingerprint(message);
        long deliveryMicros = network.route(from, to, nowMicros, codec.traffic(message));
        if (deliveryMicros < 0) {
            String why = deliveryMicros == Network.LOST_PARTITIONED ? "link cut"
                    : deliveryMicros == Network.LOST_RANDOMLY ? "lost" : "link full";
            record(TraceKind.DROP, from, to, fingerprint, why, message);
            return;
        }
        enqueueMessage(from, to, message, fingerprint, deliveryMicros, TraceKind.SEND);
        long copyMicros = network.duplicate(from, to, nowMicros);
        if (copyMicros >= 0) {
            enqueueMessage(from, to, message, fingerprint, copyMicros, TraceKind.DUPLICATE);
        }
    }

    private void enqueueMessage(int from, int to, M message, long fingerprint, long deliveryMicros, TraceKind kind) {
        MessageEvent<M> event = new MessageEvent<>(from, to, message, fingerprint);
        enqueue(event, deliveryMicros);
        digest.update(deliveryMicros);
        record(kind, from, to, fingerprint, null, message);
    }

    void armTimer(TimerEvent timer, long delayMicros) {
        timer.timeMicros = nowMicros + delayMicros;
        timer.seq = nextSeq++;
        if (timer.isQueued()) {
            queue.reorder(timer);
        } else {
            queue.add(timer);
        }
    }

    void cancelTimer(TimerEvent timer) {
        queue.remove(timer);
    }

    boolean tracing() {
        return tracing;
    }

    void traceProcessEvent(int node, String detail, Object event) {
        if (tracing) {
            traceSink.accept(new TraceRecord(step, nowMicros, TraceKind.PROCESS, node, -1, detail, event));
        }
    }

    // ---- ControlTarget --------------------------------------------------------------

    @Override
    public void crash(int node) {
        NodeSlot<M> slot = slot(node);
        if (!slot.isUp()) {
            return;
        }
        slot.process = null;
        slot.paused = false;
        nodeFaultChanges++;
        slot.deferred.clear();
        for (TimerEvent timer : slot.timers()) {
            if (timer != null) {
                queue.remove(timer);
            }
        }
        slot.storage().loseUnsyncedWrites();
    }

    @Override
    public void restart(int node) {
        NodeSlot<M> slot = slot(node);
        if (!slot.isUp()) {
            startProcess(slot);
        }
    }

    @Override
    public void pause(int node) {
        NodeSlot<M> slot = slot(node);
        if (slot.isUp()) {
            slot.paused = true;
            nodeFaultChanges++;
        }
    }

    @Override
    public void resume(int node) {
        NodeSlot<M> slot = slot(node);
        if (!slot.paused) {
            return;
        }
        slot.paused = false;
        nodeFaultChanges++;
        // Held events run now, in the order they were held: timers fire late, messages arrive late.
        for (Event event : slot.deferred) {
            enqueue(event, nowMicros);
        }
        slot.deferred.clear();
    }

    @Override
    public void setDrift(int node, double rate) {
        if (!(rate > 0.0 && rate < 100.0)) {
            throw new IllegalArgumentException("drift rate must be in (0, 100): " + rate);
        }
        slot(node).setDrift(rate, nowMicros);
        nodeFaultChanges++;
    }

    /**
     * A count that moves whenever a fault may have changed: a node started, crashed, paused,
     * resumed or drifted, or the network's links changed ({@link Network#changes()}). A check that
     * mirrors the fault state reads it again only when this moved.
     */
    public long faultStateChanges() {
        return nodeFaultChanges + network.changes();
    }

    /** The rate of the node's clock: 1.0 unless a drift fault set another (checks that reason about timers need it). */
    public double driftRate(int node) {
        return slot(node).driftRate();
    }

    @Override
    public Network network() {
        return network;
    }

    // ---- SimulationView -------------------------------------------------------------

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public long nowMicros() {
        return nowMicros;
    }

    @Override
    public int processCount() {
        return slots.size();
    }

    @Override
    public boolean isUp(int node) {
        return slot(node).isUp();
    }

    @Override
    public boolean isPaused(int node) {
        return slot(node).paused;
    }

    @Override
    public Process<M> process(int node) {
        return slot(node).process;
    }

    /** Durable storage of a node, for checks and tests; it exists whether or not the node is up. */
    public DurableStorage storage(int node) {
        return slot(node).storage();
    }

    /** The node's local clock reading (virtual time seen through its drift). */
    public long localNowMicros(int node) {
        return slot(node).localNow(nowMicros);
    }

    public int queuedEventCount() {
        return queue.size();
    }

    // ---- internals ------------------------------------------------------------------

    private NodeSlot<M> slot(int node) {
        if (node < 0 || node >= slots.size()) {
            throw new IllegalArgumentException("no node " + node + " (there are " + slots.size() + ")");
        }
        return slots.get(node);
    }

    private void enqueue(Event event, long atMicros) {
        event.timeMicros = atMicros;
        event.seq = nextSeq++;
        queue.add(event);
    }

    /** Folds one record into the digest and, when tracing, hands it to the sink. */
    private void record(TraceKind kind, int node, int peer, long fingerprint, String detail, Object payload) {
        digest.update(nowMicros);
        digest.update(((long) kind.ordinal() << 48) ^ ((long) (node + 1) << 24) ^ (peer + 1));
        digest.update(fingerprint);
        if (tracing) {
            String text = detail != null ? detail
                    : payload != null && !(payload instanceof ControlAction) ? summarize(payload) : "";
            traceSink.accept(new TraceRecord(step, nowMicros, kind, node, peer, text, payload));
        }
    }

    @SuppressWarnings("unchecked")
    private String summarize(Object message) {
        return codec.summary((M) message);
    }

    private static String describe(Event event, Throwable thrown) {
        String handling = event instanceof MessageEvent<?> message ? "process " + message.to + " handling a message from " + message.from
                : event instanceof TimerEvent timer ? "process " + timer.node + " handling timer " + timer.timerId
                : event instanceof StartEvent start ? "process " + start.node + " starting"
                : "a control action";
        StackTraceElement[] stack = thrown.getStackTrace();
        String where = stack.length == 0 ? "" : " at " + stack[0].getClassName().substring(stack[0].getClassName().lastIndexOf('.') + 1)
                + "." + stack[0].getMethodName() + "(" + stack[0].getFileName() + ":" + stack[0].getLineNumber() + ")";
        return handling + " threw " + thrown.getClass().getSimpleName() + ": " + thrown.getMessage() + where;
    }

    private RunResult violated(Violation unstamped) {
        Violation violation = unstamped.stamped(step, nowMicros);
        record(TraceKind.VIOLATION, -1, -1, RandomStream.stableHash(violation.property()), violation.property() + ": " + violation.message(), violation);
        return end(RunStatus.VIOLATION, violation, null);
    }

    private RunResult end(RunStatus status, Violation violation, String limit) {
        terminalResult = result(status, violation, limit);
        traceSink.close();
        return terminalResult;
    }

    private RunResult result(RunStatus status, Violation violation, String limit) {
        return new RunResult(status, step, nowMicros, seed, digest.value(), violation, limit);
    }

    /** Closes the trace sink after a run that ended normally (a terminal run closes it itself). */
    public void finish() {
        if (terminalResult == null) {
            traceSink.close();
        }
    }

    /** Assembles an engine. Defaults: 1–10 ms links, {@link Limits#DEFAULT}, durable writes, no trace. */
    public static final class Builder<M> {
        private final int processCount;
        private final ProcessFactory<M> factory;
        private final MessageCodec<M> codec;
        private long seed;
        private LinkConfig linkDefaults = LinkConfig.DEFAULT;
        private int serverCount;
        private Limits limits = Limits.DEFAULT;
        private SyncMode syncMode = SyncMode.EVERY_WRITE_DURABLE;
        private TraceSink traceSink = TraceSink.NONE;
        private final List<Observer<M>> observers = new ArrayList<>();

        private Builder(int processCount, ProcessFactory<M> factory, MessageCodec<M> codec) {
            if (processCount <= 0) {
                throw new IllegalArgumentException("processCount must be positive: " + processCount);
            }
            this.processCount = processCount;
            this.serverCount = processCount;
            this.factory = factory;
            this.codec = codec;
        }

        public Builder<M> seed(long runSeed) {
            this.seed = runSeed;
            return this;
        }

        public Builder<M> links(LinkConfig defaults) {
            this.linkDefaults = Objects.requireNonNull(defaults);
            return this;
        }

        /**
         * Processes from {@code count} on are clients, whose links follow the link settings'
         * client overrides ({@link LinkConfig#forClientTraffic}). Default: every process is a server.
         */
        public Builder<M> servers(int count) {
            if (count < 0 || count > processCount) {
                throw new IllegalArgumentException("servers must be in [0, " + processCount + "]: " + count);
            }
            this.serverCount = count;
            return this;
        }

        public Builder<M> limits(Limits runLimits) {
            this.limits = Objects.requireNonNull(runLimits);
            return this;
        }

        public Builder<M> syncMode(SyncMode mode) {
            this.syncMode = Objects.requireNonNull(mode);
            return this;
        }

        public Builder<M> trace(TraceSink sink) {
            this.traceSink = Objects.requireNonNull(sink);
            return this;
        }

        public Builder<M> observer(Observer<M> observer) {
            this.observers.add(Objects.requireNonNull(observer));
            return this;
        }

        public Engine<M> build() {
            return new Engine<>(this);
        }
    }
}
