package io.raftsim.microraft;

/** Where a node's outgoing messages go, as bytes: later the simulated network. */
@FunctionalInterface
public interface MessageSink {
    void send(int fromId, int toId, byte[] message);
}
