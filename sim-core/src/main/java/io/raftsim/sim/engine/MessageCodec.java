package io.raftsim.sim.engine;

import io.raftsim.sim.network.Traffic;

/**
 * How the engine sees messages: a fingerprint for the run digest and a short summary for
 * traces. The fingerprint must be computed from the message's fields by a fixed algorithm,
 * never from {@code Object.hashCode} or a record's generated {@code hashCode}, whose
 * algorithms the JDK does not specify.
 */
public interface MessageCodec<M> {
    long fingerprint(M message);

    String summary(M message);

    /**
     * Whether the message is a request or a reply, for links that treat replies differently
     * ({@code LinkConfig.replies}). The process layer knows its protocol; sim-core does not,
     * so by default everything is a request.
     */
    default Traffic traffic(M message) {
        return Traffic.REQUEST;
    }
}
