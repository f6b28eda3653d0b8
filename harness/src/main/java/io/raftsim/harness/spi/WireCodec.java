package io.raftsim.harness.spi;

import io.raftsim.harness.wire.WireWriter;
import io.raftsim.sim.network.Traffic;

/**
 * Turns an implementation's messages into bytes and back. Every message crosses the
 * simulated network as bytes and is decoded afresh at each delivery (a duplicate too), so
 * no two servers ever share an object, and corrupting a message is a matter of bytes.
 */
public interface WireCodec<T> {
    byte[] encode(T message);

    /**
     * Writes the message's bytes into {@code out}, which the harness reuses from one message to
     * the next (one array per message, not a writer and its growth): the same bytes as
     * {@link #encode(Object)}. Override it when sends are many; the default copies.
     */
    default void encode(T message, WireWriter out) {
        out.writeBytes(encode(message));
    }

    /**
     * True when this protocol's messages are immutable values: {@code equals} compares content,
     * and equal messages encode to equal bytes and fingerprints. The harness then encodes a message
     * equal to the one sent just before it only once (a leader's heartbeat or new entry to each
     * follower), and the packets share the bytes, which nobody writes. False by default: a
     * message may be an object its implementation changes after sending it.
     */
    default boolean messagesAreValues() {
        return false;
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a message of this protocol
     */
    T decode(byte[] bytes);

    /**
     * The message's fingerprint for the run digest, by a fixed algorithm over its content
     * (never {@code Object.hashCode}). The default hashes the encoded bytes.
     */
    default long fingerprint(T message, byte[] encoded) {
        return Fingerprints.ofBytes(encoded);
    }

    /** Requests and replies may travel differently (a link's {@code replies} settings). */
    Traffic traffic(T message);

    /** A one-line summary for text traces; by default the view's type and fields. */
    default String summary(T message) {
        MessageView view = view(message);
        StringBuilder text = new StringBuilder(view.type());
        for (MessageView.Field field : view.fields()) {
            text.append(' ').append(field.name()).append('=').append(field.value());
        }
        return text.toString();
    }

    /** What a trace records of the message. Called only when a trace is kept. */
    MessageView view(T message);

    /** What the message is in Raft's terms, for the checks after every delivery: cheap, no view built. */
    MessageView.Kind kind(T message);

    /** The sender's term the message carries (0 for client traffic). */
    long term(T message);
}
