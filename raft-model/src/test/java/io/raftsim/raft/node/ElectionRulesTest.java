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

/** Rules of §5.2 leader election, one test per sentence, driving a single node by hand. */
@DisplayName("§5.2 leader election")
class ElectionRulesTest {
    @Test
    void followerThatTimesOutBecomesCandidateIncrementsTermAndVotesForItself() {
        NodeHarness h = NodeHarness.follower(0, 3);
        h.drain();
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        assertEquals(Role.CANDIDATE, h.node.role());
        assertEquals(1, h.node.currentTerm());
        assertEquals(0, h.node.votedFor());
        assertTrue(h.effects.hardStateChangedFlag(), "term and vote must be persisted before the requests go out");
        List<RequestVote> requests = h.sentOfType(h.drain(), RequestVote.class);
        assertEquals(2, requests.size());
        assertEquals(1, requests.get(0).term());
    }

    @Test
    void candidateWithMajorityOfVotesBecomesLeaderAndSendsHeartbeats() {
        NodeHarness h = NodeHarness.follower(0, 3);
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.drain();
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        assertEquals(Role.LEADER, h.node.role());
        List<AppendEntries> appends = h.sentOfType(h.drain(), AppendEntries.class);
        assertEquals(2, appends.size(), "the new leader announces itself to both followers at once");
    }

    @Test
    void candidateWithoutMajorityStaysCandidate() {
        NodeHarness h = NodeHarness.follower(0, 5);
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        h.node.receive(201_000, 2, new RequestVoteReply(1, false, false));
        assertEquals(Role.CANDIDATE, h.node.role());
    }

    @Test
    void duplicateVoteFromSamePeerIsCountedOnce() {
        NodeHarness h = NodeHarness.follower(0, 5);
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        h.node.receive(202_000, 1, new RequestVoteReply(1, true, false));
        assertEquals(Role.CANDIDATE, h.node.role(), "a duplicated reply must not count as a second vote");
    }

    @Test
    void electionTimeoutIsRandomizedWithinConfiguredRange() {
        NodeHarness h = NodeHarness.follower(0, 3);
        long delay = h.effects.timerDelayMicros(RaftTimers.ELECTION);
        assertTrue(delay >= 150_000 && delay < 300_000, "timeout " + delay + " outside [150, 300) ms");
    }

    @Test
    void candidateReceivingAppendEntriesFromLeaderOfSameTermStepsDown() {
        NodeHarness h = NodeHarness.follower(0, 3);
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 2, new AppendEntries(1, 2, 0, 0, List.of(), 0));
        assertEquals(Role.FOLLOWER, h.node.role());
        assertEquals(2, h.node.leaderId());
    }
}
