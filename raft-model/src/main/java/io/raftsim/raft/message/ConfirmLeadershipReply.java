package io.raftsim.raft.message;

/** A follower's acknowledgement of round {@code round} of {@link ConfirmLeadership}, with its term (§5.1: a higher one deposes the leader). */
public record ConfirmLeadershipReply(long term, long round) implements RaftMessage {
}
