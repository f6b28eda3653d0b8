package io.raftsim.raft.node;

import io.raftsim.harness.RaftConfig;
import io.raftsim.raft.message.RequestVote;
import io.raftsim.raft.message.RequestVoteReply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Figure 2's vote rules for a request of the receiver's own term. A request of a higher
 * term moves the receiver to that term first, which persists and re-arms on its own account;
 * only a request of the current term shows whether granting the vote does so by itself.
 */
@DisplayName("Figure 2 RequestVote receiver, within the current term")
class VoteWithinTermRulesTest {
    private static final long TERM = 3;

    private static NodeHarness followerOfTermWithoutVote() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(5), new HardState(TERM, HardState.NO_VOTE), List.of());
        h.drain();
        return h;
    }

    /** What a host persists for this input: the node's hard state if the node said it changed, else what was on disk. */
    private static HardState persistedAfter(NodeHarness h, HardState onDisk) {
        return h.effects.hardStateChangedFlag() ? h.node.hardState() : onDisk;
    }

    @Test
    @DisplayName("Persistent state (votedFor) is updated on stable storage before responding: a vote of the current term too")
    void voteGrantedInCurrentTermIsPersistedBeforeTheReply() {
        NodeHarness h = followerOfTermWithoutVote();
        HardState onDisk = new HardState(TERM, HardState.NO_VOTE);
        h.node.receive(10_000, 1, new RequestVote(TERM, 1, 0, 0, false));
        HardState persisted = persistedAfter(h, onDisk);
        assertTrue(h.sentOfType(h.drain(), RequestVoteReply.class).get(0).voteGranted());
        assertEquals(new HardState(TERM, 1), persisted, "the vote reached n2, so it must survive a crash");

        // The crash: the restarted node must not grant a second vote in the same term.
        NodeHarness restarted = new NodeHarness(0, RaftConfig.defaults(5), persisted, List.of());
        restarted.drain();
        restarted.node.receive(20_000, 2, new RequestVote(TERM, 2, 0, 0, false));
        assertFalse(restarted.sentOfType(restarted.drain(), RequestVoteReply.class).get(0).voteGranted(),
                "a second vote in term " + TERM + " after a crash breaks Election Safety");
    }

    @Test
    @DisplayName("Followers: an election timeout elapsing without granting a vote starts an election; granting one re-arms it")
    void grantingVoteInCurrentTermReArmsElectionTimer() {
        NodeHarness h = followerOfTermWithoutVote();
        h.node.receive(10_000, 1, new RequestVote(TERM, 1, 0, 0, false));
        assertTrue(h.effects.timerChanged(RaftTimers.ELECTION), "the election timer must restart when the vote is granted");
        long delay = h.effects.timerDelayMicros(RaftTimers.ELECTION);
        assertTrue(delay >= 150_000 && delay < 300_000, "a fresh randomized timeout, not " + delay);
    }

    @Test
    @DisplayName("A refused vote neither changes persistent state nor re-arms the election timer")
    void refusingVoteInCurrentTermLeavesTimerAndHardStateAlone() {
        NodeHarness h = followerOfTermWithoutVote();
        h.node.receive(10_000, 1, new RequestVote(TERM, 1, 0, 0, false));
        h.drain();
        h.node.receive(11_000, 2, new RequestVote(TERM, 2, 0, 0, false));
        assertFalse(h.sentOfType(h.drain(), RequestVoteReply.class).get(0).voteGranted());
        h.node.receive(12_000, 2, new RequestVote(TERM, 2, 0, 0, false));
        assertFalse(h.effects.timerChanged(RaftTimers.ELECTION),
                "a candidate that was refused must not keep this follower from timing out");
        assertFalse(h.effects.hardStateChangedFlag());
        assertEquals(1, h.node.votedFor());
    }

    @Test
    @DisplayName("The reply to a granted vote carries the current term")
    void grantedReplyCarriesCurrentTerm() {
        NodeHarness h = followerOfTermWithoutVote();
        h.node.receive(10_000, 1, new RequestVote(TERM, 1, 0, 0, false));
        RequestVoteReply reply = h.sentOfType(h.drain(), RequestVoteReply.class).get(0);
        assertEquals(new RequestVoteReply(TERM, true, false), reply);
    }
}
