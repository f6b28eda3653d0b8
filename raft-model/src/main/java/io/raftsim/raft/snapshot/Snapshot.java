package io.raftsim.raft.snapshot;

import io.raftsim.raft.log.Configuration;

/**
 * A snapshot (§7, Figure 12): the state machine's state after applying entries
 * 1..{@code lastIncludedIndex}, with the index and term of that last entry, so the log that
 * follows it can still pass AppendEntries' consistency check at the snapshot's end. Immutable:
 * stored as is in durable storage and carried as is by InstallSnapshot. It also carries the
 * configuration in force at its last entry (§7: "the snapshot also includes the latest
 * configuration in the log as of last included index"), since compaction removes the entry that held it;
 * null when no configuration entry precedes it, so the cluster's initial configuration applies.
 */
public record Snapshot(long lastIncludedIndex, long lastIncludedTerm, SnapshotState state, Configuration configuration) {
    /** A snapshot of a cluster whose configuration never changed before its last entry. */
    public Snapshot(long lastIncludedIndex, long lastIncludedTerm, SnapshotState state) {
        this(lastIncludedIndex, lastIncludedTerm, state, null);
    }

    public Snapshot {
        if (lastIncludedIndex <= 0 || lastIncludedTerm <= 0) {
            throw new IllegalArgumentException("a snapshot covers at least one entry: " + lastIncludedIndex + ":" + lastIncludedTerm);
        }
        if (state == null) {
            throw new IllegalArgumentException("a snapshot needs its state machine's state");
        }
    }

    @Override
    public String toString() {
        return "snapshot through " + lastIncludedIndex + ":" + lastIncludedTerm + " (" + state.values().size() + " keys, "
                + state.sessions().size() + " sessions)";
    }
}
