package io.raftsim.raft.node;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.spi.Role;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.message.AppendEntries;
import io.raftsim.raft.message.AppendEntriesReply;
import io.raftsim.raft.message.RequestVote;
import io.raftsim.raft.message.RequestVoteReply;
import io.raftsim.raft.message.TimeoutNow;
import io.raftsim.sim.random.RandomStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dissertation §3.10, leadership transfer, one sentence per test: leader n1 of three, elected by n2, with CheckQuorum and PreVote on. */
@DisplayName("Dissertation §3.10 leadership transfer")
class LeadershipTransferRulesTest {
    private static final long ELECTED_AT_MICROS = 5_000_000;
    private static final RaftConfig CONFIG = RaftConfig.defaults(3).withCheckQuorum(true).withPreVote(true);

    private NodeHarness leader() {
        NodeHarness h = new NodeHarness(0, CONFIG, new HardState(1, HardState.NO_VOTE), List.of());
        h.node.timerFired(ELECTED_AT_MICROS - 2_000, RaftTimers.ELECTION);
        h.node.receive(ELECTED_AT_MICROS - 1_000, 1, new RequestVoteReply(2, true, true));
        h.node.receive(ELECTED_AT_MICROS, 1, new RequestVoteReply(2, true, false));
        assertEquals(Role.LEADER, h.node.role());
        h.drain();
        return h;
    }

    @Test
    @DisplayName("The leader sends TimeoutNow only once the target's log matches its own, and stops accepting proposals meanwhile")
    void catchUpThenTimeoutNow() {
        NodeHarness h = leader();
        assertTrue(h.node.transferLeadership(ELECTED_AT_MICROS + 1_000, 2));
        List<NodeHarness.Sent> sent = h.drain();
        assertEquals(List.of(), h.sentOfType(sent, TimeoutNow.class), "n3 has not acknowledged the no-op yet");
        // The no-op's append to n3 is still in flight (one probe at a time): the acknowledgement brings TimeoutNow.
        assertEquals(-1, h.node.propose(ELECTED_AT_MICROS + 1_500, Command.Noop.INSTANCE), "no proposals during the transfer");
        assertEquals(2, h.node.transferTarget());
        h.node.receive(ELECTED_AT_MICROS + 2_000, 2, AppendEntriesReply.accepted(2, 1));
        assertEquals(List.of(new TimeoutNow(2, 0)), h.sentOfType(h.drain(), TimeoutNow.class));
    }

    @Test
    @DisplayName("A transfer that does not complete within an election timeout aborts, and the leader accepts proposals again")
    void transferAbortsAfterAnElectionTimeout() {
        NodeHarness h = leader();
        h.node.transferLeadership(ELECTED_AT_MICROS + 1_000, 2);
        h.node.timerFired(ELECTED_AT_MICROS + 1_000 + CONFIG.electionTimeoutMaxMicros() - 1, RaftTimers.HEARTBEAT);
        assertEquals(2, h.node.transferTarget(), "still within the timeout");
        h.node.timerFired(ELECTED_AT_MICROS + 1_000 + CONFIG.electionTimeoutMaxMicros(), RaftTimers.HEARTBEAT);
        assertEquals(-1, h.node.transferTarget());
        assertEquals(2, h.node.propose(ELECTED_AT_MICROS + 400_000, Command.Noop.INSTANCE), "proposals resume");
    }

    @Test
    @DisplayName("A transfer is refused by a follower, to the leader itself, and while another is under way")
    void refusedTransfers() {
        NodeHarness follower = NodeHarness.follower(1, 3);
        assertFalse(follower.node.transferLeadership(ELECTED_AT_MICROS, 2));
        NodeHarness h = leader();
        assertFalse(h.node.transferLeadership(ELECTED_AT_MICROS + 1_000, 0));
        assertTrue(h.node.transferLeadership(ELECTED_AT_MICROS + 1_000, 1));
        assertFalse(h.node.transferLeadership(ELECTED_AT_MICROS + 1_000, 2));
    }

    @Test
    @DisplayName("On TimeoutNow the target campaigns at once for the next term, with no pre-vote, marked as a transfer")
    void targetCampaignsAtOnce() {
        NodeHarness h = new NodeHarness(2, CONFIG, new HardState(2, HardState.NO_VOTE), List.of());
        h.node.receive(ELECTED_AT_MICROS, 0, new AppendEntries(2, 0, 0, 0, List.of(), 0));
        h.drain();
        h.node.receive(ELECTED_AT_MICROS + 1_000, 0, new TimeoutNow(2, 0));
        assertEquals(Role.CANDIDATE, h.node.role());
        assertEquals(3, h.node.currentTerm());
        List<RequestVote> requests = h.sentOfType(h.drain(), RequestVote.class);
        assertEquals(2, requests.size());
        assertTrue(requests.stream().allMatch(r -> r.term() == 3 && !r.preVote() && r.leadershipTransfer()));
    }

    @Test
    @DisplayName("A voter that heard the leader within the minimum election timeout refuses an ordinary vote but grants a transfer's (etcd's campaignTransfer)")
    void transferVotePassesTheLease() {
        NodeHarness h = new NodeHarness(1, CONFIG, new HardState(2, HardState.NO_VOTE), List.of());
        h.node.receive(ELECTED_AT_MICROS, 0, new AppendEntries(2, 0, 0, 0, List.of(), 0));
        h.drain();
        h.node.receive(ELECTED_AT_MICROS + 1_000, 2, new RequestVote(3, 2, 0, 0, false));
        assertEquals(2, h.node.currentTerm(), "in the leader's lease: ignored");
        h.node.receive(ELECTED_AT_MICROS + 2_000, 2, new RequestVote(3, 2, 0, 0, false, true));
        assertEquals(3, h.node.currentTerm());
        assertEquals(List.of(new RequestVoteReply(3, true, false)), h.sentOfType(h.drain(), RequestVoteReply.class));
    }
}
