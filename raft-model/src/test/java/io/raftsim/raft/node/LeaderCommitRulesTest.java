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

/** Rules of §5.3 and §5.4.2 leader replication and commitment, one test per sentence, driving a single node by hand. */
@DisplayName("§5.3 and §5.4.2 leader replication and commitment")
class LeaderCommitRulesTest {
    private NodeHarness leaderOfTermWithLog(long term, long... terms) {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(term - 1, HardState.NO_VOTE), NodeHarness.logOfTerms(terms));
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 1, new RequestVoteReply(term, true, false));
        assertEquals(Role.LEADER, h.node.role());
        assertEquals(term, h.node.currentTerm());
        h.drain();
        return h;
    }

    @Test
    void newLeaderAppendsNoopOfItsTerm() {
        NodeHarness h = leaderOfTermWithLog(3, 1, 2);
        assertEquals(3, h.node.log().lastIndex());
        assertEquals(3, h.node.log().term(3));
    }

    @Test
    @DisplayName("Figure 8: an entry of an earlier term is not committed by counting replicas")
    void doesNotCommitEarlierTermEntryByCountingReplicas() {
        NodeHarness h = leaderOfTermWithLog(4, 1, 2);
        // A majority (leader + n2) holds index 2 (term 2), but not the no-op of term 4 at index 3.
        h.node.receive(202_000, 1, AppendEntriesReply.accepted(4, 2));
        assertEquals(0, h.node.commitIndex(), "index 2 is from term 2; committing it by count is the Figure 8 bug");
        h.node.receive(203_000, 1, AppendEntriesReply.accepted(4, 3));
        assertEquals(3, h.node.commitIndex(), "once the term-4 entry is on a majority, everything before it commits too");
    }

    @Test
    void commitsCurrentTermEntryOnMajority() {
        NodeHarness h = leaderOfTermWithLog(2, 1);
        long index = h.node.propose(210_000, Command.Noop.INSTANCE);
        assertEquals(3, index);
        h.node.receive(211_000, 2, AppendEntriesReply.accepted(2, 3));
        assertEquals(3, h.node.commitIndex());
    }

    @Test
    void reorderedOlderSuccessReplyDoesNotMoveMatchIndexBack() {
        NodeHarness h = leaderOfTermWithLog(2, 1);
        h.node.receive(211_000, 2, AppendEntriesReply.accepted(2, 2));
        h.node.receive(212_000, 2, AppendEntriesReply.accepted(2, 1));
        assertEquals(2, h.node.progress(2).matchIndex());
    }

    @Test
    void rejectionMovesNextIndexBackByOneWithoutFastBacktracking() {
        NodeHarness h = leaderOfTermWithLog(3, 1, 1, 2);
        long next = h.node.progress(1).nextIndex();
        h.node.receive(202_000, 1, AppendEntriesReply.rejected(3, next - 1, 1, 1, 10));
        assertEquals(next - 1, h.node.progress(1).nextIndex());
    }

    @Test
    void rejectionJumpsATermAtATimeWithFastBacktracking() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3).withFastBacktrack(true), new HardState(2, HardState.NO_VOTE),
                NodeHarness.logOfTerms(1, 1, 1, 2, 2));
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 1, new RequestVoteReply(3, true, false));
        h.drain();
        // The follower has term 5 entries from 2 on that the leader never had: jump to its first index of that term.
        h.node.receive(202_000, 1, AppendEntriesReply.rejected(3, 5, 5, 2, 6));
        assertEquals(2, h.node.progress(1).nextIndex());
    }

    @Test
    void proposalOnFollowerIsRefused() {
        NodeHarness h = NodeHarness.follower(0, 3);
        assertEquals(-1, h.node.propose(10_000, Command.Noop.INSTANCE));
        assertEquals(0, h.node.log().lastIndex());
    }
}
