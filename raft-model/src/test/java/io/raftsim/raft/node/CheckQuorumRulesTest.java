package io.raftsim.raft.node;

import io.raftsim.harness.spi.Role;

import io.raftsim.harness.RaftConfig;
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

/**
 * Dissertation §6.2 (CheckQuorum) and §4.2.3 (a server in a leader's lease ignores vote
 * requests). Times are far from zero so that the lease arithmetic cannot come out right by
 * accident: {@code now - lastHeard} and {@code now + lastHeard} differ by more than a timeout.
 */
@DisplayName("Dissertation §6.2 CheckQuorum and §4.2.3 leader lease")
class CheckQuorumRulesTest {
    private static final long ELECTION_TIMEOUT_MIN_MICROS = 150_000;
    private static final long HEARD_LEADER_AT_MICROS = 5_000_000;

    /** Leader n1 of term 1 in a cluster of five with CheckQuorum, elected by n2 and n3. */
    private static NodeHarness leaderOfFive() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(5).withCheckQuorum(true), HardState.INITIAL, List.of());
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        h.node.receive(201_000, 2, new RequestVoteReply(1, true, false));
        assertEquals(Role.LEADER, h.node.role());
        return h;
    }

    /** Follower n1 of term 1 that heard leader n2 at {@link #HEARD_LEADER_AT_MICROS}. */
    private static NodeHarness followerThatHeardLeader(RaftConfig config) {
        NodeHarness h = new NodeHarness(0, config, new HardState(1, HardState.NO_VOTE), List.of());
        h.node.receive(HEARD_LEADER_AT_MICROS, 1, new AppendEntries(1, 1, 0, 0, List.of(), 0));
        h.drain();
        return h;
    }

    @Test
    @DisplayName("A new leader arms the CheckQuorum timer for one minimum election timeout")
    void newLeaderArmsCheckQuorumTimer() {
        NodeHarness h = leaderOfFive();
        assertEquals(ELECTION_TIMEOUT_MIN_MICROS, h.effects.timerDelayMicros(RaftTimers.CHECK_QUORUM));
    }

    @Test
    @DisplayName("A leader that heard from exactly a majority (itself included) keeps leading and checks again later")
    void leaderHearingExactlyAMajorityStaysAndReArms() {
        NodeHarness h = leaderOfFive();
        h.node.timerFired(350_000, RaftTimers.CHECK_QUORUM); // every peer counts as active at election
        h.drain();
        h.node.receive(360_000, 1, AppendEntriesReply.accepted(1, 1));
        h.node.receive(360_000, 2, AppendEntriesReply.rejected(1, 0, 0, 1, 0));
        h.drain();
        h.node.timerFired(500_000, RaftTimers.CHECK_QUORUM);
        assertEquals(Role.LEADER, h.node.role(), "n1, n2 and n3 are 3 of 5");
        assertEquals(ELECTION_TIMEOUT_MIN_MICROS, h.effects.timerDelayMicros(RaftTimers.CHECK_QUORUM));
    }

    @Test
    @DisplayName("A leader that did not hear from a majority within an election timeout steps down, keeping its term")
    void leaderHearingLessThanAMajorityStepsDown() {
        NodeHarness h = leaderOfFive();
        h.node.timerFired(350_000, RaftTimers.CHECK_QUORUM);
        h.node.receive(360_000, 1, AppendEntriesReply.accepted(1, 1));
        h.drain();
        h.node.timerFired(500_000, RaftTimers.CHECK_QUORUM);
        assertEquals(Role.FOLLOWER, h.node.role(), "n1 and n2 are 2 of 5");
        assertEquals(1, h.node.currentTerm());
        assertEquals(-1, h.node.leaderId());
        assertTrue(h.effects.timerCancelled(RaftTimers.HEARTBEAT));
        assertTrue(h.effects.timerCancelled(RaftTimers.CHECK_QUORUM));
    }

    @Test
    @DisplayName("A vote reply, even a late one, shows the peer is alive")
    void voteReplyCountsAsActivity() {
        NodeHarness h = leaderOfFive();
        h.node.timerFired(350_000, RaftTimers.CHECK_QUORUM);
        h.node.receive(360_000, 3, new RequestVoteReply(1, false, false));
        h.node.receive(360_000, 4, new RequestVoteReply(1, true, false));
        h.node.timerFired(500_000, RaftTimers.CHECK_QUORUM);
        assertEquals(Role.LEADER, h.node.role());
    }

    @Test
    @DisplayName("A CheckQuorum timer that fires after the leader stepped down changes nothing")
    void checkQuorumTimerOnFollowerIsIgnored() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(5).withCheckQuorum(true), HardState.INITIAL, List.of());
        h.drain();
        h.node.timerFired(500_000, RaftTimers.CHECK_QUORUM);
        assertEquals(Role.FOLLOWER, h.node.role());
        assertFalse(h.effects.timerChanged(RaftTimers.CHECK_QUORUM));
        assertFalse(h.effects.timerChanged(RaftTimers.ELECTION));
    }

    @Test
    @DisplayName("§4.2.3: within a minimum election timeout of hearing its leader, a server ignores a vote request of a higher term")
    void followerInLeaseIgnoresVoteRequest() {
        NodeHarness h = followerThatHeardLeader(RaftConfig.defaults(5).withCheckQuorum(true));
        h.node.receive(HEARD_LEADER_AT_MICROS + ELECTION_TIMEOUT_MIN_MICROS - 1, 2, new RequestVote(2, 2, 0, 0, false));
        assertEquals(1, h.node.currentTerm());
        assertEquals(HardState.NO_VOTE, h.node.votedFor());
        assertTrue(h.drain().isEmpty(), "no reply at all");
    }

    @Test
    @DisplayName("§4.2.3: once a minimum election timeout has passed without the leader, the lease is over")
    void followerPastLeaseAdoptsTermAndVotes() {
        NodeHarness h = followerThatHeardLeader(RaftConfig.defaults(5).withCheckQuorum(true));
        h.node.receive(HEARD_LEADER_AT_MICROS + ELECTION_TIMEOUT_MIN_MICROS, 2, new RequestVote(2, 2, 0, 0, false));
        assertEquals(2, h.node.currentTerm());
        assertTrue(h.sentOfType(h.drain(), RequestVoteReply.class).get(0).voteGranted());
    }

    @Test
    @DisplayName("Without CheckQuorum there is no lease: a higher term is adopted at once")
    void withoutCheckQuorumHigherTermIsAdoptedAtOnce() {
        NodeHarness h = followerThatHeardLeader(RaftConfig.defaults(5));
        h.node.receive(HEARD_LEADER_AT_MICROS + 1_000, 2, new RequestVote(2, 2, 0, 0, false));
        assertEquals(2, h.node.currentTerm());
        assertTrue(h.sentOfType(h.drain(), RequestVoteReply.class).get(0).voteGranted());
    }

    @Test
    @DisplayName("A server that learned of a later term knows no leader, so it holds no lease")
    void serverThatKnowsNoLeaderHoldsNoLease() {
        NodeHarness h = followerThatHeardLeader(RaftConfig.defaults(5).withCheckQuorum(true));
        h.node.receive(HEARD_LEADER_AT_MICROS + 1_000, 3, AppendEntriesReply.rejected(2, 0, 0, 1, 0));
        assertEquals(2, h.node.currentTerm());
        assertEquals(-1, h.node.leaderId());
        h.drain();
        h.node.receive(HEARD_LEADER_AT_MICROS + 2_000, 2, new RequestVote(3, 2, 0, 0, false));
        assertEquals(3, h.node.currentTerm());
        assertTrue(h.sentOfType(h.drain(), RequestVoteReply.class).get(0).voteGranted());
    }

    @Test
    @DisplayName("A leader with CheckQuorum holds the lease itself: a vote request of a higher term does not depose it")
    void leaderIgnoresVoteRequestOfHigherTerm() {
        NodeHarness h = leaderOfFive();
        h.drain();
        h.node.receive(HEARD_LEADER_AT_MICROS, 3, new RequestVote(2, 3, 5, 1, false));
        assertEquals(Role.LEADER, h.node.role());
        assertEquals(1, h.node.currentTerm());
        assertTrue(h.drain().isEmpty());
    }
}
