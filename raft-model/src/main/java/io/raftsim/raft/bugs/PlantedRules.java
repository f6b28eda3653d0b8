package io.raftsim.raft.bugs;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.spi.ReplicationState;
import io.raftsim.harness.spi.Role;
import io.raftsim.raft.log.RaftLog;
import io.raftsim.raft.message.AppendEntriesReply;
import io.raftsim.raft.message.RaftMessage;
import io.raftsim.raft.message.RequestVoteReply;
import io.raftsim.raft.node.HardState;
import io.raftsim.raft.node.Progress;
import io.raftsim.raft.node.RaftRules;
import io.raftsim.sim.random.RandomStream;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The paper's rules with known mistakes planted ({@link Bug}): each mistake is a small class
 * that overrides the one rule it breaks, in as few lines as the real mistake takes, and
 * forwards every other decision. Planting none gives {@link RaftRules#PAPER} itself, so a run
 * without bugs uses exactly the production rules.
 */
public final class PlantedRules {
    private PlantedRules() {
    }

    /** The paper's rules with the named bugs ({@link Bug} constant names, as {@code --bug} takes them) planted. */
    public static RaftRules plant(Collection<String> bugNames) {
        Set<Bug> bugs = EnumSet.noneOf(Bug.class);
        for (String name : bugNames) {
            bugs.add(Bug.valueOf(name));
        }
        return plant(bugs);
    }

    /** The paper's rules with {@code bugs} planted, each breaking its own rule; in enum order, which no rule depends on. */
    public static RaftRules plant(Set<Bug> bugs) {
        RaftRules rules = RaftRules.PAPER;
        for (Bug bug : Bug.values()) {
            if (bugs.contains(bug)) {
                rules = plant(bug, rules);
            }
        }
        return rules;
    }

    private static RaftRules plant(Bug bug, RaftRules rules) {
        return switch (bug) {
            case DOUBLE_VOTE -> new DoubleVote(rules);
            case VOTE_NOT_PERSISTED -> new VoteNotPersisted(rules);
            case VOTE_WITHOUT_LOG_CHECK -> new VoteWithoutLogCheck(rules);
            case COMMIT_PREVIOUS_TERM_BY_COUNTING -> new CommitPreviousTermByCounting(rules);
            case TRUNCATE_ON_MATCHING_APPEND -> new TruncateOnMatchingAppend(rules);
            case ACCEPT_STALE_TERM_APPEND -> new AcceptStaleTermAppend(rules);
            case IGNORE_PREV_LOG_TERM -> new IgnorePrevLogTerm(rules);
            case REPLY_BEFORE_PERSIST -> new ReplyBeforePersist(rules);
            case DUPLICATE_APPLY -> new DuplicateApply(rules);
            case STALE_LOCAL_READ -> new StaleLocalRead(rules);
            case NO_TIMEOUT_RANDOMIZATION -> new NoTimeoutRandomization(rules);
            case LEADER_IGNORES_HIGHER_TERM_REPLY -> new LeaderIgnoresHigherTermReply(rules);
            case COUNT_STALE_TERM_VOTES -> new CountStaleTermVotes(rules);
            case CANDIDATE_IGNORES_LEADER -> new CandidateIgnoresLeader(rules);
            case NO_TIMER_RESET_ON_VOTE -> new NoTimerResetOnVote(rules);
            case TRUST_STALE_REJECTION -> new TrustStaleRejection(rules);
            case SKIP_MEMBERSHIP_COMMIT_FIX -> new SkipMembershipCommitFix(rules);
            case COUNT_LEARNER_VOTE -> new CountLearnerVote(rules);
            case JOINT_COMMIT_BY_NEW_MAJORITY_ONLY -> new JointCommitByNewMajorityOnly(rules);
            case SNAPSHOT_PAST_COMMIT -> new SnapshotPastCommit(rules);
            case INSTALL_SNAPSHOT_DISCARDS_MATCHING_LOG -> new InstallSnapshotDiscardsMatchingLog(rules);
            case LEASE_IGNORES_DRIFT -> new LeaseIgnoresDrift(rules);
            case READ_INDEX_WITHOUT_CONFIRMATION -> new ReadIndexWithoutConfirmation(rules);
        };
    }

    /** votedFor is not consulted, so a node can vote twice in one term. */
    static final class DoubleVote extends ForwardingRules {
        DoubleVote(RaftRules next) {
            super(next);
        }

        @Override
        public boolean mayVoteFor(int votedFor, int candidateId) {
            return true;
        }
    }

    /** The stored record leaves votedFor out (Figure 2 lists it as persistent), so a restarted node votes again. */
    static final class VoteNotPersisted extends ForwardingRules {
        VoteNotPersisted(RaftRules next) {
            super(next);
        }

        @Override
        public HardState durableHardState(long currentTerm, int votedFor) {
            return new HardState(currentTerm, HardState.NO_VOTE);
        }
    }

    /** The §5.4.1 check is skipped for votes (pre-votes still make it). */
    static final class VoteWithoutLogCheck extends ForwardingRules {
        VoteWithoutLogCheck(RaftRules next) {
            super(next);
        }

        @Override
        public boolean logPermitsVote(long candidateLastTerm, long candidateLastIndex, long lastTerm, long lastIndex) {
            return true;
        }
    }

    /** Without the term test an old-term entry commits by counting replicas (Figure 8). */
    static final class CommitPreviousTermByCounting extends ForwardingRules {
        CommitPreviousTermByCounting(RaftRules next) {
            super(next);
        }

        @Override
        public boolean commitsByCounting(RaftLog log, long index, long currentTerm) {
            return true;
        }
    }

    /** A matching entry falls through to the truncation, so a stale or duplicated append removes later entries. */
    static final class TruncateOnMatchingAppend extends ForwardingRules {
        TruncateOnMatchingAppend(RaftRules next) {
            super(next);
        }

        @Override
        public boolean keepsExistingEntry(long existingTerm, long entryTerm) {
            return false;
        }

        /** It truncates committed entries: the checks, not the node's assertion, must report that. */
        @Override
        public boolean guaranteesCommittedEntriesStay() {
            return false;
        }
    }

    /** No "reply false if term < currentTerm": the sender is taken for the leader and its entries are applied. */
    static final class AcceptStaleTermAppend extends ForwardingRules {
        AcceptStaleTermAppend(RaftRules next) {
            super(next);
        }

        @Override
        public boolean rejectsAppendOfOlderTerm(long appendTerm, long currentTerm) {
            return false;
        }

        /** A deposed leader's entries may replace committed ones: the checks must report that. */
        @Override
        public boolean guaranteesCommittedEntriesStay() {
            return false;
        }
    }

    /** An entry at prevLogIndex is taken as a match whatever its term. */
    static final class IgnorePrevLogTerm extends ForwardingRules {
        IgnorePrevLogTerm(RaftRules next) {
            super(next);
        }

        @Override
        public boolean logMatches(long termAtPrevLogIndex, long prevLogTerm) {
            return true;
        }

        /** Entries appended onto a different prefix may later be truncated below the commit index. */
        @Override
        public boolean guaranteesCommittedEntriesStay() {
            return false;
        }
    }

    /**
     * A step's writes are synced only at the server's next write, after the step's replies went
     * out: a crash in between loses state another server was already told about.
     */
    static final class ReplyBeforePersist extends ForwardingRules {
        ReplyBeforePersist(RaftRules next) {
            super(next);
        }

        @Override
        public boolean syncsBeforeSending() {
            return false;
        }
    }

    /** Sessions are kept but never consulted, so a retried request that reached the log twice is applied twice. */
    static final class DuplicateApply extends ForwardingRules {
        DuplicateApply(RaftRules next) {
            super(next);
        }

        @Override
        public boolean answersRetriesFromSessions() {
            return false;
        }
    }

    /**
     * A read is served from local state by a node that only believes it leads: a deposed leader,
     * or a new one that has not yet applied its predecessors' commits, answers with stale data.
     */
    static final class StaleLocalRead extends ForwardingRules {
        StaleLocalRead(RaftRules next) {
            super(next);
        }

        @Override
        public boolean servesReadsLocally() {
            return true;
        }
    }

    /** The same timeout everywhere, so candidates that start together split the vote again and again. */
    static final class NoTimeoutRandomization extends ForwardingRules {
        NoTimeoutRandomization(RaftRules next) {
            super(next);
        }

        @Override
        public long electionTimeoutMicros(RaftConfig config, RandomStream random) {
            return config.electionTimeoutMinMicros();
        }
    }

    /** A reply's term is never compared with ours, so a deposed leader takes it for one of its own term and keeps leading. */
    static final class LeaderIgnoresHigherTermReply extends ForwardingRules {
        LeaderIgnoresHigherTermReply(RaftRules next) {
            super(next);
        }

        @Override
        public boolean adoptsHigherTerm(Role role, RaftMessage message) {
            return !(role == Role.LEADER && (message instanceof AppendEntriesReply || message instanceof RequestVoteReply))
                    && super.adoptsHigherTerm(role, message);
        }
    }

    /** A vote granted for an earlier campaign is counted for this one (the reply's term is not checked). */
    static final class CountStaleTermVotes extends ForwardingRules {
        CountStaleTermVotes(RaftRules next) {
            super(next);
        }

        @Override
        public boolean countsVote(long replyTerm, long currentTerm) {
            return true;
        }
    }

    /** The leader of the candidate's own term goes unheard, so the candidate campaigns again and deposes it. */
    static final class CandidateIgnoresLeader extends ForwardingRules {
        CandidateIgnoresLeader(RaftRules next) {
            super(next);
        }

        @Override
        public boolean convertsToFollowerOnAppend(Role role) {
            return role != Role.CANDIDATE && super.convertsToFollowerOnAppend(role);
        }
    }

    /** The old deadline stands after a vote, so a voter may campaign against the leader it just elected. */
    static final class NoTimerResetOnVote extends ForwardingRules {
        NoTimerResetOnVote(RaftRules next) {
            super(next);
        }

        @Override
        public boolean resetsElectionTimerOnVote() {
            return false;
        }
    }

    /**
     * Without the upper bound, a rejection of an earlier leadership's request beyond this term's
     * window is trusted, and nextIndex passes the end of the log.
     */
    static final class TrustStaleRejection extends ForwardingRules {
        TrustStaleRejection(RaftRules next) {
            super(next);
        }

        @Override
        public boolean rejectsWhatWasSent(Progress progress, long prevLogIndex) {
            return progress.state() == ReplicationState.PROBE
                    ? prevLogIndex == progress.nextIndex() - 1
                    : prevLogIndex > progress.matchIndex();
        }
    }

    /** Single-server changes as first published (§4.1), without the 2015 fix: any leader may start one. */
    static final class SkipMembershipCommitFix extends ForwardingRules {
        SkipMembershipCommitFix(RaftRules next) {
            super(next);
        }

        @Override
        public boolean mayChangeMembership(boolean committedInCurrentTerm) {
            return true;
        }
    }

    /** A learner's vote counts as a voter's. */
    static final class CountLearnerVote extends ForwardingRules {
        CountLearnerVote(RaftRules next) {
            super(next);
        }

        @Override
        public boolean countsVoteOf(boolean voter, boolean learner) {
            return voter || learner;
        }
    }

    /** While joint, an entry commits with C_new's majority alone: C_old's is not counted (§4.3 needs both). */
    static final class JointCommitByNewMajorityOnly extends ForwardingRules {
        JointCommitByNewMajorityOnly(RaftRules next) {
            super(next);
        }

        @Override
        public boolean commitNeedsOutgoingMajority() {
            return false;
        }
    }

    /** The snapshot is taken through the last entry of the log rather than the last one applied. */
    static final class SnapshotPastCommit extends ForwardingRules {
        SnapshotPastCommit(RaftRules next) {
            super(next);
        }

        @Override
        public long snapshotThrough(long lastApplied, long lastIndex) {
            return lastIndex;
        }
    }

    /** Figure 13's step 6 skipped: every install takes step 7 and discards the whole log. */
    static final class InstallSnapshotDiscardsMatchingLog extends ForwardingRules {
        InstallSnapshotDiscardsMatchingLog(RaftRules next) {
            super(next);
        }

        @Override
        public boolean retainsEntriesAfterSnapshot(boolean logHoldsLastIncludedEntry) {
            return false;
        }
    }

    /** The lease lasts the whole minimum election timeout on the leader's clock, as if clocks never drifted (§6.4.1). */
    static final class LeaseIgnoresDrift extends ForwardingRules {
        LeaseIgnoresDrift(RaftRules next) {
            super(next);
        }

        @Override
        public long leaseDurationMicros(RaftConfig config) {
            return config.electionTimeoutMinMicros();
        }
    }

    /** ReadIndex without §6.4's step 3: the read index is answered once applied, without a round of heartbeats. */
    static final class ReadIndexWithoutConfirmation extends ForwardingRules {
        ReadIndexWithoutConfirmation(RaftRules next) {
            super(next);
        }

        @Override
        public boolean confirmsLeadershipBeforeRead() {
            return false;
        }
    }
}
