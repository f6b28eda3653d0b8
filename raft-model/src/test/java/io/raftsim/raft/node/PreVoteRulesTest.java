package io.raftsim.raft.node;

import io.raftsim.harness.spi.Role;

import io.raftsim.harness.RaftConfig;
import io.raftsim.raft.message.RequestVote;
import io.raftsim.raft.message.RequestVoteReply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dissertation §9.6 PreVote, on both sides: a pre-candidate counts grants until a majority,
 * and a receiver answers without changing its term, its vote or its timer. A cluster of
 * five, so that one grant is not already a majority.
 */
@DisplayName("Dissertation §9.6 PreVote")
class PreVoteRulesTest {
    private static NodeHarness preCandidateOfFive(HardState hardState) {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(5).withPreVote(true), hardState, List.of());
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        assertEquals(Role.PRE_CANDIDATE, h.node.role());
        h.drain();
        return h;
    }

    private static NodeHarness receiver(HardState hardState, long... logTerms) {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(5).withPreVote(true), hardState, NodeHarness.logOfTerms(logTerms));
        h.drain();
        return h;
    }

    @Test
    @DisplayName("A pre-candidate becomes a candidate only when a majority would vote for it, not after one grant")
    void preCandidateWaitsForAMajorityOfGrants() {
        NodeHarness h = preCandidateOfFive(HardState.INITIAL);
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, true));
        assertEquals(Role.PRE_CANDIDATE, h.node.role(), "itself and n2 are 2 of 5");
        assertEquals(0, h.node.currentTerm());
        assertFalse(h.effects.hardStateChangedFlag());
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, true));
        assertEquals(Role.PRE_CANDIDATE, h.node.role(), "a duplicated grant counts once");
        h.node.receive(202_000, 2, new RequestVoteReply(1, true, true));
        assertEquals(Role.CANDIDATE, h.node.role());
        assertEquals(1, h.node.currentTerm());
        List<RequestVote> requests = h.sentOfType(h.drain(), RequestVote.class);
        assertEquals(4, requests.size());
        assertEquals(new RequestVote(1, 0, 0, 0, false), requests.get(0), "a real vote request of the new term");
    }

    @Test
    @DisplayName("A pre-vote granted in an earlier pre-campaign does not count for this one")
    void staleGrantDoesNotCount() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3).withPreVote(true), new HardState(1, HardState.NO_VOTE), List.of());
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.drain();
        // A grant for term 1, the pre-campaign before this node reached term 1.
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, true));
        assertEquals(Role.PRE_CANDIDATE, h.node.role());
        assertEquals(1, h.node.currentTerm());
    }

    @Test
    @DisplayName("A follower that receives a pre-vote grant it never asked for keeps its term")
    void followerIgnoresPreVoteGrant() {
        NodeHarness h = receiver(HardState.INITIAL);
        h.node.receive(10_000, 1, new RequestVoteReply(1, true, true));
        assertEquals(Role.FOLLOWER, h.node.role());
        assertEquals(0, h.node.currentTerm());
        assertFalse(h.effects.hardStateChangedFlag());
    }

    @Test
    @DisplayName("A pre-vote request is granted with the term asked about, and changes neither term, vote nor timer")
    void grantedPreVoteCarriesTheFutureTermAndChangesNothing() {
        NodeHarness h = receiver(new HardState(2, HardState.NO_VOTE), 1, 2);
        h.node.receive(10_000, 1, new RequestVote(3, 1, 2, 2, true));
        assertEquals(new RequestVoteReply(3, true, true), h.sentOfType(h.drain(), RequestVoteReply.class).get(0));
        assertEquals(2, h.node.currentTerm());
        assertEquals(HardState.NO_VOTE, h.node.votedFor());
        h.node.receive(11_000, 1, new RequestVote(3, 1, 2, 2, true));
        assertFalse(h.effects.hardStateChangedFlag());
        assertFalse(h.effects.timerChanged(RaftTimers.ELECTION), "a pre-vote is not a vote: the timer keeps running");
    }

    @Test
    @DisplayName("A refused pre-vote answers with the receiver's term, not the future term it was asked about")
    void refusedPreVoteCarriesReceiversTerm() {
        NodeHarness h = receiver(new HardState(2, HardState.NO_VOTE), 1, 2);
        h.node.receive(10_000, 1, new RequestVote(3, 1, 1, 1, true)); // the candidate's log is behind (§5.4.1)
        assertEquals(new RequestVoteReply(2, false, true), h.sentOfType(h.drain(), RequestVoteReply.class).get(0));
        assertEquals(2, h.node.currentTerm());
    }

    @Test
    @DisplayName("A pre-vote about the receiver's own term is refused: it may already have voted in it")
    void preVoteAtReceiversOwnTermIsRefused() {
        NodeHarness h = receiver(new HardState(2, HardState.NO_VOTE));
        h.node.receive(10_000, 1, new RequestVote(2, 1, 0, 0, true));
        assertEquals(new RequestVoteReply(2, false, true), h.sentOfType(h.drain(), RequestVoteReply.class).get(0));
        assertEquals(HardState.NO_VOTE, h.node.votedFor());
        assertFalse(h.effects.hardStateChangedFlag());
        assertFalse(h.effects.timerChanged(RaftTimers.ELECTION));
    }

    @Test
    @DisplayName("A pre-vote about an older term is refused as a pre-vote, with the receiver's term")
    void preVoteAtOlderTermIsRefusedAsAPreVote() {
        NodeHarness h = receiver(new HardState(4, HardState.NO_VOTE));
        h.node.receive(10_000, 1, new RequestVote(3, 1, 0, 0, true));
        assertEquals(new RequestVoteReply(4, false, true), h.sentOfType(h.drain(), RequestVoteReply.class).get(0));
    }

    @Test
    @DisplayName("A refused pre-vote from a server of a later term makes the pre-candidate adopt that term (§5.1)")
    void refusalOfLaterTermIsAdopted() {
        NodeHarness h = preCandidateOfFive(HardState.INITIAL);
        h.node.receive(201_000, 3, new RequestVoteReply(4, false, true));
        assertEquals(Role.FOLLOWER, h.node.role());
        assertEquals(4, h.node.currentTerm());
    }

    @Test
    @DisplayName("A pre-candidate's requests name the term it would start and its last log entry")
    void preVoteRequestDescribesTheNextTermAndTheLog() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(5).withPreVote(true), new HardState(2, HardState.NO_VOTE),
                NodeHarness.logOfTerms(1, 2, 2));
        h.drain();
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        List<RequestVote> requests = h.sentOfType(h.drain(), RequestVote.class);
        assertEquals(4, requests.size());
        assertEquals(new RequestVote(3, 0, 3, 2, true), requests.get(0));
        assertEquals(2, h.node.currentTerm(), "asking changes no term");
    }
}
