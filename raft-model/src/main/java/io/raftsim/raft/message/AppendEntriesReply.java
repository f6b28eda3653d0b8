package io.raftsim.raft.message;

import java.util.Objects;

/**
 * The answer to AppendEntries. {@code matchIndex} is the index through which the follower's
 * log now matches the leader's (on success), so a reordered or duplicated reply can never
 * move the leader's view backwards. On rejection {@code rejectedPrevLogIndex} names the
 * request being rejected, and, with fast backtracking (§5.3, "the follower can include the
 * term of the conflicting entry and the first index it stores for that term"),
 * {@code conflictTerm}/{@code conflictIndex} let the leader skip a whole term at once.
 */
public record AppendEntriesReply(long term, boolean success, long matchIndex, long rejectedPrevLogIndex,
                                 long conflictTerm, long conflictIndex, long followerLastIndex) implements RaftMessage {
    /** Written out, as {@link AppendEntries#equals} is and for the same reason: replies of several followers are often equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof AppendEntriesReply that && term == that.term && success == that.success && matchIndex == that.matchIndex
                && rejectedPrevLogIndex == that.rejectedPrevLogIndex && conflictTerm == that.conflictTerm && conflictIndex == that.conflictIndex
                && followerLastIndex == that.followerLastIndex;
    }

    @Override
    public int hashCode() {
        return Objects.hash(term, success, matchIndex, rejectedPrevLogIndex, conflictTerm, conflictIndex, followerLastIndex);
    }

    public static AppendEntriesReply accepted(long term, long matchIndex) {
        return new AppendEntriesReply(term, true, matchIndex, 0, 0, 0, matchIndex);
    }

    public static AppendEntriesReply rejected(long term, long rejectedPrevLogIndex, long conflictTerm, long conflictIndex, long followerLastIndex) {
        return new AppendEntriesReply(term, false, 0, rejectedPrevLogIndex, conflictTerm, conflictIndex, followerLastIndex);
    }
}
