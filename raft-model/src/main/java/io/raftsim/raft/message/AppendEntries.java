package io.raftsim.raft.message;

import io.raftsim.raft.log.LogEntry;

import java.util.List;
import java.util.Objects;

/** AppendEntries (Figure 2): replicates entries after (prevLogIndex, prevLogTerm); empty as a heartbeat. */
public record AppendEntries(long term, int leaderId, long prevLogIndex, long prevLogTerm, List<LogEntry> entries,
                            long leaderCommit) implements RaftMessage {
    public AppendEntries {
        entries = List.copyOf(entries);
    }

    /**
     * Written out, as a record's generated equals is a chain of method handles that the JIT
     * did not inline here: a leader sends equal requests to every follower, and the wire
     * compares each with the one before to encode it once ({@code PacketCodec}).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof AppendEntries that && term == that.term && leaderId == that.leaderId && prevLogIndex == that.prevLogIndex
                && prevLogTerm == that.prevLogTerm && leaderCommit == that.leaderCommit && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(term, leaderId, prevLogIndex, prevLogTerm, entries, leaderCommit);
    }

    /** Index of the last entry this request carries (prevLogIndex when it carries none). */
    public long lastIndex() {
        return prevLogIndex + entries.size();
    }
}
