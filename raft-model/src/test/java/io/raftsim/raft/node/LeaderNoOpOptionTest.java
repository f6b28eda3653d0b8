package io.raftsim.raft.node;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.spi.Role;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.message.AppendEntriesReply;
import io.raftsim.raft.message.RequestVoteReply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The leader's no-op (§8) as an option: off, a new leader appends nothing, and §5.4.2 still
 * holds: an earlier term's entry commits only with an entry of the leader's own term.
 */
@DisplayName("§8 leader no-op, turned off")
class LeaderNoOpOptionTest {
    private static NodeHarness leaderWithoutNoOp(long term, long... terms) {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3).withLeaderNoOp(false), new HardState(term - 1, HardState.NO_VOTE),
                NodeHarness.logOfTerms(terms));
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 1, new RequestVoteReply(term, true, false));
        assertEquals(Role.LEADER, h.node.role());
        h.drain();
        return h;
    }

    @Test
    void aNewLeaderAppendsNothing() {
        NodeHarness h = leaderWithoutNoOp(3, 1, 2);
        assertEquals(2, h.node.log().lastIndex(), "no entry of term 3: indexes hold only what clients proposed");
    }

    @Test
    @DisplayName("§5.4.2: without the no-op, earlier-term entries wait for an entry of the leader's term")
    void earlierTermEntriesCommitOnlyWithAnEntryOfTheLeadersTerm() {
        NodeHarness h = leaderWithoutNoOp(4, 1, 2);
        h.node.receive(202_000, 1, AppendEntriesReply.accepted(4, 2));
        assertEquals(0, h.node.commitIndex(), "a majority holds index 2 of term 2, but counting replicas may not commit it");
        long index = h.node.propose(203_000, Command.Noop.INSTANCE);
        assertEquals(3, index, "the first entry of the term goes right after the old ones");
        h.node.receive(204_000, 1, AppendEntriesReply.accepted(4, 3));
        assertEquals(3, h.node.commitIndex(), "the entry of term 4 commits, and everything before it");
    }
}
