package io.raftsim.raft.node;

/** Timer ids a node asks its host to arm. */
public final class RaftTimers {
    /** Followers and candidates: no word from a leader for a randomized timeout starts an election (§5.2). */
    public static final int ELECTION = 0;
    /** Leaders: send AppendEntries to every follower, empty or not (§5.2). */
    public static final int HEARTBEAT = 1;
    /** Leaders with CheckQuorum: step down unless a majority was heard from since the last check (§6.2 of the dissertation). */
    public static final int CHECK_QUORUM = 2;
    public static final int COUNT = 3;

    private RaftTimers() {
    }
}
