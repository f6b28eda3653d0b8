package io.raftsim.raft.bugs;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.spi.Role;
import io.raftsim.raft.log.RaftLog;
import io.raftsim.raft.message.RaftMessage;
import io.raftsim.raft.node.HardState;
import io.raftsim.raft.node.Progress;
import io.raftsim.raft.node.RaftRules;
import io.raftsim.sim.random.RandomStream;

/**
 * Rules that ask the wrapped rules for every decision: a planted mistake extends it and
 * overrides the one rule it breaks, so several mistakes planted together stack, each breaking
 * only its own rule, as the flags they replace did.
 */
abstract class ForwardingRules implements RaftRules {
    private final RaftRules next;

    ForwardingRules(RaftRules next) {
        this.next = next;
    }

    @Override
    public boolean adoptsHigherTerm(Role role, RaftMessage message) {
        return next.adoptsHigherTerm(role, message);
    }

    @Override
    public boolean rejectsAppendOfOlderTerm(long appendTerm, long currentTerm) {
        return next.rejectsAppendOfOlderTerm(appendTerm, currentTerm);
    }

    @Override
    public boolean mayVoteFor(int votedFor, int candidateId) {
        return next.mayVoteFor(votedFor, candidateId);
    }

    @Override
    public boolean logPermitsVote(long candidateLastTerm, long candidateLastIndex, long lastTerm, long lastIndex) {
        return next.logPermitsVote(candidateLastTerm, candidateLastIndex, lastTerm, lastIndex);
    }

    @Override
    public boolean logPermitsPreVote(long candidateLastTerm, long candidateLastIndex, long lastTerm, long lastIndex) {
        return next.logPermitsPreVote(candidateLastTerm, candidateLastIndex, lastTerm, lastIndex);
    }

    @Override
    public boolean resetsElectionTimerOnVote() {
        return next.resetsElectionTimerOnVote();
    }

    @Override
    public boolean countsVote(long replyTerm, long currentTerm) {
        return next.countsVote(replyTerm, currentTerm);
    }

    @Override
    public boolean convertsToFollowerOnAppend(Role role) {
        return next.convertsToFollowerOnAppend(role);
    }

    @Override
    public long electionTimeoutMicros(RaftConfig config, RandomStream random) {
        return next.electionTimeoutMicros(config, random);
    }

    @Override
    public boolean logMatches(long termAtPrevLogIndex, long prevLogTerm) {
        return next.logMatches(termAtPrevLogIndex, prevLogTerm);
    }

    @Override
    public boolean keepsExistingEntry(long existingTerm, long entryTerm) {
        return next.keepsExistingEntry(existingTerm, entryTerm);
    }

    @Override
    public boolean rejectsWhatWasSent(Progress progress, long prevLogIndex) {
        return next.rejectsWhatWasSent(progress, prevLogIndex);
    }

    @Override
    public boolean commitsByCounting(RaftLog log, long index, long currentTerm) {
        return next.commitsByCounting(log, index, currentTerm);
    }

    @Override
    public boolean guaranteesCommittedEntriesStay() {
        return next.guaranteesCommittedEntriesStay();
    }

    @Override
    public HardState durableHardState(long currentTerm, int votedFor) {
        return next.durableHardState(currentTerm, votedFor);
    }

    @Override
    public boolean syncsBeforeSending() {
        return next.syncsBeforeSending();
    }

    @Override
    public boolean servesReadsLocally() {
        return next.servesReadsLocally();
    }

    @Override
    public boolean answersRetriesFromSessions() {
        return next.answersRetriesFromSessions();
    }

    @Override
    public long snapshotThrough(long lastApplied, long lastIndex) {
        return next.snapshotThrough(lastApplied, lastIndex);
    }

    @Override
    public boolean retainsEntriesAfterSnapshot(boolean logHoldsLastIncludedEntry) {
        return next.retainsEntriesAfterSnapshot(logHoldsLastIncludedEntry);
    }

    @Override
    public boolean confirmsLeadershipBeforeRead() {
        return next.confirmsLeadershipBeforeRead();
    }

    @Override
    public long leaseDurationMicros(RaftConfig config) {
        return next.leaseDurationMicros(config);
    }

    @Override
    public String toString() {
        return next + " but " + getClass().getSimpleName();
    }

    @Override
    public boolean mayChangeMembership(boolean committedInCurrentTerm) {
        return next.mayChangeMembership(committedInCurrentTerm);
    }

    @Override
    public boolean commitNeedsOutgoingMajority() {
        return next.commitNeedsOutgoingMajority();
    }

    @Override
    public boolean countsVoteOf(boolean voter, boolean learner) {
        return next.countsVoteOf(voter, learner);
    }
}
