package io.raftsim.raft.message;

/**
 * Dissertation §3.10, leadership transfer: the leader of {@code term}, having brought the
 * receiver's log up to date with its own, tells it to start an election at once, without
 * waiting for its election timer and without a pre-vote.
 */
public record TimeoutNow(long term, int leaderId) implements RaftMessage {
}
