package io.raftsim.raft.snapshot;

/**
 * A snapshot (§7, Figure 12): the state machine's state after applying entries
 * 1..{@code lastIncludedIndex}, with the index and term of that last entry, so the log that
 * follows it can still pass AppendEntries' consistency check at the snapshot's end. Immutable:
 * stored as is in durable storage and carried as is by InstallSnapshot.
 */
public record Snapshot(long lastIncludedIndex, long lastIncludedTerm, SnapshotState state) {
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
