package io.raftsim.raft.message;

/**
 * The answer to InstallSnapshot (Figure 13: the follower's term). It also names the snapshot's
 * last included index, which the follower now holds (installed, or already committed), so the
 * leader advances matchIndex from the reply alone, and a reordered or duplicated reply can never
 * move it backwards (as {@link AppendEntriesReply#matchIndex()}).
 */
public record InstallSnapshotReply(long term, long lastIncludedIndex) implements RaftMessage {
}
