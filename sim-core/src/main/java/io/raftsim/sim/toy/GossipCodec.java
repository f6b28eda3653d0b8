package io.raftsim.sim.toy;

import io.raftsim.sim.engine.MessageCodec;

/** Fingerprints gossip from its two fields by a fixed formula. */
public final class GossipCodec implements MessageCodec<GossipMessage> {
    public static final GossipCodec INSTANCE = new GossipCodec();

    @Override
    public long fingerprint(GossipMessage message) {
        return message.value() * 31 + message.hops();
    }

    @Override
    public String summary(GossipMessage message) {
        return "gossip value=" + message.value() + " hops=" + message.hops();
    }
}
