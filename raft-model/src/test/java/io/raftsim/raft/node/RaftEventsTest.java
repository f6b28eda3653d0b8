package io.raftsim.raft.node;

import io.raftsim.harness.event.RaftEvent;

import io.raftsim.harness.spi.Role;

import io.raftsim.harness.spi.ReplicationState;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a node reports for traces and the HTML timeline ({@link RaftEvent}). A trace reader
 * rebuilds every server's role, term, log and the leader's view of each follower from these
 * events alone, so each input must report exactly what changed.
 */
@DisplayName("RaftEvent: what a node reports for traces")
class RaftEventsTest {
    private static List<RaftEvent> events(NodeHarness h) {
        List<RaftEvent> events = List.copyOf(h.effects.events());
        h.drain();
        return events;
    }

    @Test
    @DisplayName("A candidacy reports the role and the new term; winning it reports leadership, the no-op and each follower's progress")
    void electionIsReported() {
        NodeHarness h = NodeHarness.follower(0, 3);
        h.drain();
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        assertEquals(List.of(new RaftEvent.RoleChanged(0, Role.FOLLOWER, Role.CANDIDATE, 1)), events(h));
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        assertEquals(List.of(
                new RaftEvent.RoleChanged(0, Role.CANDIDATE, Role.LEADER, 1),
                new RaftEvent.LogAppended(0, 1, 1, List.of(1L)),
                new RaftEvent.ProgressChanged(0, 1, 1, 0, ReplicationState.PROBE),
                new RaftEvent.ProgressChanged(0, 2, 1, 0, ReplicationState.PROBE)), events(h));
        h.node.receive(202_000, 1, AppendEntriesReply.accepted(1, 1));
        assertEquals(List.of(
                new RaftEvent.ProgressChanged(0, 1, 2, 1, ReplicationState.REPLICATE),
                new RaftEvent.CommitAdvanced(0, 0, 1)), events(h));
    }

    @Test
    @DisplayName("A candidate that times out again reports its next candidacy, though its role stays the same")
    void repeatedCandidacyIsReported() {
        NodeHarness h = NodeHarness.follower(0, 5);
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.drain();
        h.node.timerFired(400_000, RaftTimers.ELECTION);
        assertEquals(List.of(new RaftEvent.RoleChanged(0, Role.CANDIDATE, Role.CANDIDATE, 2)), events(h));
    }

    @Test
    @DisplayName("A follower that moves to a later term reports it, so a trace knows every term")
    void followerTermChangeIsReported() {
        NodeHarness h = NodeHarness.follower(0, 3);
        h.drain();
        h.node.receive(10_000, 1, new RequestVote(3, 1, 0, 0, false));
        assertEquals(List.of(
                new RaftEvent.RoleChanged(0, Role.FOLLOWER, Role.FOLLOWER, 3),
                new RaftEvent.VoteGranted(0, 1, 3, false)), events(h));
        h.node.receive(11_000, 1, new AppendEntries(3, 1, 0, 0, List.of(), 0));
        assertEquals(List.of(), events(h), "same term, same role: nothing to report");
    }

    @Test
    @DisplayName("A granted pre-vote is reported as one, with the term asked about")
    void preVoteGrantAndRefusalAreReported() {
        NodeHarness h = NodeHarness.follower(0, 3);
        h.drain();
        h.node.receive(10_000, 1, new RequestVote(1, 1, 0, 0, true));
        assertEquals(List.of(new RaftEvent.VoteGranted(0, 1, 1, true)), events(h));
        h.node.receive(10_000, 2, new RequestVote(0, 2, 0, 0, true));
        assertEquals(List.of(new RaftEvent.VoteRefused(0, 2, 0, true, RaftEvent.VoteRefused.Reason.STALE_TERM)), events(h),
                "a refused pre-vote is reported with its reason, for the timeline");
    }

    @Test
    @DisplayName("A follower reports the entries it appended, with their terms, and the truncation before them")
    void followerLogChangesAreReported() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(2, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 2, 2));
        h.drain();
        h.node.receive(10_000, 1, new AppendEntries(3, 1, 1, 1, List.of(
                new LogEntry(1, 2, Command.Noop.INSTANCE), new LogEntry(3, 3, Command.Noop.INSTANCE),
                new LogEntry(3, 4, Command.Noop.INSTANCE)), 4));
        assertEquals(List.of(
                new RaftEvent.RoleChanged(0, Role.FOLLOWER, Role.FOLLOWER, 3),
                new RaftEvent.LogTruncated(0, 2, 3),
                new RaftEvent.LogAppended(0, 2, 4, List.of(1L, 3L, 3L)),
                new RaftEvent.CommitAdvanced(0, 0, 4)), events(h));
        h.node.receive(11_000, 1, new AppendEntries(3, 1, 3, 3, List.of(new LogEntry(3, 4, Command.Noop.INSTANCE)), 4));
        assertEquals(List.of(), events(h), "an entry it already had is neither appended nor reported");
    }

    @Test
    @DisplayName("A follower that had none of the entries reports them from the first new index")
    void appendOntoTheEndIsReportedFromTheFirstNewIndex() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(1, HardState.NO_VOTE), NodeHarness.logOfTerms(1));
        h.drain();
        h.node.receive(10_000, 1, new AppendEntries(1, 1, 1, 1, NodeHarness.logOfTerms(1, 1, 1).subList(1, 3), 0));
        assertEquals(List.of(new RaftEvent.LogAppended(0, 2, 3, List.of(1L, 1L))), events(h));
    }

    @Test
    @DisplayName("A leader reports each proposal it appends, and a follower's progress when a rejection sends it back")
    void leaderLogAndProgressChangesAreReported() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3), new HardState(1, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 1));
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 1, new RequestVoteReply(2, true, false));
        h.drain();
        h.node.propose(210_000, Command.Noop.INSTANCE);
        assertEquals(List.of(new RaftEvent.LogAppended(0, 4, 4, List.of(2L))), events(h));
        h.node.receive(211_000, 1, AppendEntriesReply.rejected(2, 2, 0, 2, 1));
        assertEquals(List.of(new RaftEvent.ProgressChanged(0, 1, 2, 0, ReplicationState.PROBE)), events(h));
    }

    @Test
    @DisplayName("Stepping down reports the role change with the term")
    void steppingDownIsReported() {
        NodeHarness h = NodeHarness.follower(0, 3);
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        h.drain();
        h.node.receive(202_000, 2, AppendEntriesReply.rejected(4, 0, 0, 1, 0));
        assertEquals(List.of(new RaftEvent.RoleChanged(0, Role.LEADER, Role.FOLLOWER, 4)), events(h));
    }

    @Test
    @DisplayName("A pre-candidacy is reported, and the candidacy that follows it")
    void preCandidacyIsReported() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(3).withPreVote(true), HardState.INITIAL, List.of());
        h.drain();
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        assertEquals(List.of(new RaftEvent.RoleChanged(0, Role.FOLLOWER, Role.PRE_CANDIDATE, 0)), events(h));
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, true));
        assertEquals(List.of(new RaftEvent.RoleChanged(0, Role.PRE_CANDIDATE, Role.CANDIDATE, 1)), events(h));
    }

    @Test
    @DisplayName("A pre-candidate that times out again reports its next pre-candidacy")
    void repeatedPreCandidacyIsReported() {
        NodeHarness h = new NodeHarness(0, RaftConfig.defaults(5).withPreVote(true), HardState.INITIAL, List.of());
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.drain();
        h.node.timerFired(400_000, RaftTimers.ELECTION);
        assertEquals(List.of(new RaftEvent.RoleChanged(0, Role.PRE_CANDIDATE, Role.PRE_CANDIDATE, 0)), events(h));
    }

    @Test
    @DisplayName("An idle heartbeat and a commit index that does not move report nothing")
    void nothingChangedNothingReported() {
        NodeHarness h = NodeHarness.follower(0, 3);
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        h.node.receive(202_000, 1, AppendEntriesReply.accepted(1, 1));
        h.node.receive(202_000, 2, AppendEntriesReply.accepted(1, 1));
        h.drain();
        h.node.timerFired(250_000, RaftTimers.HEARTBEAT);
        h.node.timerFired(300_000, RaftTimers.HEARTBEAT);
        assertEquals(List.of(), events(h));

        NodeHarness follower = new NodeHarness(1, RaftConfig.defaults(3), new HardState(1, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 1));
        follower.node.receive(10_000, 0, new AppendEntries(1, 0, 1, 1, List.of(), 1));
        assertEquals(1, follower.node.commitIndex());
        follower.drain();
        follower.node.receive(11_000, 0, new AppendEntries(1, 0, 1, 1, List.of(), 2));
        assertEquals(1, follower.node.commitIndex(), "entry 2 is not known to match the leader's");
        assertEquals(List.of(), events(follower));
    }

    @Test
    @DisplayName("A node whose host records no events builds none")
    void noEventsWhenNotRecording() {
        Effects effects = new Effects(false);
        RaftNode node = new RaftNode(0, RaftConfig.defaults(1), HardState.INITIAL, List.of(),
                new io.raftsim.sim.random.RandomStream(1), io.raftsim.raft.log.LogListener.NONE, effects);
        node.start(0);
        node.timerFired(200_000, RaftTimers.ELECTION);
        node.propose(210_000, Command.Noop.INSTANCE);
        assertEquals(Role.LEADER, node.role());
        assertTrue(effects.events().isEmpty());
    }
}
