package io.raftsim.microraft;

import io.microraft.MembershipChangeMode;
import io.microraft.RaftEndpoint;
import io.microraft.RaftNode;
import io.microraft.RaftNodeStatus;
import io.microraft.exception.CannotReplicateException;
import io.microraft.exception.MismatchingRaftGroupMembersCommitIndexException;
import io.microraft.exception.NotLeaderException;
import io.microraft.impl.RaftNodeImpl;
import io.microraft.impl.state.RaftState;
import io.microraft.model.log.BaseLogEntry;
import io.microraft.report.RaftGroupMembers;
import io.raftsim.harness.spi.MembershipChange;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The seam's single-server membership changes (dissertation §4.1-4.2) asked of a MicroRaft
 * leader through its own {@code RaftNode#changeMembership}:
 * <ul>
 *   <li>{@code ADD_LEARNER}: {@link MembershipChangeMode#ADD_LEARNER}, a non-voting member (§4.2.1);
 *   <li>{@code PROMOTE_LEARNER}: {@link MembershipChangeMode#ADD_OR_PROMOTE_TO_FOLLOWER}, asked only
 *       of a server that is a learner now (MicroRaft's mode would also add a stranger straight as a
 *       voter, which the seam's promotion does not mean);
 *   <li>{@code REMOVE_SERVER}: {@link MembershipChangeMode#REMOVE_MEMBER}, the leader itself included
 *       (§4.2.2: MicroRaft's leader commits its removal without its own vote, then steps down and
 *       terminates).
 * </ul>
 * MicroRaft asks for the log index of the configuration last committed (its "group members
 * commit index") as an optimistic lock; the leader's own {@code getCommittedMembers()} gives it,
 * read in the same simulation step, so it always matches. The change runs as an executor task;
 * the caller runs it at once (every task due, as after any input) and the answer is read off the
 * future: failed at once is a refusal, still open means the entry was appended and awaits commit.
 */
final class MembershipRequests {
    private MembershipRequests() {
    }

    /**
     * Asks {@code node} for {@code change} and runs the task that decides it. {@code servers} is the
     * number of server slots: a change naming another slot means nothing.
     */
    static MembershipChange.Answer ask(MicroRaftNode node, MembershipChange change, int servers) {
        // Bring the node up to date first, so what is read below is what the change task will see.
        node.runDue();
        RaftNode raftNode = node.raftNode();
        if (change.server() >= servers) {
            return MembershipChange.Answer.NOT_APPLICABLE;
        }
        if (!node.isLeader()) {
            return MembershipChange.Answer.NOT_LEADER;
        }
        RaftEndpoint endpoint = SimEndpoint.of(change.server());
        RaftGroupMembers effective = raftNode.getEffectiveMembers();
        if (change.kind() == MembershipChange.Kind.PROMOTE_LEARNER && !isLearner(effective, endpoint)) {
            return MembershipChange.Answer.NOT_APPLICABLE;
        }
        // Why MicroRaft would refuse with CannotReplicateException, read before asking (it says not which).
        boolean pending = raftNode.getStatus() == RaftNodeStatus.UPDATING_RAFT_GROUP_MEMBER_LIST;
        boolean committedInTerm = committedAnEntryOfItsTerm(((RaftNodeImpl) raftNode).state());
        CompletableFuture<?> future = raftNode.changeMembership(endpoint, modeOf(change.kind()),
                raftNode.getCommittedMembers().getLogIndex());
        node.runDue();
        if (!future.isCompletedExceptionally()) {
            // Appended (a configuration entry that MicroRaft uses at once), or even committed already.
            return MembershipChange.Answer.ACCEPTED;
        }
        Throwable failure = failureOf(future);
        if (failure instanceof NotLeaderException) {
            return MembershipChange.Answer.NOT_LEADER;
        } else if (failure instanceof CannotReplicateException) {
            // RaftNodeImpl.canReplicateNewOperation: a change in flight, or (the 2015 fix) no entry of
            // the leader's term committed yet, or too many uncommitted entries, which the seam's
            // vocabulary calls pending too.
            return pending || committedInTerm ? MembershipChange.Answer.CHANGE_PENDING : MembershipChange.Answer.NO_COMMIT_IN_TERM;
        } else if (failure instanceof IllegalArgumentException || failure instanceof IllegalStateException) {
            // MembershipChangeTask: already a member, a third learner, a server of the initial
            // configuration added as a learner again, a non-member removed, the last voter removed.
            return MembershipChange.Answer.NOT_APPLICABLE;
        } else if (failure instanceof MismatchingRaftGroupMembersCommitIndexException) {
            throw new IllegalStateException("the members commit index was read from the leader in the same step: " + failure);
        }
        throw new IllegalStateException("MicroRaft refused " + change.describe() + " unexpectedly", failure);
    }

    static MembershipChangeMode modeOf(MembershipChange.Kind kind) {
        return switch (kind) {
            case ADD_LEARNER -> MembershipChangeMode.ADD_LEARNER;
            case PROMOTE_LEARNER -> MembershipChangeMode.ADD_OR_PROMOTE_TO_FOLLOWER;
            case REMOVE_SERVER -> MembershipChangeMode.REMOVE_MEMBER;
        };
    }

    private static boolean isLearner(RaftGroupMembers members, RaftEndpoint endpoint) {
        Collection<RaftEndpoint> voters = members.getVotingMembers();
        return members.getMembers().contains(endpoint) && !voters.contains(endpoint);
    }

    /** As RaftNodeImpl.canReplicateNewOperation reads it: the last committed entry, in the log or the snapshot. */
    private static boolean committedAnEntryOfItsTerm(RaftState state) {
        long commitIndex = state.commitIndex();
        BaseLogEntry committed = commitIndex == state.log().snapshotIndex()
                ? state.log().snapshotEntry() : state.log().getLogEntry(commitIndex);
        return committed != null && committed.getTerm() == state.term();
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        try {
            future.join();
            throw new IllegalStateException("completed exceptionally, yet joined");
        } catch (CompletionException e) {
            return e.getCause();
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        }
    }
}
