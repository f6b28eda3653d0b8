package io.raftsim.raft.message;

/**
 * RequestVote (Figure 2), or a pre-vote when {@code preVote} is set (dissertation §9.6): a
 * pre-vote asks whether the receiver would vote in {@code term} without anyone changing term.
 */
public record RequestVote(long term, int candidateId, long lastLogIndex, long lastLogTerm, boolean preVote) implements RaftMessage {
}
