package io.raftsim.microraft;

import io.microraft.RaftEndpoint;
import io.microraft.model.message.RaftMessage;
import io.microraft.transport.Transport;

import java.util.function.IntPredicate;

/**
 * MicroRaft's transport: encodes each outgoing message at once, so nothing the sender
 * mutates later can reach the receiver, and hands the bytes to the sink. It never blocks
 * and never calls back into a node.
 *
 * <p>MicroRaft 0.7 asks {@code isReachable} only when a leader picks the followers that
 * may serve snapshot chunks ({@code RaftNodeImpl.getSnapshottedMembers}, with
 * {@code transferSnapshotsFromFollowersEnabled}); the default answers true and lets the
 * network decide.
 */
public final class SimTransport implements Transport {
    private final SimEndpoint self;
    private final MicroRaftCodec codec;
    private final MessageSink sink;
    private final IntPredicate reachable;
    private long sentCount;

    public SimTransport(SimEndpoint self, MicroRaftCodec codec, MessageSink sink) {
        this(self, codec, sink, id -> true);
    }

    public SimTransport(SimEndpoint self, MicroRaftCodec codec, MessageSink sink, IntPredicate reachable) {
        this.self = self;
        this.codec = codec;
        this.sink = sink;
        this.reachable = reachable;
    }

    @Override
    public void send(RaftEndpoint target, RaftMessage message) {
        SimEndpoint to = (SimEndpoint) target;
        if (!self.equals(message.getSender())) {
            throw new IllegalStateException(self + " sending a message from " + message.getSender());
        }
        sentCount++;
        sink.send(self.id(), to.id(), codec.encode(message));
    }

    @Override
    public boolean isReachable(RaftEndpoint endpoint) {
        return reachable.test(((SimEndpoint) endpoint).id());
    }

    public long sentCount() {
        return sentCount;
    }
}
