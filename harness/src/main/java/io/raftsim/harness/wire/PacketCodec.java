package io.raftsim.harness.wire;

import io.raftsim.harness.spi.MessageView;
import io.raftsim.harness.spi.WireCodec;
import io.raftsim.sim.engine.MessageCodec;
import io.raftsim.sim.network.Traffic;

/** How the engine sees packets: what was computed at the send, and a summary decoded on demand (traces only). */
public final class PacketCodec<T> implements MessageCodec<Packet> {
    private final WireCodec<T> codec;
    /** One writer per cluster, which runs on one thread: reused for every send. */
    private final WireWriter writer = new WireWriter();
    /** Every encode is a send (WireContext is the only caller), so sends are counted here. */
    private final SendCounts sent = new SendCounts();
    /** The last message encoded, its bytes and fingerprint, when the codec's messages are values. */
    private T lastMessage;
    private byte[] lastBytes;
    private long lastFingerprint;

    public PacketCodec(WireCodec<T> codec) {
        this.codec = codec;
    }

    @Override
    public long fingerprint(Packet message) {
        return message.fingerprint();
    }

    @Override
    public String summary(Packet message) {
        return codec.summary(codec.decode(message.bytes()));
    }

    @Override
    public Traffic traffic(Packet message) {
        return message.traffic();
    }

    public MessageView view(Packet packet) {
        return codec.view(codec.decode(packet.bytes()));
    }

    public T decode(Packet packet) {
        return codec.decode(packet.bytes());
    }

    public Packet encode(T message) {
        Traffic traffic = codec.traffic(message);
        if (lastMessage != null && lastMessage.equals(message)) {
            // The same value sent again (to the next follower): the same bytes, encoded once.
            sent.count(codec.kind(message), traffic, lastBytes.length);
            return new Packet(lastBytes, lastFingerprint, traffic, this);
        }
        codec.encode(message, writer.reset());
        byte[] bytes = writer.toBytes();
        sent.count(codec.kind(message), traffic, bytes.length);
        long fingerprint = codec.fingerprint(message, bytes);
        if (codec.messagesAreValues()) {
            lastMessage = message;
            lastBytes = bytes;
            lastFingerprint = fingerprint;
        }
        return new Packet(bytes, fingerprint, traffic, this);
    }

    /** What the cluster's processes have sent so far, by kind and bytes. */
    public SendCounts sent() {
        return sent;
    }

    public WireCodec<T> wireCodec() {
        return codec;
    }
}
