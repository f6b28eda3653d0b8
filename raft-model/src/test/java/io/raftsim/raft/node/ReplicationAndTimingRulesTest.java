package io.raftsim.raft.node;

import io.raftsim.harness.spi.Role;

import io.raftsim.harness.spi.ReplicationState;

import io.raftsim.harness.RaftConfig;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.message.AppendEntries;
import io.raftsim.raft.message.AppendEntriesReply;
import io.raftsim.raft.message.RequestVote;
import io.raftsim.raft.message.RequestVoteReply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * §5.2 timing and §5.3 replication rules that the sentence-per-test classes leave out:
 * randomized timeouts across resets, a chosen first timeout, stale messages, proposals and
 * retries in a cluster of five, batching and the conflict-term hint.
 */
@DisplayName("§5.2 timing and §5.3 replication, more sentences")
class ReplicationAndTimingRulesTest {
    /** Leader n1 of term {@code term} in a cluster of five, elected by n2 and n3, with the given log before its no-op. */
    private static NodeHarness leaderOfFive(RaftConfig config, long term, long... logTerms) {
        NodeHarness h = new NodeHarness(0, config, new HardState(term - 1, HardState.NO_VOTE), NodeHarness.logOfTerms(logTerms));
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 1, new RequestVoteReply(term, true, false));
        h.node.receive(201_000, 2, new RequestVoteReply(term, true, false));
        assertEquals(Role.LEADER, h.node.role());
        h.drain();
        return h;
    }

    @Test
    @DisplayName("§5.2: each reset draws a fresh timeout, so servers that timed out together do not stay in step")
    void everyResetDrawsAFreshTimeout() {
        NodeHarness h = NodeHarness.follower(0, 5);
        TreeSet<Long> delays = new TreeSet<>();
        for (int round = 1; round <= 8; round++) {
            h.node.timerFired(round * 300_000L, RaftTimers.ELECTION);
            long delay = h.effects.timerDelayMicros(RaftTimers.ELECTION);
            assertTrue(delay >= 150_000 && delay < 300_000, "timeout " + delay + " outside [150, 300) ms");
            delays.add(delay);
            h.drain();
        }
        assertTrue(delays.size() >= 6, "8 draws from a range of 150,000 us gave only " + delays);
    }

    @Test
    @DisplayName("A scenario may choose the first election timeout, which must be positive")
    void chosenFirstTimeout() {
        Effects effects = new Effects(false);
        RaftNode node = new RaftNode(0, RaftConfig.defaults(3), HardState.INITIAL, List.of(),
                new io.raftsim.sim.random.RandomStream(1), io.raftsim.raft.log.LogListener.NONE, effects);
        node.start(0, 1);
        assertEquals(1, effects.timerDelayMicros(RaftTimers.ELECTION));
        assertThrows(IllegalArgumentException.class, () -> node.start(0, 0));
    }

    @Test
    @DisplayName("A timer the node never asks for is a programming error of the host")
    void unknownTimerIsRefused() {
        NodeHarness h = NodeHarness.follower(0, 3);
        assertThrows(IllegalArgumentException.class, () -> h.node.timerFired(10_000, RaftTimers.COUNT));
    }

    @Test
    @DisplayName("A vote granted in an earlier term does not count for this candidacy")
    void staleVoteIsNotCounted() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(1, HardState.NO_VOTE), List.of());
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.drain();
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        assertEquals(Role.CANDIDATE, h.node.role());
        assertTrue(h.drain().isEmpty(), "a stale reply is dropped without an answer");
    }

    @Test
    @DisplayName("§5.1: a stale vote request is refused with the receiver's term, as a pre-vote when it was one")
    void staleVoteRequestsAreRefusedWithTheReceiversTerm() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(4, HardState.NO_VOTE), List.of());
        h.drain();
        h.node.receive(10_000, 1, new RequestVote(3, 1, 0, 0, false));
        h.node.receive(10_000, 2, new RequestVote(3, 2, 0, 0, true));
        List<NodeHarness.Sent> sent = h.drain();
        assertEquals(List.of(new NodeHarness.Sent(1, new RequestVoteReply(4, false, false)),
                new NodeHarness.Sent(2, new RequestVoteReply(4, false, true))), sent);
    }

    @Test
    @DisplayName("§5.3: a proposal goes to every follower ready for it, never to the leader itself")
    void proposalIsSentToFollowersOnly() {
        NodeHarness h = leaderOfFive(RaftConfig.defaults(5), 1);
        for (int peer = 1; peer < 5; peer++) {
            h.node.receive(202_000, peer, AppendEntriesReply.accepted(1, 1));
        }
        h.drain();
        h.node.propose(210_000, Command.Noop.INSTANCE);
        List<NodeHarness.Sent> sent = h.drain();
        assertEquals(List.of(1, 2, 3, 4), sent.stream().map(NodeHarness.Sent::to).toList());
        for (NodeHarness.Sent s : sent) {
            assertEquals(new AppendEntries(1, 0, 1, 1, List.of(h.node.log().entry(2)), 1), s.message());
        }
    }

    @Test
    @DisplayName("§5.3: in a cluster of five an entry commits on the third copy, not the second")
    void commitNeedsThreeOfFive() {
        NodeHarness h = leaderOfFive(RaftConfig.defaults(5), 1);
        h.node.receive(202_000, 1, AppendEntriesReply.accepted(1, 1));
        assertEquals(0, h.node.commitIndex(), "leader and n2 are 2 of 5");
        h.node.receive(202_000, 4, AppendEntriesReply.accepted(1, 1));
        assertEquals(1, h.node.commitIndex());
    }

    @Test
    @DisplayName("Batching: a follower far behind is sent at most maxEntriesPerAppend entries at a time")
    void appendsAreBatched() {
        NodeHarness h = leaderOfFive(RaftConfig.defaults(5).withBatching(2, 1).withFastBacktrack(true), 2, 1, 1, 1, 1);
        long next = h.node.progress(1).nextIndex();
        h.node.receive(202_000, 1, AppendEntriesReply.rejected(2, next - 1, 0, 1, 0)); // n2's log is empty
        AppendEntries append = h.sentOfType(h.drain(), AppendEntries.class).get(0);
        assertEquals(0, append.prevLogIndex());
        assertEquals(List.of(h.node.log().entry(1), h.node.log().entry(2)), append.entries(), "2 of the 5 entries n2 lacks");
    }

    @Test
    @DisplayName("§5.3: the leader retries AppendEntries until the follower acknowledges them")
    void unacknowledgedEntriesAreSentAgain() {
        NodeHarness h = leaderOfFive(RaftConfig.defaults(5).withBatching(64, 4), 1);
        h.node.receive(202_000, 1, AppendEntriesReply.accepted(1, 1));
        h.node.propose(210_000, Command.Noop.INSTANCE);
        h.drain();
        boolean resent = false;
        for (int round = 1; round <= 3 && !resent; round++) {
            h.node.timerFired(210_000 + round * 50_000L, RaftTimers.HEARTBEAT);
            for (NodeHarness.Sent s : h.drain()) {
                resent |= s.to() == 1 && !((AppendEntries) s.message()).entries().isEmpty();
            }
        }
        assertTrue(resent, "entry 2 was never sent to n2 again within three heartbeats");
    }

    @Test
    @DisplayName("A rejection of a request the leader has already moved past changes nothing")
    void staleRejectionIsIgnored() {
        NodeHarness h = leaderOfFive(RaftConfig.defaults(5), 2, 1, 1, 1);
        long next = h.node.progress(1).nextIndex();
        h.node.receive(202_000, 1, AppendEntriesReply.rejected(2, next - 2, 0, 1, 0));
        assertEquals(next, h.node.progress(1).nextIndex());
        assertTrue(h.drain().isEmpty());
    }

    @Test
    @DisplayName("§5.3 hint: a follower whose log is too short sends the leader straight to its end")
    void shortFollowerLogJumpsToItsEnd() {
        NodeHarness h = leaderOfFive(RaftConfig.defaults(5).withFastBacktrack(true), 2, 1, 1, 1, 1, 1);
        long next = h.node.progress(1).nextIndex();
        h.node.receive(202_000, 1, AppendEntriesReply.rejected(2, next - 1, 0, 3, 2));
        assertEquals(3, h.node.progress(1).nextIndex());
    }

    @Test
    @DisplayName("§5.3 hint: when the leader has the conflicting term, it resumes after its own last entry of that term")
    void leaderWithTheConflictTermResumesAfterItsLastEntryOfIt() {
        NodeHarness h = leaderOfFive(RaftConfig.defaults(5).withFastBacktrack(true), 4, 1, 2, 2, 3, 3);
        long next = h.node.progress(1).nextIndex(); // 6: the no-op's index, first sent as a probe
        h.node.receive(202_000, 1, AppendEntriesReply.rejected(4, next - 1, 2, 2, 8));
        assertEquals(4, h.node.progress(1).nextIndex(), "the leader's last entry of term 2 is index 3");
    }

    @Test
    @DisplayName("§5.3 nextIndex: with appends in flight, the next proposal sends only the new entry")
    void pipelinedProposalsSendOnlyWhatIsNew() {
        NodeHarness h = leaderOfFive(RaftConfig.defaults(5).withBatching(64, 4), 1);
        h.node.receive(202_000, 1, AppendEntriesReply.accepted(1, 1));
        h.drain();
        h.node.propose(210_000, Command.Noop.INSTANCE);
        h.drain();
        h.node.propose(211_000, Command.Noop.INSTANCE);
        List<AppendEntries> appends = h.sentOfType(h.drain(), AppendEntries.class);
        assertEquals(1, appends.size(), "only n2 replicates");
        assertEquals(2, appends.get(0).prevLogIndex());
        assertEquals(List.of(h.node.log().entry(3)), appends.get(0).entries());
    }

    @Test
    @DisplayName("§5.3: entries proposed while a follower was being probed are sent as soon as it acknowledges")
    void acknowledgedProbeIsFollowedByTheEntriesProposedMeanwhile() {
        NodeHarness h = leaderOfFive(RaftConfig.defaults(5), 1);
        h.node.propose(210_000, Command.Noop.INSTANCE);
        h.node.propose(211_000, Command.Noop.INSTANCE);
        assertTrue(h.drain().isEmpty(), "one probe at a time");
        h.node.receive(212_000, 1, AppendEntriesReply.accepted(1, 1));
        List<AppendEntries> appends = h.sentOfType(h.drain(), AppendEntries.class);
        assertEquals(1, appends.size());
        assertEquals(1, appends.get(0).prevLogIndex());
        assertEquals(List.of(h.node.log().entry(2), h.node.log().entry(3)), appends.get(0).entries());
    }

    @Test
    @DisplayName("A rejection of an append before what the follower already matched changes nothing")
    void staleRejectionWhileReplicatingIsIgnored() {
        NodeHarness h = leaderOfFive(RaftConfig.defaults(5), 2, 1);
        h.node.receive(202_000, 1, AppendEntriesReply.accepted(2, 2));
        assertEquals(ReplicationState.REPLICATE, h.node.progress(1).state());
        h.drain();
        h.node.receive(203_000, 1, AppendEntriesReply.rejected(2, 2, 0, 1, 0));
        assertEquals(ReplicationState.REPLICATE, h.node.progress(1).state());
        assertEquals(3, h.node.progress(1).nextIndex());
        assertTrue(h.drain().isEmpty());
        assertEquals(RaftConfig.defaults(5), h.node.config());
    }

    @Test
    @DisplayName("§5.2: a candidate answers a rival candidate of its term, refusing (it voted for itself)")
    void candidateRefusesRivalOfItsTerm() {
        NodeHarness h = NodeHarness.follower(0, 5);
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.drain();
        h.node.receive(201_000, 3, new RequestVote(1, 3, 0, 0, false));
        assertEquals(List.of(new NodeHarness.Sent(3, new RequestVoteReply(1, false, false))), h.drain());
    }

    @Test
    @DisplayName("§5.2: a leader answers a candidate of its own term, refusing")
    void leaderRefusesCandidateOfItsTerm() {
        NodeHarness h = leaderOfFive(RaftConfig.defaults(5), 1);
        h.node.receive(201_000, 3, new RequestVote(1, 3, 0, 0, false));
        assertEquals(List.of(new NodeHarness.Sent(3, new RequestVoteReply(1, false, false))), h.drain());
        assertEquals(Role.LEADER, h.node.role());
    }

    @Test
    @DisplayName("§5.2: a candidate that hears the leader of its term becomes its follower and handles the append")
    void candidateHandlesTheLeadersAppend() {
        NodeHarness h = NodeHarness.follower(0, 5);
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.drain();
        h.node.receive(201_000, 2, new AppendEntries(1, 2, 0, 0, NodeHarness.logOfTerms(1), 1));
        assertEquals(Role.FOLLOWER, h.node.role());
        assertEquals(1, h.node.log().lastIndex());
        assertEquals(1, h.node.commitIndex());
        assertEquals(List.of(new NodeHarness.Sent(2, AppendEntriesReply.accepted(1, 1))), h.drain());
    }

    @Test
    @DisplayName("Batching while replicating: after an acknowledgement, at most maxEntriesPerAppend of the waiting entries go out")
    void replicateSendsAreBatched() {
        NodeHarness h = leaderOfFive(RaftConfig.defaults(5).withBatching(2, 1), 1);
        h.node.receive(202_000, 1, AppendEntriesReply.accepted(1, 1));
        for (int i = 0; i < 4; i++) {
            h.node.propose(210_000 + i, Command.Noop.INSTANCE); // entries 2..5; only entry 2 goes out, the window is full
        }
        h.drain();
        h.node.receive(211_000, 1, AppendEntriesReply.accepted(1, 2));
        AppendEntries append = h.sentOfType(h.drain(), AppendEntries.class).get(0);
        assertEquals(List.of(h.node.log().entry(3), h.node.log().entry(4)), append.entries());
    }

    @Test
    @DisplayName("Figure 2 votedFor: a candidate that steps down for the leader of its term keeps its vote for itself")
    void candidateSteppingDownKeepsItsVote() {
        NodeHarness h = NodeHarness.follower(0, 5);
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.drain();
        h.node.receive(201_000, 2, new AppendEntries(1, 2, 0, 0, List.of(), 0));
        assertEquals(Role.FOLLOWER, h.node.role());
        assertEquals(0, h.node.votedFor(), "its vote of term 1 went to itself");
        assertFalse(h.effects.hardStateChangedFlag(), "nothing persistent changed");
        h.drain();
        h.node.receive(202_000, 3, new RequestVote(1, 3, 0, 0, false));
        assertEquals(List.of(new NodeHarness.Sent(3, new RequestVoteReply(1, false, false))), h.drain(),
                "a second vote in term 1 would break Election Safety");
    }
}
