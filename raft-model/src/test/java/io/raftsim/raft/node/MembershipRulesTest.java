package io.raftsim.raft.node;

import io.raftsim.harness.spi.MembershipChange;
import io.raftsim.harness.spi.Role;
import io.raftsim.raft.bugs.PlantedRules;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.Configuration;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.message.AppendEntries;
import io.raftsim.raft.message.AppendEntriesReply;
import io.raftsim.raft.message.RequestVote;
import io.raftsim.raft.message.RequestVoteReply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dissertation chapter 4, single-server changes and learners, one test per sentence, driving a single node by hand. */
@DisplayName("Chapter 4: membership changes and learners")
class MembershipRulesTest {
    private static final Configuration N1_TO_N3 = new Configuration(List.of(0, 1, 2), List.of());
    private static final Configuration N1_TO_N3_LEARNER_N4 = new Configuration(List.of(0, 1, 2), List.of(3));

    /** n1 elected by n2 in a five-slot cluster whose configuration is {@code initial}; effects drained. */
    private static NodeHarness leader(Configuration initial, RaftRules rules) {
        NodeHarness h = new NodeHarness(0, 5, initial, rules);
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        assertEquals(Role.LEADER, h.node.role());
        h.drain();
        return h;
    }

    private static NodeHarness leaderWithNoopCommitted(Configuration initial) {
        NodeHarness h = leader(initial, RaftRules.PAPER);
        h.node.receive(202_000, 1, AppendEntriesReply.accepted(1, 1));
        assertEquals(1, h.node.commitIndex());
        h.drain();
        return h;
    }

    @Test
    @DisplayName("a spare server starts empty, knows it is not a voter and never campaigns")
    void spareServerNeverCampaigns() {
        NodeHarness spare = new NodeHarness(3, 5, N1_TO_N3, RaftRules.PAPER);
        assertFalse(spare.node.configuration().isMember(3));
        spare.drain();
        spare.node.timerFired(400_000, RaftTimers.ELECTION);
        assertEquals(Role.FOLLOWER, spare.node.role());
        assertEquals(0, spare.node.currentTerm());
        assertTrue(spare.sentOfType(spare.drain(), RequestVote.class).isEmpty());
    }

    @Test
    @DisplayName("a learner never campaigns (§4.2.1)")
    void learnerNeverCampaigns() {
        NodeHarness learner = new NodeHarness(3, 5, N1_TO_N3_LEARNER_N4, RaftRules.PAPER);
        learner.node.timerFired(400_000, RaftTimers.ELECTION);
        assertEquals(Role.FOLLOWER, learner.node.role());
        assertTrue(learner.sentOfType(learner.drain(), RequestVote.class).isEmpty());
    }

    @Test
    @DisplayName("a configuration entry takes effect when appended, not when committed, and leaves with a truncation (§4.1)")
    void configurationTakesEffectWhenAppended() {
        NodeHarness follower = new NodeHarness(1, 5, N1_TO_N3, RaftRules.PAPER);
        Configuration grown = new Configuration(List.of(0, 1, 2), List.of(4));
        follower.node.receive(300_000, 0, new AppendEntries(1, 0, 0, 0,
                List.of(new LogEntry(1, 1, new Command.ConfigChange(grown))), 0));
        assertEquals(0, follower.node.commitIndex());
        assertEquals(grown, follower.node.configuration());
        // A leader of term 2 holds another entry at index 1: the uncommitted configuration goes with it.
        follower.node.receive(310_000, 2, new AppendEntries(2, 2, 0, 0, List.of(new LogEntry(2, 1, Command.Noop.INSTANCE)), 0));
        assertEquals(N1_TO_N3, follower.node.configuration());
    }

    @Test
    @DisplayName("2015 fix: a leader starts no change before it has committed an entry of its term")
    void noChangeBeforeCommitInTerm() {
        NodeHarness h = leader(N1_TO_N3, RaftRules.PAPER);
        assertEquals(MembershipChange.Answer.NO_COMMIT_IN_TERM,
                h.node.changeMembership(203_000, new MembershipChange(MembershipChange.Kind.ADD_LEARNER, 3)));
        assertEquals(N1_TO_N3, h.node.configuration());
        assertEquals(1, h.node.log().lastIndex(), "nothing appended but the no-op");
    }

    @Test
    @DisplayName("without the 2015 fix (planted), the same leader starts the change at once")
    void plantedSkipOfTheFixChangesAtOnce() {
        NodeHarness h = leader(N1_TO_N3, PlantedRules.plant(Set.of("SKIP_MEMBERSHIP_COMMIT_FIX")));
        assertEquals(MembershipChange.Answer.ACCEPTED,
                h.node.changeMembership(203_000, new MembershipChange(MembershipChange.Kind.ADD_LEARNER, 3)));
    }

    @Test
    @DisplayName("at most one uncommitted change at a time; a new learner is sent the log from the start (§4.1, §4.2.1)")
    void oneChangeAtATimeAndLearnerCatchesUpFromTheStart() {
        NodeHarness h = leaderWithNoopCommitted(N1_TO_N3);
        assertEquals(MembershipChange.Answer.ACCEPTED, h.node.changeMembership(203_000, new MembershipChange(MembershipChange.Kind.ADD_LEARNER, 3)));
        assertEquals(N1_TO_N3_LEARNER_N4, h.node.configuration());
        List<NodeHarness.Sent> sent = h.drain();
        assertTrue(sent.stream().anyMatch(s -> s.to() == 3 && s.message() instanceof AppendEntries a && a.prevLogIndex() == 0),
                "the learner gets the log from index 1: " + sent);
        assertTrue(sent.stream().noneMatch(s -> s.to() == 4), "the spare n5 gets nothing");
        assertEquals(MembershipChange.Answer.CHANGE_PENDING, h.node.changeMembership(204_000, new MembershipChange(MembershipChange.Kind.PROMOTE_LEARNER, 3)));
        h.node.receive(205_000, 1, AppendEntriesReply.accepted(1, 2));
        assertEquals(2, h.node.commitIndex());
        assertEquals(MembershipChange.Answer.ACCEPTED, h.node.changeMembership(206_000, new MembershipChange(MembershipChange.Kind.PROMOTE_LEARNER, 3)));
        assertEquals(new Configuration(List.of(0, 1, 2, 3), List.of()), h.node.configuration());
    }

    @Test
    @DisplayName("a learner's acknowledgement never counts towards a commit")
    void learnerAckDoesNotCommit() {
        NodeHarness h = leader(N1_TO_N3_LEARNER_N4, RaftRules.PAPER);
        h.node.receive(202_000, 3, AppendEntriesReply.accepted(1, 1));
        assertEquals(0, h.node.commitIndex(), "leader and learner hold the entry: one voter of three");
        h.node.receive(203_000, 2, AppendEntriesReply.accepted(1, 1));
        assertEquals(1, h.node.commitIndex());
    }

    @Test
    @DisplayName("a learner's granted vote never counts towards an election (§4.2.1)")
    void learnerVoteDoesNotCount() {
        NodeHarness h = new NodeHarness(0, 5, N1_TO_N3_LEARNER_N4, RaftRules.PAPER);
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        List<NodeHarness.Sent> asked = h.drain();
        assertTrue(asked.stream().anyMatch(s -> s.to() == 3), "the learner is asked, as any member");
        h.node.receive(201_000, 3, new RequestVoteReply(1, true, false));
        assertEquals(Role.CANDIDATE, h.node.role());
        h.node.receive(202_000, 2, new RequestVoteReply(1, true, false));
        assertEquals(Role.LEADER, h.node.role());
    }

    @Test
    @DisplayName("with COUNT_LEARNER_VOTE planted, the learner's vote elects a candidate of one voter")
    void plantedLearnerVoteCounts() {
        NodeHarness h = new NodeHarness(0, 5, N1_TO_N3_LEARNER_N4, PlantedRules.plant(Set.of("COUNT_LEARNER_VOTE")));
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 3, new RequestVoteReply(1, true, false));
        assertEquals(Role.LEADER, h.node.role());
    }

    @Test
    @DisplayName("a removed leader manages the cluster without counting itself, then steps down once the change commits (§4.2.2)")
    void removedLeaderStepsDownAfterCommit() {
        NodeHarness h = leaderWithNoopCommitted(N1_TO_N3);
        assertEquals(MembershipChange.Answer.ACCEPTED, h.node.changeMembership(203_000, new MembershipChange(MembershipChange.Kind.REMOVE_SERVER, 0)));
        assertEquals(List.of(1, 2), h.node.configuration().voters());
        h.node.receive(204_000, 1, AppendEntriesReply.accepted(1, 2));
        assertEquals(Role.LEADER, h.node.role(), "leader and n2 hold it, but the leader no longer counts: one of two voters");
        assertEquals(1, h.node.commitIndex());
        h.drain();
        h.node.receive(205_000, 2, AppendEntriesReply.accepted(1, 2));
        assertEquals(2, h.node.commitIndex());
        assertEquals(Role.FOLLOWER, h.node.role());
        assertTrue(h.sentOfType(h.drain(), AppendEntries.class).isEmpty(), "a server that stepped down sends no AppendEntries");
        h.node.timerFired(600_000, RaftTimers.ELECTION);
        assertEquals(Role.FOLLOWER, h.node.role(), "a removed server never campaigns");
    }

    @Test
    @DisplayName("a leader deposed while its own removal is uncommitted still campaigns: it may hold the only copy the voters left need (§4.2.2)")
    void deposedLeaderWithUncommittedSelfRemovalStillCampaigns() {
        // Found by the random sweep drawing membership (seed 803): n3 removed itself while cut off,
        // the only other voter n2 had a shorter log and could never win n3's vote, and n3, not a
        // voter of its latest configuration, never campaigned: no leader ever again.
        NodeHarness h = leaderWithNoopCommitted(N1_TO_N3);
        assertEquals(MembershipChange.Answer.ACCEPTED, h.node.changeMembership(203_000, new MembershipChange(MembershipChange.Kind.REMOVE_SERVER, 0)));
        // n2, a candidate of term 2 with the shorter log, answers n1's append with its term: n1 steps down.
        h.node.receive(204_000, 1, AppendEntriesReply.rejected(2, 1, 0, 2, 1));
        assertEquals(Role.FOLLOWER, h.node.role());
        h.node.receive(205_000, 1, new RequestVote(2, 1, 1, 1, false));
        assertEquals(2, h.node.log().lastIndex(), "n1 refused n2: its log, with the removal, is longer");
        assertEquals(List.of(), h.drain().stream().filter(s -> s.message() instanceof RequestVoteReply r && r.voteGranted()).toList());
        h.drain();
        h.node.timerFired(600_000, RaftTimers.ELECTION);
        assertEquals(Role.PRE_CANDIDATE, h.node.role(), "the removal is not committed: n1 asks the voters it holds the log of, first without a new term");
        assertEquals(2, h.node.currentTerm());
        assertEquals(List.of(1, 2), h.drain().stream().filter(s -> s.message() instanceof RequestVote r && r.preVote())
                .map(NodeHarness.Sent::to).sorted().toList());
        h.node.receive(600_500, 1, new RequestVoteReply(3, true, true));
        assertEquals(Role.PRE_CANDIDATE, h.node.role(), "its own pre-vote does not count either");
        h.node.receive(600_600, 2, new RequestVoteReply(3, true, true));
        assertEquals(Role.CANDIDATE, h.node.role());
        h.drain();
        h.node.receive(601_000, 1, new RequestVoteReply(3, true, false));
        assertEquals(Role.CANDIDATE, h.node.role(), "its own vote does not count: one of two voters");
        h.node.receive(602_000, 2, new RequestVoteReply(3, true, false));
        assertEquals(Role.LEADER, h.node.role());
    }

    @Test
    @DisplayName("a removed follower whose removal is uncommitted pre-votes and does not depose the leader (§4.2.3, §9.6)")
    void removedFollowerPreVotesRatherThanDisrupt() {
        // Seed 6036 of the sweep: removed n2 stopped hearing from the leader, campaigned with real
        // terms, and deposed it every few hundred milliseconds, so the removal never committed.
        NodeHarness h = new NodeHarness(1, 5, N1_TO_N3, RaftRules.PAPER);
        Configuration withoutN2 = new Configuration(List.of(0, 2), List.of());
        h.node.receive(300_000, 0, new AppendEntries(1, 0, 0, 0, List.of(new LogEntry(1, 1, new Command.ConfigChange(withoutN2))), 0));
        h.drain();
        h.node.timerFired(900_000, RaftTimers.ELECTION);
        assertEquals(Role.PRE_CANDIDATE, h.node.role());
        assertEquals(1, h.node.currentTerm(), "no new term until a majority of the new configuration would vote");
        h.node.receive(900_500, 0, new RequestVoteReply(1, false, true));
        assertEquals(Role.PRE_CANDIDATE, h.node.role());
    }

    @Test
    @DisplayName("once membership changes, a leader and the followers that hear it ignore a removed server's higher-term RequestVote (§4.2.3)")
    void removedServerCannotDisruptOnceMembershipChanges() {
        // Seed 6036 of the sweep: n2, crashed when it was removed, never received its removal, and
        // campaigned forever with real terms; each one deposed the leader before it could bring a
        // lagging voter up to date, so nothing committed again. §4.2.3's rule stops it.
        NodeHarness h = leaderWithNoopCommitted(N1_TO_N3);
        assertEquals(MembershipChange.Answer.ACCEPTED, h.node.changeMembership(203_000, new MembershipChange(MembershipChange.Kind.REMOVE_SERVER, 1)));
        h.drain();
        h.node.receive(204_000, 1, new RequestVote(5, 1, 1, 1, false));
        assertEquals(Role.LEADER, h.node.role());
        assertEquals(1, h.node.currentTerm());
        NodeHarness follower = new NodeHarness(2, 5, N1_TO_N3, RaftRules.PAPER);
        follower.node.receive(300_000, 0, new AppendEntries(1, 0, 0, 0,
                List.of(new LogEntry(1, 1, new Command.ConfigChange(new Configuration(List.of(0, 2), List.of())))), 0));
        follower.node.receive(320_000, 1, new RequestVote(5, 1, 1, 1, false));
        assertEquals(1, follower.node.currentTerm(), "heard from the leader 20 ms ago: the request is ignored");
    }

    @Test
    @DisplayName("a change that means nothing is refused: adding a member, removing the last voter")
    void meaninglessChangesAreRefused() {
        NodeHarness h = leaderWithNoopCommitted(new Configuration(List.of(0), List.of()));
        assertEquals(MembershipChange.Answer.NOT_APPLICABLE, h.node.changeMembership(203_000, new MembershipChange(MembershipChange.Kind.ADD_LEARNER, 0)));
        assertEquals(MembershipChange.Answer.NOT_APPLICABLE, h.node.changeMembership(203_000, new MembershipChange(MembershipChange.Kind.REMOVE_SERVER, 0)));
        assertEquals(MembershipChange.Answer.NOT_APPLICABLE, h.node.changeMembership(203_000, new MembershipChange(MembershipChange.Kind.PROMOTE_LEARNER, 2)));
    }
}
