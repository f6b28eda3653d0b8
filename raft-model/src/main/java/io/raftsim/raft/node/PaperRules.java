package io.raftsim.raft.node;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.spi.ReplicationState;
import io.raftsim.harness.spi.Role;
import io.raftsim.raft.log.RaftLog;
import io.raftsim.raft.message.RaftMessage;
import io.raftsim.sim.random.RandomStream;

/** {@link RaftRules} as the paper states them; see each method there for the section it cites. */
final class PaperRules implements RaftRules {
    static final PaperRules INSTANCE = new PaperRules();

    private PaperRules() {
    }

    @Override
    public long snapshotThrough(long lastApplied, long lastIndex) {
        return lastApplied;
    }

    @Override
    public boolean retainsEntriesAfterSnapshot(boolean logHoldsLastIncludedEntry) {
        return logHoldsLastIncludedEntry;
    }

    @Override
    public boolean adoptsHigherTerm(Role role, RaftMessage message) {
        return true;
    }

    @Override
    public boolean rejectsAppendOfOlderTerm(long appendTerm, long currentTerm) {
        return appendTerm < currentTerm;
    }

    @Override
    public boolean mayVoteFor(int votedFor, int candidateId) {
        return votedFor == HardState.NO_VOTE || votedFor == candidateId;
    }

    @Override
    public boolean logPermitsVote(long candidateLastTerm, long candidateLastIndex, long lastTerm, long lastIndex) {
        return atLeastAsUpToDate(candidateLastTerm, candidateLastIndex, lastTerm, lastIndex);
    }

    @Override
    public boolean logPermitsPreVote(long candidateLastTerm, long candidateLastIndex, long lastTerm, long lastIndex) {
        return atLeastAsUpToDate(candidateLastTerm, candidateLastIndex, lastTerm, lastIndex);
    }

    private static boolean atLeastAsUpToDate(long candidateLastTerm, long candidateLastIndex, long lastTerm, long lastIndex) {
        return candidateLastTerm > lastTerm || (candidateLastTerm == lastTerm && candidateLastIndex >= lastIndex);
    }

    @Override
    public boolean resetsElectionTimerOnVote() {
        return true;
    }

    @Override
    public boolean countsVote(long replyTerm, long currentTerm) {
        return replyTerm == currentTerm;
    }

    @Override
    public boolean convertsToFollowerOnAppend(Role role) {
        return true;
    }

    @Override
    public long electionTimeoutMicros(RaftConfig config, RandomStream random) {
        return random.nextLong(config.electionTimeoutMinMicros(), config.electionTimeoutMaxMicros());
    }

    @Override
    public boolean logMatches(long termAtPrevLogIndex, long prevLogTerm) {
        return termAtPrevLogIndex == prevLogTerm;
    }

    @Override
    public boolean keepsExistingEntry(long existingTerm, long entryTerm) {
        return existingTerm == entryTerm;
    }

    @Override
    public boolean rejectsWhatWasSent(Progress progress, long prevLogIndex) {
        return progress.state() == ReplicationState.PROBE
                ? prevLogIndex == progress.nextIndex() - 1
                : prevLogIndex > progress.matchIndex() && prevLogIndex < progress.nextIndex();
    }

    @Override
    public boolean commitsByCounting(RaftLog log, long index, long currentTerm) {
        return log.term(index) == currentTerm;
    }

    @Override
    public boolean guaranteesCommittedEntriesStay() {
        return true;
    }

    @Override
    public HardState durableHardState(long currentTerm, int votedFor) {
        return new HardState(currentTerm, votedFor);
    }

    @Override
    public boolean syncsBeforeSending() {
        return true;
    }

    @Override
    public boolean servesReadsLocally() {
        return false;
    }

    @Override
    public boolean answersRetriesFromSessions() {
        return true;
    }

    @Override
    public boolean confirmsLeadershipBeforeRead() {
        return true;
    }

    @Override
    public long leaseDurationMicros(RaftConfig config) {
        return config.electionTimeoutMinMicros() * 1_000_000L / (1_000_000L + config.clockDriftBoundPpm());
    }

    @Override
    public String toString() {
        return "paper rules";
    }

    @Override
    public boolean mayChangeMembership(boolean committedInCurrentTerm) {
        return committedInCurrentTerm;
    }

    @Override
    public boolean commitNeedsOutgoingMajority() {
        return true;
    }

    @Override
    public boolean countsVoteOf(boolean voter, boolean learner) {
        return voter;
    }
}
