package io.raftsim.raft.node;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.ReadMode;
import io.raftsim.harness.spi.Role;
import io.raftsim.raft.bugs.Bug;
import io.raftsim.raft.bugs.PlantedRules;
import io.raftsim.raft.message.AppendEntries;
import io.raftsim.raft.message.AppendEntriesReply;
import io.raftsim.raft.message.ConfirmLeadership;
import io.raftsim.raft.message.ConfirmLeadershipReply;
import io.raftsim.raft.message.RequestVote;
import io.raftsim.raft.message.RequestVoteReply;
import io.raftsim.sim.random.RandomStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dissertation §6.4 (ReadIndex) and §6.4.1 (lease reads), one sentence per test. A leader of
 * three (n1) elected by n2; times far from zero so that lease arithmetic cannot come out right
 * by accident.
 */
@DisplayName("Dissertation §6.4 reads without the log")
class ReadRulesTest {
    private static final long ELECTED_AT_MICROS = 5_000_000;
    private static final long DRIFT_BOUND_PPM = 500_000;
    /** 150 ms / (1 + 50%). */
    private static final long LEASE_MICROS = 100_000;

    private final Effects effects = new Effects(false);

    private RaftNode leader(ReadMode mode, Bug... bugs) {
        RaftConfig config = RaftConfig.defaults(3).withReads(mode, DRIFT_BOUND_PPM);
        RaftNode node = new RaftNode(0, config, HardState.INITIAL, List.of(), new RandomStream(1), effects,
                PlantedRules.plant(Bug.names(List.of(bugs))));
        node.start(ELECTED_AT_MICROS - 300_000);
        node.timerFired(ELECTED_AT_MICROS - 1_000, RaftTimers.ELECTION);
        node.receive(ELECTED_AT_MICROS, 1, new RequestVoteReply(1, true, false));
        assertEquals(Role.LEADER, node.role());
        effects.clear();
        return node;
    }

    /** n2 acknowledges the no-op at index 1: it commits, an entry of the leader's own term. */
    private void commitNoop(RaftNode node, long nowMicros) {
        node.receive(nowMicros, 1, AppendEntriesReply.accepted(1, 1));
        assertEquals(1, node.commitIndex());
    }

    private List<Long> ready() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < effects.readsReadyCount(); i++) {
            ids.add(effects.readReady(i));
        }
        return ids;
    }

    private List<ConfirmLeadership> rounds() {
        List<ConfirmLeadership> sent = new ArrayList<>();
        for (int i = 0; i < effects.messageCount(); i++) {
            if (effects.message(i) instanceof ConfirmLeadership confirm) {
                sent.add(confirm);
            }
        }
        return sent;
    }

    @Test
    @DisplayName("ReadIndex: a read is answered only after a majority acknowledges a round of heartbeats begun after it")
    void readIndexWaitsForARoundAcknowledgedByAMajority() {
        RaftNode node = leader(ReadMode.READ_INDEX);
        commitNoop(node, ELECTED_AT_MICROS + 1_000);
        effects.clear();
        assertTrue(node.read(ELECTED_AT_MICROS + 2_000, 7));
        assertEquals(List.of(), ready());
        List<ConfirmLeadership> round = rounds();
        assertEquals(2, round.size(), "one ConfirmLeadership to each peer");
        effects.clear();
        node.receive(ELECTED_AT_MICROS + 3_000, 2, new ConfirmLeadershipReply(1, round.get(0).round()));
        assertEquals(List.of(7L), ready(), "n3 and n1 are a majority of three");
    }

    @Test
    @DisplayName("ReadIndex: a read that arrives before the leader has committed an entry of its term waits for that commit (§6.4 step 1)")
    void readIndexWaitsForTheNoop() {
        RaftNode node = leader(ReadMode.READ_INDEX);
        assertTrue(node.read(ELECTED_AT_MICROS + 1_000, 7));
        assertEquals(List.of(), rounds(), "no read index yet, so no round");
        effects.clear();
        commitNoop(node, ELECTED_AT_MICROS + 2_000);
        List<ConfirmLeadership> round = rounds();
        assertEquals(2, round.size());
        assertEquals(List.of(), ready());
        effects.clear();
        node.receive(ELECTED_AT_MICROS + 3_000, 1, new ConfirmLeadershipReply(1, round.get(0).round()));
        assertEquals(List.of(7L), ready());
    }

    @Test
    @DisplayName("ReadIndex: an acknowledgement of a round begun before a read does not confirm that read")
    void earlierRoundDoesNotConfirmLaterRead() {
        RaftNode node = leader(ReadMode.READ_INDEX);
        commitNoop(node, ELECTED_AT_MICROS + 1_000);
        node.read(ELECTED_AT_MICROS + 2_000, 7);
        long first = rounds().get(0).round();
        effects.clear();
        node.read(ELECTED_AT_MICROS + 2_500, 8);
        assertEquals(List.of(), rounds(), "one round in flight at a time: the second read waits for the next");
        node.receive(ELECTED_AT_MICROS + 3_000, 1, new ConfirmLeadershipReply(1, first));
        assertEquals(List.of(7L), ready());
        List<ConfirmLeadership> second = rounds();
        assertEquals(2, second.size(), "the confirmation starts the round the second read waits for");
        effects.clear();
        node.receive(ELECTED_AT_MICROS + 3_100, 2, new ConfirmLeadershipReply(1, first));
        assertEquals(List.of(), ready(), "a duplicate of the old round confirms nothing new");
        node.receive(ELECTED_AT_MICROS + 4_000, 2, new ConfirmLeadershipReply(1, second.get(0).round()));
        assertEquals(List.of(8L), ready());
    }

    @Test
    @DisplayName("ReadIndex: a follower's higher term in its acknowledgement deposes the leader, and its reads are never answered")
    void higherTermDeposesAndDropsReads() {
        RaftNode node = leader(ReadMode.READ_INDEX);
        commitNoop(node, ELECTED_AT_MICROS + 1_000);
        node.read(ELECTED_AT_MICROS + 2_000, 7);
        effects.clear();
        node.receive(ELECTED_AT_MICROS + 3_000, 1, new ConfirmLeadershipReply(2, 1));
        assertEquals(Role.FOLLOWER, node.role());
        assertEquals(List.of(), ready());
        assertFalse(node.read(ELECTED_AT_MICROS + 4_000, 8), "a follower sends readers away");
    }

    @Test
    @DisplayName("Lease: after a round a majority acknowledged, started at t, reads need no round until t + electionTimeoutMin / (1 + drift bound)")
    void leaseLastsElectionTimeoutOverDriftBound() {
        RaftNode node = leader(ReadMode.LEASE);
        commitNoop(node, ELECTED_AT_MICROS + 1_000);
        long roundStart = ELECTED_AT_MICROS + 2_000;
        node.read(roundStart, 7);
        long round = rounds().get(0).round();
        effects.clear();
        node.receive(roundStart + 5_000, 1, new ConfirmLeadershipReply(1, round));
        assertEquals(List.of(7L), ready());
        effects.clear();
        node.read(roundStart + LEASE_MICROS - 1, 8);
        assertEquals(List.of(8L), ready(), "inside the lease: answered at once");
        assertEquals(List.of(), rounds());
        effects.clear();
        node.read(roundStart + LEASE_MICROS, 9);
        assertEquals(List.of(), ready(), "the lease is over: the read waits for a round");
        assertEquals(2, rounds().size());
    }

    @Test
    @DisplayName("Lease: a read inside the lease queued behind one waiting for a round does not hide that the round is wanted")
    void leaseReadBehindAWaitingReadStillStartsItsRound() {
        RaftNode node = leader(ReadMode.LEASE);
        commitNoop(node, ELECTED_AT_MICROS + 1_000);
        effects.clear();
        node.read(ELECTED_AT_MICROS + 2_000, 7); // no lease yet: round 1 goes out
        long first = rounds().get(0).round();
        effects.clear();
        node.read(ELECTED_AT_MICROS + 2_100, 8); // waits for round 2, not started while round 1 is in flight
        assertEquals(List.of(), rounds());
        node.receive(ELECTED_AT_MICROS + 2_200, 1, new ConfirmLeadershipReply(1, first));
        assertEquals(List.of(7L), ready(), "round 1 confirmed: read 7, and the lease from its start");
        assertEquals(2, rounds().size(), "round 2 starts for read 8");
        effects.clear();
        node.read(ELECTED_AT_MICROS + 2_300, 9);
        assertEquals(List.of(9L), ready(), "inside the lease");
        node.receive(ELECTED_AT_MICROS + 2_400, 1, new ConfirmLeadershipReply(1, first + 1));
        assertEquals(List.of(9L, 8L), ready());
    }

    @Test
    @DisplayName("Lease: a leader whose lease ignores the drift bound keeps it for the whole minimum election timeout (planted LEASE_IGNORES_DRIFT)")
    void plantedLeaseIgnoresDrift() {
        RaftNode node = leader(ReadMode.LEASE, Bug.LEASE_IGNORES_DRIFT);
        commitNoop(node, ELECTED_AT_MICROS + 1_000);
        long roundStart = ELECTED_AT_MICROS + 2_000;
        node.read(roundStart, 7);
        node.receive(roundStart + 5_000, 1, new ConfirmLeadershipReply(1, rounds().get(0).round()));
        effects.clear();
        node.read(roundStart + LEASE_MICROS, 8);
        assertEquals(List.of(8L), ready(), "answered where the paper's lease has run out");
    }

    @Test
    @DisplayName("ReadIndex without the confirming round answers at once (planted READ_INDEX_WITHOUT_CONFIRMATION)")
    void plantedReadIndexWithoutConfirmation() {
        RaftNode node = leader(ReadMode.READ_INDEX, Bug.READ_INDEX_WITHOUT_CONFIRMATION);
        commitNoop(node, ELECTED_AT_MICROS + 1_000);
        effects.clear();
        node.read(ELECTED_AT_MICROS + 2_000, 7);
        assertEquals(List.of(7L), ready());
        assertEquals(List.of(), rounds());
    }

    @Test
    @DisplayName("Lease: a follower that acknowledged a round refuses votes for the minimum election timeout, CheckQuorum or not (§6.4.1, §4.2.3)")
    void followerInLeaseRefusesVotes() {
        RaftConfig config = RaftConfig.defaults(3).withReads(ReadMode.LEASE, DRIFT_BOUND_PPM);
        RaftNode follower = new RaftNode(1, config, new HardState(1, HardState.NO_VOTE), List.of(), new RandomStream(2), effects);
        follower.start(0);
        follower.receive(ELECTED_AT_MICROS, 0, new ConfirmLeadership(1, 0, 3));
        assertTrue(effects.message(0) instanceof ConfirmLeadershipReply reply && reply.round() == 3 && reply.term() == 1);
        effects.clear();
        follower.receive(ELECTED_AT_MICROS + 149_999, 2, new RequestVote(2, 2, 5, 1, false));
        assertEquals(1, follower.currentTerm(), "the vote request is ignored, its term not adopted");
        assertEquals(0, effects.messageCount());
        follower.receive(ELECTED_AT_MICROS + 150_000, 2, new RequestVote(2, 2, 5, 1, false));
        assertEquals(2, follower.currentTerm());
        assertTrue(effects.message(0) instanceof RequestVoteReply reply && reply.voteGranted());
    }

    @Test
    @DisplayName("Lease: a server that restarts refuses votes for the minimum election timeout, having forgotten when it last heard a leader")
    void restartedServerRefusesVotesWithLease() {
        RaftConfig config = RaftConfig.defaults(3).withReads(ReadMode.LEASE, DRIFT_BOUND_PPM);
        RaftNode restarted = new RaftNode(1, config, new HardState(1, HardState.NO_VOTE), List.of(), new RandomStream(2), effects);
        restarted.start(ELECTED_AT_MICROS);
        effects.clear();
        restarted.receive(ELECTED_AT_MICROS + 100_000, 2, new RequestVote(2, 2, 5, 1, false));
        assertEquals(1, restarted.currentTerm());
        RaftNode logMode = new RaftNode(1, RaftConfig.defaults(3), new HardState(1, HardState.NO_VOTE), List.of(), new RandomStream(2), effects);
        logMode.start(ELECTED_AT_MICROS);
        logMode.receive(ELECTED_AT_MICROS + 100_000, 2, new RequestVote(2, 2, 5, 1, false));
        assertEquals(2, logMode.currentTerm(), "reads through the log keep Figure 2's rule");
    }

    @Test
    @DisplayName("A server answers a round of an older term with its own term, so the stale leader steps down (§5.1)")
    void staleRoundAnsweredWithCurrentTerm() {
        NodeHarness h = new NodeHarness(1, RaftConfig.defaults(3).withReads(ReadMode.READ_INDEX, 0), new HardState(3, HardState.NO_VOTE), List.of());
        h.drain();
        h.node.receive(ELECTED_AT_MICROS, 0, new ConfirmLeadership(2, 0, 4));
        List<ConfirmLeadershipReply> replies = h.sentOfType(h.drain(), ConfirmLeadershipReply.class);
        assertEquals(List.of(new ConfirmLeadershipReply(3, 4)), replies);
    }

    @Test
    @DisplayName("A candidate that hears a round of the leader of its term converts to follower, as for AppendEntries (§5.2)")
    void candidateConvertsOnRound() {
        NodeHarness h = new NodeHarness(1, RaftConfig.defaults(3).withReads(ReadMode.READ_INDEX, 0), HardState.INITIAL, List.of());
        h.node.timerFired(ELECTED_AT_MICROS, RaftTimers.ELECTION);
        assertEquals(Role.CANDIDATE, h.node.role());
        h.drain();
        h.node.receive(ELECTED_AT_MICROS + 1_000, 0, new ConfirmLeadership(1, 0, 1));
        assertEquals(Role.FOLLOWER, h.node.role());
        assertEquals(0, h.node.leaderId());
        assertEquals(Set.of(new ConfirmLeadershipReply(1, 1)), Set.copyOf(h.sentOfType(h.drain(), ConfirmLeadershipReply.class)));
    }

    @Test
    @DisplayName("Reads through the log never start a round: the default changes nothing")
    void logModeSendsNoRounds() {
        NodeHarness h = new NodeHarness(1, RaftConfig.defaults(3), new HardState(1, HardState.NO_VOTE), List.of());
        h.node.receive(ELECTED_AT_MICROS, 0, new AppendEntries(1, 0, 0, 0, List.of(), 0));
        assertEquals(List.of(), h.sentOfType(h.drain(), ConfirmLeadership.class));
    }
}
