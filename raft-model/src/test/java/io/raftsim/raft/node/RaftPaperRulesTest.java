package io.raftsim.raft.node;

import io.raftsim.raft.RaftConfig;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.message.AppendEntries;
import io.raftsim.raft.message.AppendEntriesReply;
import io.raftsim.raft.message.RequestVote;
import io.raftsim.raft.message.RequestVoteReply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per rule of Figure 2 and the sections it cites, driving a single node by hand. */
class RaftPaperRulesTest {

    @Nested
    @DisplayName("§5.2 leader election")
    class Election {
        @Test
        void followerThatTimesOutBecomesCandidateIncrementsTermAndVotesForItself() {
            NodeHarness h = NodeHarness.follower(0, 3);
            h.drain();
            h.node.timerFired(200_000, RaftTimers.ELECTION);
            assertEquals(Role.CANDIDATE, h.node.role());
            assertEquals(1, h.node.currentTerm());
            assertEquals(0, h.node.votedFor());
            assertTrue(h.effects.hardStateChangedFlag(), "term and vote must be persisted before the requests go out");
            List<RequestVote> requests = h.sentOfType(h.drain(), RequestVote.class);
            assertEquals(2, requests.size());
            assertEquals(1, requests.get(0).term());
        }

        @Test
        void candidateWithMajorityOfVotesBecomesLeaderAndSendsHeartbeats() {
            NodeHarness h = NodeHarness.follower(0, 3);
            h.node.timerFired(200_000, RaftTimers.ELECTION);
            h.drain();
            h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
            assertEquals(Role.LEADER, h.node.role());
            List<AppendEntries> appends = h.sentOfType(h.drain(), AppendEntries.class);
            assertEquals(2, appends.size(), "the new leader announces itself to both followers at once");
        }

        @Test
        void candidateWithoutMajorityStaysCandidate() {
            NodeHarness h = NodeHarness.follower(0, 5);
            h.node.timerFired(200_000, RaftTimers.ELECTION);
            h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
            h.node.receive(201_000, 2, new RequestVoteReply(1, false, false));
            assertEquals(Role.CANDIDATE, h.node.role());
        }

        @Test
        void duplicateVoteFromSamePeerIsCountedOnce() {
            NodeHarness h = NodeHarness.follower(0, 5);
            h.node.timerFired(200_000, RaftTimers.ELECTION);
            h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
            h.node.receive(202_000, 1, new RequestVoteReply(1, true, false));
            assertEquals(Role.CANDIDATE, h.node.role(), "a duplicated reply must not count as a second vote");
        }

        @Test
        void electionTimeoutIsRandomizedWithinConfiguredRange() {
            NodeHarness h = NodeHarness.follower(0, 3);
            long delay = h.effects.timerDelayMicros(RaftTimers.ELECTION);
            assertTrue(delay >= 150_000 && delay < 300_000, "timeout " + delay + " outside [150, 300) ms");
        }

        @Test
        void candidateReceivingAppendEntriesFromLeaderOfSameTermStepsDown() {
            NodeHarness h = NodeHarness.follower(0, 3);
            h.node.timerFired(200_000, RaftTimers.ELECTION);
            h.node.receive(201_000, 2, new AppendEntries(1, 2, 0, 0, List.of(), 0));
            assertEquals(Role.FOLLOWER, h.node.role());
            assertEquals(2, h.node.leaderId());
        }
    }

    @Nested
    @DisplayName("Figure 2 RequestVote receiver")
    class VoteGranting {
        @Test
        void grantsVoteToFirstCandidateOfTermAndPersistsIt() {
            NodeHarness h = NodeHarness.follower(0, 3);
            h.drain();
            h.node.receive(10_000, 1, new RequestVote(1, 1, 0, 0, false));
            assertEquals(1, h.node.votedFor());
            assertTrue(h.effects.hardStateChangedFlag());
            assertTrue(h.sentOfType(h.drain(), RequestVoteReply.class).get(0).voteGranted());
        }

        @Test
        void refusesSecondCandidateInSameTerm() {
            NodeHarness h = NodeHarness.follower(0, 3);
            h.node.receive(10_000, 1, new RequestVote(1, 1, 0, 0, false));
            h.drain();
            h.node.receive(11_000, 2, new RequestVote(1, 2, 0, 0, false));
            assertFalse(h.sentOfType(h.drain(), RequestVoteReply.class).get(0).voteGranted());
            assertEquals(1, h.node.votedFor());
        }

        @Test
        void grantsAgainToSameCandidateWhenRequestIsRetransmitted() {
            NodeHarness h = NodeHarness.follower(0, 3);
            h.node.receive(10_000, 1, new RequestVote(1, 1, 0, 0, false));
            h.drain();
            h.node.receive(11_000, 1, new RequestVote(1, 1, 0, 0, false));
            assertTrue(h.sentOfType(h.drain(), RequestVoteReply.class).get(0).voteGranted());
        }

        @Test
        void refusesCandidateOfOlderTermAndAnswersWithOwnTerm() {
            NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(5, HardState.NO_VOTE), List.of());
            h.drain();
            h.node.receive(10_000, 1, new RequestVote(4, 1, 9, 4, false));
            RequestVoteReply reply = h.sentOfType(h.drain(), RequestVoteReply.class).get(0);
            assertFalse(reply.voteGranted());
            assertEquals(5, reply.term());
        }

        @Test
        @DisplayName("§5.4.1 up-to-date check: a candidate whose last term is older is refused")
        void upToDateCheckRefusesOlderLastTerm() {
            NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(3, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 3));
            h.drain();
            h.node.receive(10_000, 1, new RequestVote(4, 1, 5, 2, false));
            assertFalse(h.sentOfType(h.drain(), RequestVoteReply.class).get(0).voteGranted());
            assertEquals(4, h.node.currentTerm(), "the higher term is still adopted");
        }

        @Test
        @DisplayName("§5.4.1 up-to-date check: same last term but shorter log is refused")
        void upToDateCheckRefusesShorterLogOfSameLastTerm() {
            NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(2, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 2, 2));
            h.drain();
            h.node.receive(10_000, 1, new RequestVote(3, 1, 2, 2, false));
            assertFalse(h.sentOfType(h.drain(), RequestVoteReply.class).get(0).voteGranted());
        }

        @Test
        @DisplayName("§5.4.1 up-to-date check: a later last term wins even with a shorter log")
        void upToDateCheckGrantsLaterLastTerm() {
            NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(2, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 1, 1, 1));
            h.drain();
            h.node.receive(10_000, 1, new RequestVote(3, 1, 2, 2, false));
            assertTrue(h.sentOfType(h.drain(), RequestVoteReply.class).get(0).voteGranted());
        }

        @Test
        void grantingVoteResetsElectionTimer() {
            NodeHarness h = NodeHarness.follower(0, 3);
            h.drain();
            h.node.receive(10_000, 1, new RequestVote(1, 1, 0, 0, false));
            assertTrue(h.effects.timerChanged(RaftTimers.ELECTION));
        }
    }

    @Nested
    @DisplayName("Figure 2 AppendEntries receiver")
    class AppendEntriesRules {
        @Test
        @DisplayName("rule 1: reply false if term < currentTerm")
        void rejectsStaleTerm() {
            NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(3, HardState.NO_VOTE), List.of());
            h.drain();
            h.node.receive(10_000, 1, new AppendEntries(2, 1, 0, 0, NodeHarness.logOfTerms(2), 0));
            AppendEntriesReply reply = h.sentOfType(h.drain(), AppendEntriesReply.class).get(0);
            assertFalse(reply.success());
            assertEquals(3, reply.term());
            assertEquals(0, h.node.log().lastIndex(), "a stale leader's entries are not appended");
        }

        @Test
        @DisplayName("rule 2: reply false if log has no entry at prevLogIndex whose term matches prevLogTerm")
        void rejectsMismatchedPrevLogTerm() {
            NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(2, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 1));
            h.drain();
            h.node.receive(10_000, 1, new AppendEntries(3, 1, 2, 2, List.of(new LogEntry(3, 3, Command.Noop.INSTANCE)), 0));
            assertFalse(h.sentOfType(h.drain(), AppendEntriesReply.class).get(0).success());
            assertEquals(2, h.node.log().lastIndex());
        }

        @Test
        void rejectsPrevLogIndexBeyondLog() {
            NodeHarness h = NodeHarness.follower(0, 3);
            h.drain();
            h.node.receive(10_000, 1, new AppendEntries(1, 1, 5, 1, List.of(), 0));
            AppendEntriesReply reply = h.sentOfType(h.drain(), AppendEntriesReply.class).get(0);
            assertFalse(reply.success());
            assertEquals(1, reply.conflictIndex(), "fast-backtracking hint: the follower's log ends at 0");
        }

        @Test
        @DisplayName("rule 3: a conflicting entry and all that follow it are deleted")
        void truncatesAtFirstConflict() {
            NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(2, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 2, 2));
            h.drain();
            h.node.receive(10_000, 1, new AppendEntries(3, 1, 1, 1, List.of(new LogEntry(3, 2, Command.Noop.INSTANCE)), 0));
            assertEquals(2, h.node.log().lastIndex());
            assertEquals(3, h.node.log().term(2));
            assertEquals(2, h.effects.truncatedFromIndex(), "the truncation is persisted before the reply");
        }

        @Test
        @DisplayName("rule 3: a stale AppendEntries whose entries match never removes entries")
        void staleMatchingAppendDoesNotTruncate() {
            NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(1, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 1, 1));
            h.drain();
            // A delayed copy of an earlier request carrying only entry 2 arrives after entries 2 and 3.
            h.node.receive(10_000, 1, new AppendEntries(1, 1, 1, 1, List.of(new LogEntry(1, 2, Command.Noop.INSTANCE)), 0));
            assertEquals(3, h.node.log().lastIndex());
            assertEquals(Long.MAX_VALUE, h.effects.truncatedFromIndex());
            assertTrue(h.sentOfType(h.drain(), AppendEntriesReply.class).get(0).success());
        }

        @Test
        @DisplayName("rule 5: commitIndex = min(leaderCommit, index of last new entry)")
        void followerCommitIsBoundedByLastNewEntry() {
            NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(1, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 1, 1));
            h.node.receive(10_000, 1, new AppendEntries(1, 1, 1, 1, List.of(), 3));
            assertEquals(1, h.node.commitIndex(), "entries after prevLogIndex are not known to match the leader's");
            h.node.receive(11_000, 1, new AppendEntries(1, 1, 3, 1, List.of(), 3));
            assertEquals(3, h.node.commitIndex());
        }

        @Test
        void commitIndexNeverMovesBackwards() {
            NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(1, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 1, 1));
            h.node.receive(10_000, 1, new AppendEntries(1, 1, 3, 1, List.of(), 3));
            h.node.receive(11_000, 1, new AppendEntries(1, 1, 1, 1, List.of(), 1));
            assertEquals(3, h.node.commitIndex());
        }

        @Test
        @DisplayName("§5.1 a higher term in any RPC makes a leader step down")
        void leaderStepsDownOnHigherTermInReply() {
            NodeHarness h = NodeHarness.follower(0, 3);
            h.node.timerFired(200_000, RaftTimers.ELECTION);
            h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
            assertEquals(Role.LEADER, h.node.role());
            h.node.receive(202_000, 2, AppendEntriesReply.rejected(7, 0, 0, 0, 0));
            assertEquals(Role.FOLLOWER, h.node.role());
            assertEquals(7, h.node.currentTerm());
        }
    }

    @Nested
    @DisplayName("§5.3 and §5.4.2 leader replication and commitment")
    class LeaderCommit {
        private NodeHarness leaderOfTermWithLog(long term, long... terms) {
            NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(term - 1, HardState.NO_VOTE), NodeHarness.logOfTerms(terms));
            h.node.timerFired(200_000, RaftTimers.ELECTION);
            h.node.receive(201_000, 1, new RequestVoteReply(term, true, false));
            assertEquals(Role.LEADER, h.node.role());
            assertEquals(term, h.node.currentTerm());
            h.drain();
            return h;
        }

        @Test
        void newLeaderAppendsNoopOfItsTerm() {
            NodeHarness h = leaderOfTermWithLog(3, 1, 2);
            assertEquals(3, h.node.log().lastIndex());
            assertEquals(3, h.node.log().term(3));
        }

        @Test
        @DisplayName("Figure 8: an entry of an earlier term is not committed by counting replicas")
        void doesNotCommitEarlierTermEntryByCountingReplicas() {
            NodeHarness h = leaderOfTermWithLog(4, 1, 2);
            // A majority (leader + n2) holds index 2 (term 2), but not the no-op of term 4 at index 3.
            h.node.receive(202_000, 1, AppendEntriesReply.accepted(4, 2));
            assertEquals(0, h.node.commitIndex(), "index 2 is from term 2; committing it by count is the Figure 8 bug");
            h.node.receive(203_000, 1, AppendEntriesReply.accepted(4, 3));
            assertEquals(3, h.node.commitIndex(), "once the term-4 entry is on a majority, everything before it commits too");
        }

        @Test
        void commitsCurrentTermEntryOnMajority() {
            NodeHarness h = leaderOfTermWithLog(2, 1);
            long index = h.node.propose(210_000, Command.Noop.INSTANCE);
            assertEquals(3, index);
            h.node.receive(211_000, 2, AppendEntriesReply.accepted(2, 3));
            assertEquals(3, h.node.commitIndex());
        }

        @Test
        void reorderedOlderSuccessReplyDoesNotMoveMatchIndexBack() {
            NodeHarness h = leaderOfTermWithLog(2, 1);
            h.node.receive(211_000, 2, AppendEntriesReply.accepted(2, 2));
            h.node.receive(212_000, 2, AppendEntriesReply.accepted(2, 1));
            assertEquals(2, h.node.progress(2).matchIndex());
        }

        @Test
        void rejectionMovesNextIndexBackByOneWithoutFastBacktracking() {
            NodeHarness h = leaderOfTermWithLog(3, 1, 1, 2);
            long next = h.node.progress(1).nextIndex();
            h.node.receive(202_000, 1, AppendEntriesReply.rejected(3, next - 1, 1, 1, 10));
            assertEquals(next - 1, h.node.progress(1).nextIndex());
        }

        @Test
        void rejectionJumpsATermAtATimeWithFastBacktracking() {
            NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3).withFastBacktrack(true), new HardState(2, HardState.NO_VOTE),
                    NodeHarness.logOfTerms(1, 1, 1, 2, 2));
            h.node.timerFired(200_000, RaftTimers.ELECTION);
            h.node.receive(201_000, 1, new RequestVoteReply(3, true, false));
            h.drain();
            // The follower has term 5 entries from 2 on that the leader never had: jump to its first index of that term.
            h.node.receive(202_000, 1, AppendEntriesReply.rejected(3, 5, 5, 2, 6));
            assertEquals(2, h.node.progress(1).nextIndex());
        }

        @Test
        void proposalOnFollowerIsRefused() {
            NodeHarness h = NodeHarness.follower(0, 3);
            assertEquals(-1, h.node.propose(10_000, Command.Noop.INSTANCE));
            assertEquals(0, h.node.log().lastIndex());
        }
    }

    @Nested
    @DisplayName("Dissertation §9.6 PreVote and §6.2 CheckQuorum")
    class Extensions {
        @Test
        void preCandidateDoesNotIncrementTermUntilMajorityWouldVote() {
            NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3).withPreVote(true), HardState.INITIAL, List.of());
            h.node.timerFired(200_000, RaftTimers.ELECTION);
            assertEquals(Role.PRE_CANDIDATE, h.node.role());
            assertEquals(0, h.node.currentTerm());
            RequestVote preVote = h.sentOfType(h.drain(), RequestVote.class).get(0);
            assertTrue(preVote.preVote());
            assertEquals(1, preVote.term());
            h.node.receive(201_000, 1, new RequestVoteReply(1, true, true));
            assertEquals(Role.CANDIDATE, h.node.role());
            assertEquals(1, h.node.currentTerm());
        }

        @Test
        void preVoteRequestDoesNotChangeReceiversTerm() {
            NodeHarness h = NodeHarness.follower(0, 3);
            h.drain();
            h.node.receive(10_000, 1, new RequestVote(5, 1, 0, 0, true));
            assertEquals(0, h.node.currentTerm());
            assertEquals(HardState.NO_VOTE, h.node.votedFor());
            assertTrue(h.sentOfType(h.drain(), RequestVoteReply.class).get(0).voteGranted());
        }

        @Test
        void withCheckQuorumFollowerThatHeardFromLeaderIgnoresVoteRequests() {
            NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3).withCheckQuorum(true), new HardState(1, HardState.NO_VOTE), List.of());
            h.node.receive(10_000, 1, new AppendEntries(1, 1, 0, 0, List.of(), 0));
            h.drain();
            h.node.receive(20_000, 2, new RequestVote(2, 2, 0, 0, false));
            assertEquals(1, h.node.currentTerm(), "within the lease, a disruptive candidate's term is not adopted");
            assertTrue(h.drain().isEmpty());
        }

        @Test
        void withCheckQuorumLeaderStepsDownWithoutMajority() {
            NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3).withCheckQuorum(true), HardState.INITIAL, List.of());
            h.node.timerFired(200_000, RaftTimers.ELECTION);
            h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
            assertEquals(Role.LEADER, h.node.role());
            h.node.timerFired(400_000, RaftTimers.CHECK_QUORUM);
            assertEquals(Role.LEADER, h.node.role(), "both peers count as active at election");
            h.node.timerFired(600_000, RaftTimers.CHECK_QUORUM);
            assertEquals(Role.FOLLOWER, h.node.role(), "no follower answered for a whole round");
            assertEquals(1, h.node.currentTerm());
        }
    }
}
