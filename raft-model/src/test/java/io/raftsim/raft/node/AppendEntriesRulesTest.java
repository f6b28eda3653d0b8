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

/** Rules of Figure 2 AppendEntries receiver, one test per sentence, driving a single node by hand. */
@DisplayName("Figure 2 AppendEntries receiver")
class AppendEntriesRulesTest {
    @Test
    @DisplayName("rule 1: reply false if term < currentTerm")
    void rejectsStaleTerm() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(3, HardState.NO_VOTE), List.of());
        h.drain();
        h.node.receive(10_000, 1, new AppendEntries(2, 1, 0, 0, NodeHarness.logOfTerms(2), 0));
        AppendEntriesReply reply = h.sentOfType(h.drain(), AppendEntriesReply.class).get(0);
        assertFalse(reply.success());
        assertEquals(3, reply.term());
        assertEquals(0, h.node.log().lastIndex(), "a stale leader's entries are not appended");
    }

    @Test
    @DisplayName("rule 2: reply false if log has no entry at prevLogIndex whose term matches prevLogTerm")
    void rejectsMismatchedPrevLogTerm() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(2, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 1));
        h.drain();
        h.node.receive(10_000, 1, new AppendEntries(3, 1, 2, 2, List.of(new LogEntry(3, 3, Command.Noop.INSTANCE)), 0));
        assertFalse(h.sentOfType(h.drain(), AppendEntriesReply.class).get(0).success());
        assertEquals(2, h.node.log().lastIndex());
    }

    @Test
    void rejectsPrevLogIndexBeyondLog() {
        NodeHarness h = NodeHarness.follower(0, 3);
        h.drain();
        h.node.receive(10_000, 1, new AppendEntries(1, 1, 5, 1, List.of(), 0));
        AppendEntriesReply reply = h.sentOfType(h.drain(), AppendEntriesReply.class).get(0);
        assertFalse(reply.success());
        assertEquals(1, reply.conflictIndex(), "fast-backtracking hint: the follower's log ends at 0");
    }

    @Test
    @DisplayName("rule 3: a conflicting entry and all that follow it are deleted")
    void truncatesAtFirstConflict() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(2, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 2, 2));
        h.drain();
        h.node.receive(10_000, 1, new AppendEntries(3, 1, 1, 1, List.of(new LogEntry(3, 2, Command.Noop.INSTANCE)), 0));
        assertEquals(2, h.node.log().lastIndex());
        assertEquals(3, h.node.log().term(2));
        assertEquals(2, h.effects.truncatedFromIndex(), "the truncation is persisted before the reply");
    }

    @Test
    @DisplayName("rule 3: a stale AppendEntries whose entries match never removes entries")
    void staleMatchingAppendDoesNotTruncate() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(1, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 1, 1));
        h.drain();
        // A delayed copy of an earlier request carrying only entry 2 arrives after entries 2 and 3.
        h.node.receive(10_000, 1, new AppendEntries(1, 1, 1, 1, List.of(new LogEntry(1, 2, Command.Noop.INSTANCE)), 0));
        assertEquals(3, h.node.log().lastIndex());
        assertEquals(Long.MAX_VALUE, h.effects.truncatedFromIndex());
        assertTrue(h.sentOfType(h.drain(), AppendEntriesReply.class).get(0).success());
    }

    @Test
    @DisplayName("rule 5: commitIndex = min(leaderCommit, index of last new entry)")
    void followerCommitIsBoundedByLastNewEntry() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(1, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 1, 1));
        h.node.receive(10_000, 1, new AppendEntries(1, 1, 1, 1, List.of(), 3));
        assertEquals(1, h.node.commitIndex(), "entries after prevLogIndex are not known to match the leader's");
        h.node.receive(11_000, 1, new AppendEntries(1, 1, 3, 1, List.of(), 3));
        assertEquals(3, h.node.commitIndex());
    }

    @Test
    void commitIndexNeverMovesBackwards() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(1, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 1, 1));
        h.node.receive(10_000, 1, new AppendEntries(1, 1, 3, 1, List.of(), 3));
        h.node.receive(11_000, 1, new AppendEntries(1, 1, 1, 1, List.of(), 1));
        assertEquals(3, h.node.commitIndex());
    }

    @Test
    @DisplayName("§5.1 a higher term in any RPC makes a leader step down")
    void leaderStepsDownOnHigherTermInReply() {
        NodeHarness h = NodeHarness.follower(0, 3);
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        assertEquals(Role.LEADER, h.node.role());
        h.node.receive(202_000, 2, AppendEntriesReply.rejected(7, 0, 0, 0, 0));
        assertEquals(Role.FOLLOWER, h.node.role());
        assertEquals(7, h.node.currentTerm());
    }
}
