package io.raftsim.raft.node;

import io.raftsim.harness.spi.Role;

import io.raftsim.harness.RaftConfig;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.LogEntry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster of one, which the configuration accepts: the server's own vote is a majority and
 * its own log is a majority of replicas, so it elects and commits without a message.
 */
@DisplayName("A one-server cluster")
class SingleServerRulesTest {
    private static NodeHarness alone(RaftConfig config) {
        NodeHarness h = new NodeHarness(0, config, HardState.INITIAL, List.of());
        h.drain();
        return h;
    }

    @Test
    @DisplayName("Its own vote is a majority: the first timeout makes it leader, and its no-op commits at once")
    void electsItselfAndCommitsItsNoop() {
        NodeHarness h = alone(RaftConfig.defaults(1));
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        assertEquals(Role.LEADER, h.node.role());
        assertEquals(1, h.node.currentTerm());
        assertEquals(0, h.node.votedFor());
        assertEquals(1, h.node.commitIndex());
        assertTrue(h.drain().isEmpty(), "nobody to send to");
    }

    @Test
    @DisplayName("With PreVote, its own pre-vote is a majority too")
    void preVoteAloneMovesStraightOn() {
        NodeHarness h = alone(RaftConfig.defaults(1).withPreVote(true));
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        assertEquals(Role.LEADER, h.node.role());
        assertEquals(1, h.node.currentTerm());
        assertTrue(h.drain().isEmpty());
    }

    @Test
    @DisplayName("A proposal commits as soon as the leader appends it")
    void proposalCommitsAtOnce() {
        NodeHarness h = alone(RaftConfig.defaults(1));
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        long index = h.node.propose(210_000, Command.Noop.INSTANCE);
        assertEquals(2, index);
        assertEquals(2, h.node.commitIndex());
    }

    @Test
    @DisplayName("A restarted single server with a log commits it all through the no-op of its new term")
    void restartedServerCommitsItsLog() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(1), new HardState(3, 0), List.of(
                new LogEntry(1, 1, Command.Noop.INSTANCE), new LogEntry(3, 2, Command.Noop.INSTANCE)));
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        assertEquals(4, h.node.currentTerm());
        assertEquals(3, h.node.commitIndex());
    }

    @Test
    @DisplayName("With CheckQuorum, a leader alone is its own quorum and keeps leading")
    void checkQuorumAloneKeepsLeading() {
        NodeHarness h = alone(RaftConfig.defaults(1).withCheckQuorum(true));
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.timerFired(350_000, RaftTimers.CHECK_QUORUM);
        h.node.timerFired(500_000, RaftTimers.CHECK_QUORUM);
        assertEquals(Role.LEADER, h.node.role());
        h.node.timerFired(550_000, RaftTimers.HEARTBEAT);
        assertTrue(h.drain().isEmpty());
    }
}
