package io.raftsim.raft.message;

import io.raftsim.raft.log.LogEntry;

import java.util.List;

/** AppendEntries (Figure 2): replicates entries after (prevLogIndex, prevLogTerm); empty as a heartbeat. */
public record AppendEntries(long term, int leaderId, long prevLogIndex, long prevLogTerm, List<LogEntry> entries,
                            long leaderCommit) implements RaftMessage {
    public AppendEntries {
        entries = List.copyOf(entries);
    }

    /** Index of the last entry this request carries (prevLogIndex when it carries none). */
    public long lastIndex() {
        return prevLogIndex + entries.size();
    }
}
