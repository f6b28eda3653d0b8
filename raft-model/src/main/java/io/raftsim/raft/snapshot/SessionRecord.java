package io.raftsim.raft.snapshot;

import io.raftsim.harness.kv.KvResult;

/**
 * One client session in a snapshot (dissertation §6.3): the last sequence number applied for
 * the client and its result, null when the command returned none.
 */
public record SessionRecord(int clientId, long lastSequence, KvResult lastResult) {
    public SessionRecord {
        if (clientId < 0) {
            throw new IllegalArgumentException("client id " + clientId);
        }
    }
}
