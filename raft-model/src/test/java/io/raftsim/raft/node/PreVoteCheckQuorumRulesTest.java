package io.raftsim.raft.node;

import io.raftsim.harness.spi.Role;

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

/** Rules of Dissertation §9.6 PreVote and §6.2 CheckQuorum, one test per sentence, driving a single node by hand. */
@DisplayName("Dissertation §9.6 PreVote and §6.2 CheckQuorum")
class PreVoteCheckQuorumRulesTest {
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
