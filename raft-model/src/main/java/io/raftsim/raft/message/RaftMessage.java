package io.raftsim.raft.message;

/** An RPC between servers (Figure 2). Every one carries the sender's term, handled first on receipt. */
public sealed interface RaftMessage extends Message permits RequestVote, RequestVoteReply, AppendEntries, AppendEntriesReply,
        InstallSnapshot, InstallSnapshotReply, ConfirmLeadership, ConfirmLeadershipReply, TimeoutNow {
    long term();
}
