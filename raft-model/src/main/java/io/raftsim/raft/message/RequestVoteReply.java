package io.raftsim.raft.message;

/** The answer to a (pre-)vote request. A granted pre-vote carries the term of the request. */
public record RequestVoteReply(long term, boolean voteGranted, boolean preVote) implements RaftMessage {
}
