package io.raftsim.raft.node;

import io.raftsim.harness.spi.Role;

import io.raftsim.harness.RaftConfig;
import io.raftsim.raft.bugs.Bug;
import io.raftsim.raft.log.LogListener;
import io.raftsim.raft.message.AppendEntries;
import io.raftsim.raft.message.AppendEntriesReply;
import io.raftsim.raft.message.RequestVoteReply;
import io.raftsim.sim.random.RandomStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bug catalogue shows the checks can fail only if each planted mistake really is the
 * mistake it names. These node-level mistakes are shown on one node: the rule it breaks, broken.
 */
@DisplayName("Planted mistakes break the rule they name")
class PlantedMistakesTest {
    private final Effects effects = new Effects(false);

    private RaftNode node(int clusterSize, HardState hardState, Bug bug) {
        RaftNode node = new RaftNode(0, RaftConfig.defaults(clusterSize), hardState, List.of(), new RandomStream(1),
                LogListener.NONE, effects, EnumSet.of(bug));
        node.start(0);
        return node;
    }

    @Test
    @DisplayName("LEADER_IGNORES_HIGHER_TERM_REPLY: a leader keeps leading after a reply of a later term (§5.1 says step down)")
    void leaderIgnoresHigherTermReply() {
        RaftNode node = node(3, HardState.INITIAL, Bug.LEADER_IGNORES_HIGHER_TERM_REPLY);
        node.timerFired(200_000, RaftTimers.ELECTION);
        node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        node.receive(202_000, 2, AppendEntriesReply.rejected(5, 0, 0, 1, 0));
        node.receive(202_000, 2, new RequestVoteReply(5, false, false));
        assertEquals(Role.LEADER, node.role());
        assertEquals(1, node.currentTerm());
    }

    @Test
    @DisplayName("ACCEPT_STALE_TERM_APPEND: entries of a leader of an older term are appended (Figure 2 says reply false)")
    void staleTermAppendIsAccepted() {
        RaftNode node = node(3, new HardState(2, HardState.NO_VOTE), Bug.ACCEPT_STALE_TERM_APPEND);
        node.timerFired(200_000, RaftTimers.ELECTION); // a candidate of term 3
        node.receive(201_000, 1, new AppendEntries(1, 1, 0, 0, NodeHarness.logOfTerms(1), 0));
        assertEquals(Role.FOLLOWER, node.role());
        assertEquals(1, node.leaderId());
        assertEquals(1, node.log().lastIndex());
        assertEquals(3, node.currentTerm());
    }

    @Test
    @DisplayName("COUNT_STALE_TERM_VOTES: a vote of an earlier campaign counts for this one")
    void staleVoteIsCounted() {
        RaftNode node = node(3, new HardState(1, HardState.NO_VOTE), Bug.COUNT_STALE_TERM_VOTES);
        node.timerFired(200_000, RaftTimers.ELECTION); // a candidate of term 2
        node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        assertEquals(Role.LEADER, node.role());
    }

    @Test
    @DisplayName("NO_TIMEOUT_RANDOMIZATION: every election timeout is the minimum (§5.2 says draw it at random)")
    void timeoutIsNotRandomized() {
        RaftNode node = node(5, HardState.INITIAL, Bug.NO_TIMEOUT_RANDOMIZATION);
        for (int round = 1; round <= 3; round++) {
            effects.clear();
            node.timerFired(round * 300_000L, RaftTimers.ELECTION);
            assertEquals(150_000, effects.timerDelayMicros(RaftTimers.ELECTION));
        }
    }
}
