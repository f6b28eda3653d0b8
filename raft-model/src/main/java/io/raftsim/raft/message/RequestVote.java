package io.raftsim.raft.message;

/**
 * RequestVote (Figure 2), or a pre-vote when {@code preVote} is set (dissertation §9.6): a
 * pre-vote asks whether the receiver would vote in {@code term} without anyone changing term.
 * {@code leadershipTransfer} marks the campaign a leader asked for with {@link TimeoutNow}
 * (§3.10): voters grant it even while they believe in a live leader (§4.2.3's lease, etcd's
 * {@code campaignTransfer}), since that leader itself handed over.
 */
public record RequestVote(long term, int candidateId, long lastLogIndex, long lastLogTerm, boolean preVote,
                          boolean leadershipTransfer) implements RaftMessage {

    /** An ordinary vote or pre-vote, not part of a leadership transfer. */
    public RequestVote(long term, int candidateId, long lastLogIndex, long lastLogTerm, boolean preVote) {
        this(term, candidateId, lastLogIndex, lastLogTerm, preVote, false);
    }
}
