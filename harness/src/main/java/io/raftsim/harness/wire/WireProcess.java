package io.raftsim.harness.wire;

import io.raftsim.sim.engine.Process;
import io.raftsim.sim.engine.ProcessContext;

import java.util.function.Function;

/**
 * A process of messages {@code T} on the engine's network of {@link Packet}s: sends are
 * encoded by its context, and every delivery is decoded afresh, so a duplicate is a copy
 * and no object is ever shared between two processes.
 */
public final class WireProcess<T, P extends Process<T>> implements Process<Packet> {
    private final PacketCodec<T> codec;
    private final P inner;

    private WireProcess(PacketCodec<T> codec, P inner) {
        this.codec = codec;
        this.inner = inner;
    }

    /** Creates the inner process on a context that encodes what it sends. */
    public static <T, P extends Process<T>> WireProcess<T, P> create(ProcessContext<Packet> engine, PacketCodec<T> codec,
                                                                     Function<ProcessContext<T>, P> factory) {
        return new WireProcess<>(codec, factory.apply(new WireContext<>(engine, codec)));
    }

    @Override
    public void onStart() {
        inner.onStart();
    }

    @Override
    public void onMessage(int from, Packet message) {
        inner.onMessage(from, codec.decode(message));
    }

    @Override
    public void onTimer(int timerId) {
        inner.onTimer(timerId);
    }

    public P inner() {
        return inner;
    }
}
