package io.raftsim.raft.node;

/** The state Figure 2 calls persistent besides the log: currentTerm and votedFor ({@link #NO_VOTE} for none). */
public record HardState(long currentTerm, int votedFor) {
    public static final int NO_VOTE = -1;
    public static final HardState INITIAL = new HardState(0, NO_VOTE);
}
