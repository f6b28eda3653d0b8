package io.raftsim.raft.node;

import io.raftsim.harness.spi.Role;

import io.raftsim.harness.spi.ReplicationState;

import io.raftsim.harness.RaftConfig;
import io.raftsim.raft.message.AppendEntries;
import io.raftsim.raft.message.AppendEntriesReply;
import io.raftsim.raft.message.RequestVoteReply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A leader matches every AppendEntries reply to what it sent in its current term (etcd's
 * progress tracker does the same): a reply to a request of an earlier leadership can carry
 * the current term, because the follower answers a stale-term request with its own term
 * (§5.1), and must then change nothing.
 */
@DisplayName("Replies to requests of an earlier leadership")
class StaleReplyRulesTest {
    /**
     * The staged sequence of issue 11: n1 led term 1 with a longer log and sent an append at
     * prevLogIndex 9; it lost those entries to another leader and is re-elected in term 3 with
     * 3 entries. n2, now in term 3, rejects the delayed term-1 request with term 3. Trusting
     * the rejected index set nextIndex to 9, past the end of a 4-entry log, and the next send
     * read log[8]: an IndexOutOfBoundsException on about 1 seed in 300 of a lossy network.
     */
    @Test
    void aRejectionOfAnEarlierLeadershipsAppendIsIgnored() {
        for (boolean fastBacktrack : new boolean[] {false, true}) {
            NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3).withFastBacktrack(fastBacktrack),
                    new HardState(2, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 1, 2));
            becomeLeader(h);
            assertEquals(4, h.node.log().lastIndex(), "three entries and the term-3 no-op");
            h.node.receive(h.nowMicros += 1_000, 1, AppendEntriesReply.accepted(3, 4));
            Progress before = h.node.progress(1);
            assertEquals(ReplicationState.REPLICATE, before.state());
            h.drain();

            // The delayed term-1 request is rejected by n2 with its own (current) term.
            h.node.receive(h.nowMicros += 1_000, 1, AppendEntriesReply.rejected(3, 9, 0, 0, 4));

            Progress after = h.node.progress(1);
            assertEquals(ReplicationState.REPLICATE, after.state(), "fastBacktrack=" + fastBacktrack);
            assertEquals(4, after.matchIndex());
            assertEquals(5, after.nextIndex());
            assertTrue(h.sentOfType(h.drain(), AppendEntries.class).isEmpty(), "nothing to resend for a reply we never asked for");
        }
    }

    @Test
    void aProbingLeaderIgnoresARejectionOfAnotherPrevLogIndex() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(2, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 1, 2));
        becomeLeader(h);
        Progress probe = h.node.progress(1);
        assertEquals(ReplicationState.PROBE, probe.state());
        assertEquals(4, probe.nextIndex(), "probing from the end of the log as it was at election");
        h.drain();
        h.node.receive(h.nowMicros += 1_000, 1, AppendEntriesReply.rejected(3, 9, 0, 0, 4));
        assertEquals(4, h.node.progress(1).nextIndex());
        assertTrue(h.sentOfType(h.drain(), AppendEntries.class).isEmpty());
    }

    @Test
    void aCurrentRejectionStillStepsBackOneEntry() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(2, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 1, 2));
        becomeLeader(h);
        h.drain();
        // The election's probe went out at prevLogIndex 3; n2 has only entries 1..2.
        h.node.receive(h.nowMicros += 1_000, 1, AppendEntriesReply.rejected(3, 3, 0, 3, 2));
        assertEquals(3, h.node.progress(1).nextIndex(), "§5.3: decrement nextIndex and retry");
        AppendEntries retry = h.sentOfType(h.drain(), AppendEntries.class).get(0);
        assertEquals(2, h.node.progress(1).nextIndex() - 1);
        assertEquals(2, retry.prevLogIndex());
    }

    private static void becomeLeader(NodeHarness h) {
        h.node.timerFired(h.nowMicros += 300_000, RaftTimers.ELECTION);
        h.node.receive(h.nowMicros += 1_000, 1, new RequestVoteReply(3, true, false));
        assertEquals(Role.LEADER, h.node.role());
        assertEquals(3, h.node.currentTerm());
    }
}
