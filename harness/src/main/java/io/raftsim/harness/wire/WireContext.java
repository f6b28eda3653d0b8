package io.raftsim.harness.wire;

import io.raftsim.sim.engine.ProcessContext;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.storage.DurableStorage;

/** A process's context in its own message type: every send is encoded to a {@link Packet} here, and nowhere else. */
final class WireContext<T> implements ProcessContext<T> {
    private final ProcessContext<Packet> engine;
    private final PacketCodec<T> codec;

    WireContext(ProcessContext<Packet> engine, PacketCodec<T> codec) {
        this.engine = engine;
        this.codec = codec;
    }

    @Override
    public int nodeId() {
        return engine.nodeId();
    }

    @Override
    public int processCount() {
        return engine.processCount();
    }

    @Override
    public long nowMicros() {
        return engine.nowMicros();
    }

    @Override
    public void send(int to, T message) {
        engine.send(to, codec.encode(message));
    }

    @Override
    public void setTimer(int timerId, long delayMicros) {
        engine.setTimer(timerId, delayMicros);
    }

    @Override
    public void cancelTimer(int timerId) {
        engine.cancelTimer(timerId);
    }

    @Override
    public boolean isTimerSet(int timerId) {
        return engine.isTimerSet(timerId);
    }

    @Override
    public RandomStream random() {
        return engine.random();
    }

    @Override
    public DurableStorage storage() {
        return engine.storage();
    }

    @Override
    public boolean tracing() {
        return engine.tracing();
    }

    @Override
    public void trace(String detail, Object event) {
        engine.trace(detail, event);
    }
}
