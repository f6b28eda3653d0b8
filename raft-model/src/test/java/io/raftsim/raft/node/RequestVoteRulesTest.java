package io.raftsim.raft.node;

import io.raftsim.harness.RaftConfig;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.message.AppendEntries;
import io.raftsim.raft.message.AppendEntriesReply;
import io.raftsim.raft.message.RequestVote;
import io.raftsim.raft.message.RequestVoteReply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules of Figure 2 RequestVote receiver, one test per sentence, driving a single node by hand. */
@DisplayName("Figure 2 RequestVote receiver")
class RequestVoteRulesTest {
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
