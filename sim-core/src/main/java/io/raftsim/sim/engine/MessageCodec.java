package io.raftsim.sim.engine;

/**
 * How the engine sees messages: a fingerprint for the run digest and a short summary for
 * traces. The fingerprint must be computed from the message's fields by a fixed algorithm,
 * never from {@code Object.hashCode} or a record's generated {@code hashCode}, whose
 * algorithms the JDK does not specify.
 */
public interface MessageCodec<M> {
    long fingerprint(M message);

    String summary(M message);
}
