package io.raftsim.raft.message;

/**
 * A leader's round of heartbeats for reads (dissertation §6.4, step 3; §6.4.1 for leases):
 * "I lead term {@code term}; acknowledge round {@code round}". A follower treats it as word
 * from its leader (it restarts its election timer, and with lease reads refuses votes for the
 * minimum election timeout) and answers with {@link ConfirmLeadershipReply}. Its own message,
 * not an AppendEntries: the leader must know that an acknowledgement was sent after the
 * round began, and a reply to an earlier AppendEntries cannot say so.
 */
public record ConfirmLeadership(long term, int leaderId, long round) implements RaftMessage {
}
