package io.raftsim.raft.message;

import io.raftsim.raft.snapshot.Snapshot;

/**
 * InstallSnapshot (Figure 13, §7): a leader sends its snapshot to a follower whose next entry it
 * has compacted away. Sent whole, not in chunks: the simulated network delivers a message
 * entirely or not at all, and the key-value state is small, so chunking (Figure 13's
 * {@code offset} and {@code done}) would add a reassembly state machine without a fault it
 * could reveal that a lost or duplicated whole message does not.
 */
public record InstallSnapshot(long term, int leaderId, Snapshot snapshot) implements RaftMessage {
    public long lastIncludedIndex() {
        return snapshot.lastIncludedIndex();
    }

    public long lastIncludedTerm() {
        return snapshot.lastIncludedTerm();
    }
}
