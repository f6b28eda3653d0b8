package io.raftsim.raft.node;

import io.raftsim.harness.spi.Role;

import io.raftsim.harness.RaftConfig;
import io.raftsim.raft.message.AppendEntries;
import io.raftsim.raft.message.AppendEntriesReply;
import io.raftsim.raft.message.RequestVoteReply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §5.2 heartbeats: what an idle leader sends, to whom, and when it asks to be woken again. */
@DisplayName("§5.2 leader heartbeats")
class LeaderHeartbeatRulesTest {
    private static final long HEARTBEAT_INTERVAL_MICROS = 50_000;

    /** Leader n1 of term 1 in a cluster of three; n2 has acknowledged the no-op, n3 has not answered. */
    private static NodeHarness leaderWithOneFollowerCaughtUp() {
        NodeHarness h = NodeHarness.follower(0, 3);
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        assertEquals(Role.LEADER, h.node.role());
        h.node.receive(202_000, 1, AppendEntriesReply.accepted(1, 1));
        assertEquals(1, h.node.commitIndex(), "the no-op is on a majority");
        h.drain();
        return h;
    }

    private static AppendEntries sentTo(List<NodeHarness.Sent> sent, int peer) {
        List<AppendEntries> appends = sent.stream().filter(s -> s.to() == peer).map(s -> (AppendEntries) s.message()).toList();
        assertEquals(1, appends.size(), "one AppendEntries to n" + (peer + 1) + ": " + sent);
        return appends.get(0);
    }

    @Test
    @DisplayName("Upon election: the leader arms its heartbeat timer and stops its election timer")
    void newLeaderArmsHeartbeatAndCancelsElectionTimer() {
        NodeHarness h = NodeHarness.follower(0, 3);
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.drain();
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        assertEquals(HEARTBEAT_INTERVAL_MICROS, h.effects.timerDelayMicros(RaftTimers.HEARTBEAT));
        assertTrue(h.effects.timerCancelled(RaftTimers.ELECTION), "a leader never starts an election of its own");
        assertFalse(h.effects.timerChanged(RaftTimers.CHECK_QUORUM), "CheckQuorum is off by default");
    }

    @Test
    @DisplayName("Leaders send periodic heartbeats (AppendEntries RPCs that carry no log entries) to all followers")
    void idleLeaderSendsEmptyAppendToACaughtUpFollower() {
        NodeHarness h = leaderWithOneFollowerCaughtUp();
        h.node.timerFired(250_000, RaftTimers.HEARTBEAT);
        List<NodeHarness.Sent> sent = h.drain();
        assertEquals(2, sent.size(), "one message per follower: " + sent);
        AppendEntries heartbeat = sentTo(sent, 1);
        assertEquals(new AppendEntries(1, 0, 1, 1, List.of(), 1), heartbeat,
                "empty, anchored at n2's matchIndex, carrying the commit index");
    }

    @Test
    @DisplayName("A heartbeat to a follower that has not answered carries the entries it is still missing")
    void heartbeatToSilentFollowerRetriesFromNextIndex() {
        NodeHarness h = leaderWithOneFollowerCaughtUp();
        h.node.timerFired(250_000, RaftTimers.HEARTBEAT);
        AppendEntries retry = sentTo(h.drain(), 2);
        assertEquals(0, retry.prevLogIndex());
        assertEquals(1, retry.entries().size(), "the no-op, sent again");
        assertEquals(1, retry.leaderCommit());
    }

    @Test
    @DisplayName("Heartbeats repeat: every heartbeat re-arms the timer for one interval")
    void heartbeatReArmsItsTimer() {
        NodeHarness h = leaderWithOneFollowerCaughtUp();
        h.node.timerFired(250_000, RaftTimers.HEARTBEAT);
        assertEquals(HEARTBEAT_INTERVAL_MICROS, h.effects.timerDelayMicros(RaftTimers.HEARTBEAT));
        h.drain();
        h.node.timerFired(300_000, RaftTimers.HEARTBEAT);
        assertEquals(2, h.drain().size(), "the second round reaches both followers too");
    }

    @Test
    @DisplayName("A heartbeat timer that fires after the leader stepped down sends nothing")
    void heartbeatTimerOnFollowerSendsNothing() {
        NodeHarness h = NodeHarness.follower(0, 3);
        h.drain();
        h.node.timerFired(250_000, RaftTimers.HEARTBEAT);
        assertTrue(h.drain().isEmpty());
        assertFalse(h.effects.timerChanged(RaftTimers.HEARTBEAT));
    }

    @Test
    @DisplayName("A leader that sees a higher term steps down and stops its heartbeats")
    void leaderSteppingDownCancelsHeartbeats() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3).withCheckQuorum(true), HardState.INITIAL, List.of());
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        h.drain();
        h.node.receive(210_000, 2, AppendEntriesReply.rejected(2, 0, 0, 1, 0));
        assertEquals(Role.FOLLOWER, h.node.role());
        assertEquals(2, h.node.currentTerm());
        assertTrue(h.effects.timerCancelled(RaftTimers.HEARTBEAT));
        assertTrue(h.effects.timerCancelled(RaftTimers.CHECK_QUORUM));
    }
}
