package io.raftsim.raft.node;

/**
 * Puts a leader's {@link Progress} into a state the node's own code never reaches, so that the
 * safety monitor's Leader Progress check can be shown firing: a node run with assertions on stops
 * at its own assertion ({@code progressInvariantHolds}) before the monitor sees the state, so the
 * only way to reach the monitor's check under {@code -ea} is to break the state from outside.
 */
public final class BrokenProgress {
    private BrokenProgress() {
    }

    /** The leader records an acknowledgement of {@code index} from {@code peer}, whether or not its log reaches that far. */
    public static void acknowledge(RaftNode leader, int peer, long index) {
        leader.progress(peer).acknowledge(index);
    }
}
