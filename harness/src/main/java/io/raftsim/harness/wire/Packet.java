package io.raftsim.harness.wire;

import io.raftsim.harness.spi.MessageView;
import io.raftsim.sim.network.Traffic;

/**
 * A message on the simulated network: its bytes, with the fingerprint and traffic class
 * computed once when it was sent, and the codec that made it, so a trace can describe it.
 * The receiver decodes the bytes into fresh objects. The bytes are never written: packets of
 * equal value messages may share them ({@link io.raftsim.harness.spi.WireCodec#messagesAreValues}),
 * as a duplicated packet does; a fault that corrupts a packet must corrupt a copy.
 */
public record Packet(byte[] bytes, long fingerprint, Traffic traffic, PacketCodec<?> codec) {
    /** The message as a trace shows it, decoded afresh. */
    public MessageView view() {
        return codec.view(this);
    }
}
