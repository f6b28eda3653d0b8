package io.raftsim.raft.message;

import io.raftsim.harness.kv.KvCommand;

/**
 * A client's command. {@code sequence} numbers a client's requests; a retry reuses it, so
 * the state machine can apply each (client, sequence) at most once (dissertation ch. 6).
 */
public record ClientRequest(int clientId, long sequence, KvCommand command) implements Message {
}
