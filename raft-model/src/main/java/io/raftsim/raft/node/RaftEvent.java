package io.raftsim.raft.node;

/** Things a node reports for traces and timelines; never read back by the node itself. */
public sealed interface RaftEvent {
    record RoleChanged(int node, Role from, Role to, long term) implements RaftEvent {
    }

    record VoteGranted(int node, int candidate, long term, boolean preVote) implements RaftEvent {
    }

    record CommitAdvanced(int node, long fromIndex, long toIndex) implements RaftEvent {
    }

    /** A leader's view of one follower changed (§5.3 nextIndex and matchIndex, plus the progress state). */
    record ProgressChanged(int leader, int follower, long nextIndex, long matchIndex, Progress.State state) implements RaftEvent {
    }
}
