package io.raftsim.raft.node;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.spi.Role;
import io.raftsim.raft.log.RaftLog;
import io.raftsim.raft.message.RaftMessage;
import io.raftsim.sim.random.RandomStream;

/**
 * The rules a server follows, each a decision of Figure 2 (or of the dissertation, for the
 * parts the paper leaves to the implementation) named and stated once. {@link RaftNode} and
 * the server hosting it ask one rules object wherever the paper decides; everything else
 * (message shapes, progress tracking, effects) is mechanism and lives in the node.
 *
 * <p>{@link #PAPER} is the only set a real run uses. A variant that breaks one rule on purpose
 * exists to show that the checks catch the mistake; such variants live outside the node's
 * packages and override only the rule they break.
 *
 * <p>Every method is called on the hot path with primitive arguments and must not allocate,
 * except {@link #durableHardState}, which builds the record the host stores.
 */
public interface RaftRules {
    /** The rules as the paper and the dissertation state them. */
    RaftRules PAPER = PaperRules.INSTANCE;

    // ---- terms (§5.1) --------------------------------------------------------------------

    /**
     * §5.1, Figure 2 "Rules for Servers, All Servers": whether a message of a term later than
     * ours makes us adopt that term and convert to follower. Always, in the paper: a request or
     * a reply alike.
     */
    boolean adoptsHigherTerm(Role role, RaftMessage message);

    /** Figure 2, AppendEntries step 1: "Reply false if term &lt; currentTerm" (§5.1). */
    boolean rejectsAppendOfOlderTerm(long appendTerm, long currentTerm);

    // ---- elections (§5.2, §5.4.1) --------------------------------------------------------

    /**
     * Figure 2, RequestVote step 2, first half: a server votes for at most one candidate per
     * term (§5.2), so only if votedFor is null or already this candidate.
     */
    boolean mayVoteFor(int votedFor, int candidateId);

    /**
     * §5.4.1, the election restriction: a vote goes only to a candidate whose log is at least as
     * up-to-date as the voter's (a later last term, or the same last term and at least as long).
     */
    boolean logPermitsVote(long candidateLastTerm, long candidateLastIndex, long lastTerm, long lastIndex);

    /** Dissertation §9.6: a pre-vote is granted on the same log comparison as a vote (§5.4.1). */
    boolean logPermitsPreVote(long candidateLastTerm, long candidateLastIndex, long lastTerm, long lastIndex);

    /**
     * Figure 2, "Rules for Servers, Followers": the election timer restarts when a follower
     * grants a vote, so a voter does not campaign against the leader it has just elected.
     */
    boolean resetsElectionTimerOnVote();

    /** §5.2: a candidate counts only votes granted in its current term. */
    boolean countsVote(long replyTerm, long currentTerm);

    /**
     * §5.2, Figure 2 "Candidates": "If AppendEntries RPC received from new leader: convert to
     * follower". Asked of a candidate or pre-candidate that hears a leader of its own term.
     */
    boolean convertsToFollowerOnAppend(Role role);

    /**
     * §5.2: election timeouts are "chosen randomly from a fixed interval", here [min, max) of
     * the config, drawn afresh at every reset so that split votes resolve.
     */
    long electionTimeoutMicros(RaftConfig config, RandomStream random);

    // ---- log replication (§5.3, §5.4) ----------------------------------------------------

    /**
     * Figure 2, AppendEntries step 2 (§5.3, the consistency check): the follower's entry at
     * prevLogIndex must have term prevLogTerm.
     */
    boolean logMatches(long termAtPrevLogIndex, long prevLogTerm);

    /**
     * Figure 2, AppendEntries step 3: only a conflicting entry (same index, different term) is
     * deleted with all that follow; an entry the follower already has is kept, so a stale or
     * duplicated request never removes what a later one appended.
     */
    boolean keepsExistingEntry(long existingTerm, long entryTerm);

    /**
     * Whether a rejection answers a request of this leadership: in PROBE only the outstanding
     * probe at nextIndex - 1, in REPLICATE the window beyond matchIndex and below nextIndex
     * (etcd's {@code Progress.MaybeDecrTo}). A follower answers a stale-term request with its own
     * term (§5.1), which may be ours again, so the term alone does not make a rejection current.
     */
    boolean rejectsWhatWasSent(Progress progress, long prevLogIndex);

    /**
     * §5.4.2 (Figure 8): the leader commits an entry by counting replicas only if it is of its
     * current term; earlier entries commit with it.
     */
    boolean commitsByCounting(RaftLog log, long index, long currentTerm);

    /**
     * §5.4 (Leader Completeness, seen from one follower): a committed entry is never truncated,
     * and the node asserts it. Rules that let a follower take entries it must refuse break this
     * promise on purpose; they return false so that the cluster's checks, not this assertion,
     * report the loss.
     */
    boolean guaranteesCommittedEntriesStay();

    // ---- membership changes (dissertation chapter 4) -----------------------------------------

    /**
     * Ongaro's 2015 fix to single-server changes (raft-dev mailing list, July 2015, on
     * single-server membership changes): a leader may start a membership change only once it has committed an entry of
     * its current term, so that no change of a deposed leader's term can still be in flight
     * with disjoint quorums against the new one.
     */
    boolean mayChangeMembership(boolean committedInCurrentTerm);

    /**
     * §4.3: while the configuration is joint (C_old,new), an entry commits only once a majority
     * of the outgoing voters stores it too, not only a majority of the incoming ones.
     */
    boolean commitNeedsOutgoingMajority();

    /**
     * §4.2.1: a candidate counts the votes of the voters of its configuration only; a
     * learner's granted vote, like a spare server's, counts for nothing.
     */
    boolean countsVoteOf(boolean voter, boolean learner);

    // ---- the host: storage, reads, sessions ----------------------------------------------

    /**
     * Figure 2, "Persistent state on all servers": the record stable storage keeps, currentTerm
     * and votedFor both.
     */
    HardState durableHardState(long currentTerm, int votedFor);

    /**
     * Figure 2: persistent state is "updated on stable storage before responding to RPCs": a
     * step's writes are synced before its messages go out.
     */
    boolean syncsBeforeSending();

    /**
     * Dissertation §6.4: a leader answers a read only after confirming that it still leads and
     * has committed an entry of its term; it never answers from its local state alone.
     */
    boolean servesReadsLocally();

    /**
     * Dissertation §6.3: client sessions answer a retried request from the result recorded the
     * first time, so a command that reached the log twice is applied once.
     */
    boolean answersRetriesFromSessions();

    // ---- log compaction (§7, dissertation ch. 5) -----------------------------------------

    /**
     * §7: "each server takes snapshots independently, covering just the committed entries in its
     * log": the last index a snapshot taken now covers, given the state machine's lastApplied
     * (every applied entry is committed) and the log's last index. lastApplied, in the paper.
     */
    long snapshotThrough(long lastApplied, long lastIndex);

    /**
     * Figure 13, receiver step 6: "If existing log entry has same index and term as snapshot's
     * last included entry, retain log entries following it and reply"; only otherwise (step 7)
     * is the whole log discarded. Asked with whether the log holds the snapshot's last entry.
     */
    boolean retainsEntriesAfterSnapshot(boolean logHoldsLastIncludedEntry);
    // ---- reads without the log (dissertation §6.4) ---------------------------------------

    /**
     * §6.4 step 3: before answering a read at its read index, the leader "sends a new round of
     * heartbeats and waits for their acknowledgments from a majority of the cluster", so that a
     * deposed leader cannot answer from a stale state.
     */
    boolean confirmsLeadershipBeforeRead();

    /**
     * §6.4.1: how long after the start of a heartbeat round acknowledged by a majority the leader
     * may answer reads without another round, on its own clock: the minimum election timeout,
     * within which no acknowledging follower votes or campaigns, divided by (1 + the clock drift
     * bound), so that a leader whose clock runs slow gives its lease up in time.
     */
    long leaseDurationMicros(RaftConfig config);
}
