package io.raftsim.raft.node;

import io.raftsim.harness.spi.JointMembershipChange;
import io.raftsim.harness.spi.MembershipChange;
import io.raftsim.harness.spi.Role;
import io.raftsim.raft.bugs.PlantedRules;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.Configuration;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.message.AppendEntries;
import io.raftsim.raft.message.AppendEntriesReply;
import io.raftsim.raft.message.RequestVoteReply;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dissertation §4.3, joint consensus, one test per sentence, driving a single node by hand: n1..n3
 * are replaced by n1, n4, n5 (n4 and n5 learners first, as §4.2.1 has new servers catch up).
 */
@DisplayName("§4.3: joint consensus")
class JointConsensusRulesTest {
    private static final Configuration OLD = new Configuration(List.of(0, 1, 2), List.of(3, 4));
    /** n2 and n3 out, n4 and n5 in: C_old,new. */
    private static final JointMembershipChange REPLACE_N2_N3 = new JointMembershipChange(List.of(3, 4), List.of(), List.of(1, 2));
    private static final Configuration JOINT = new Configuration(List.of(0, 3, 4), List.of(), List.of(0, 1, 2));
    private static final Configuration NEW = new Configuration(List.of(0, 3, 4), List.of());

    /** n1 leads {@link #OLD} with its no-op (index 1) committed by n2; effects drained. */
    private static NodeHarness leader() {
        NodeHarness h = new NodeHarness(0, 5, OLD, RaftRules.PAPER);
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        assertEquals(Role.LEADER, h.node.role());
        h.node.receive(202_000, 1, AppendEntriesReply.accepted(1, 1));
        assertEquals(1, h.node.commitIndex());
        h.drain();
        return h;
    }

    @Test
    @DisplayName("a change of several voters appends C_old,new, used at once (§4.3, §4.1)")
    void severalVotersEnterJoint() {
        NodeHarness h = leader();
        assertEquals(MembershipChange.Answer.ACCEPTED, h.node.changeMembership(203_000, REPLACE_N2_N3));
        assertEquals(JOINT, h.node.configuration());
        assertEquals(new Command.ConfigChange(JOINT), h.node.log().entry(2).command());
    }

    @Test
    @DisplayName("a change of learners only needs no joint configuration: its quorums are the old ones")
    void learnersOnlyNeedNoJoint() {
        NodeHarness h = leader();
        assertEquals(MembershipChange.Answer.ACCEPTED,
                h.node.changeMembership(203_000, new JointMembershipChange(List.of(), List.of(), List.of(3, 4))));
        assertEquals(new Configuration(List.of(0, 1, 2), List.of()), h.node.configuration());
    }

    @Test
    @DisplayName("while joint, an entry commits only with a majority of C_old and, separately, of C_new")
    void commitNeedsBothMajorities() {
        NodeHarness h = leader();
        h.node.changeMembership(203_000, REPLACE_N2_N3);
        h.node.receive(204_000, 3, AppendEntriesReply.accepted(1, 2));
        h.node.receive(204_100, 4, AppendEntriesReply.accepted(1, 2));
        assertEquals(1, h.node.commitIndex(), "n1, n4, n5 are all of C_new but one of C_old's three");
        h.node.receive(204_200, 1, AppendEntriesReply.accepted(1, 2));
        assertTrue(h.node.commitIndex() >= 2, "n1 and n2 make C_old's majority too");
    }

    @Test
    @DisplayName("with JOINT_COMMIT_BY_NEW_MAJORITY_ONLY planted, C_new's majority alone commits, and the leader leaves C_old,new at once")
    void plantedNewMajorityOnlyCommits() {
        NodeHarness h = new NodeHarness(0, 5, OLD, PlantedRules.plant(Set.of("JOINT_COMMIT_BY_NEW_MAJORITY_ONLY")));
        h.node.timerFired(200_000, RaftTimers.ELECTION);
        h.node.receive(201_000, 1, new RequestVoteReply(1, true, false));
        h.node.receive(202_000, 1, AppendEntriesReply.accepted(1, 1));
        h.node.changeMembership(203_000, REPLACE_N2_N3);
        h.node.receive(204_000, 3, AppendEntriesReply.accepted(1, 2));
        h.node.receive(204_100, 4, AppendEntriesReply.accepted(1, 2));
        assertEquals(2, h.node.commitIndex(), "one of C_old's three was enough");
        assertEquals(NEW, h.node.configuration());
    }

    @Test
    @DisplayName("without C_new's majority a C_old majority commits nothing either")
    void oldMajorityAloneCommitsNothing() {
        NodeHarness h = leader();
        h.node.changeMembership(203_000, REPLACE_N2_N3);
        h.node.receive(204_000, 1, AppendEntriesReply.accepted(1, 2));
        h.node.receive(204_100, 2, AppendEntriesReply.accepted(1, 2));
        assertEquals(1, h.node.commitIndex(), "n1, n2, n3 are all of C_old but one of C_new's three");
    }

    @Test
    @DisplayName("once C_old,new commits the leader appends C_new by itself; no other change meanwhile")
    void leaderLeavesJointOnceCommitted() {
        NodeHarness h = leader();
        h.node.changeMembership(203_000, REPLACE_N2_N3);
        assertEquals(MembershipChange.Answer.CHANGE_PENDING,
                h.node.changeMembership(203_500, new MembershipChange(MembershipChange.Kind.REMOVE_SERVER, 3)));
        h.node.receive(204_000, 1, AppendEntriesReply.accepted(1, 2));
        h.node.receive(204_100, 3, AppendEntriesReply.accepted(1, 2));
        assertEquals(2, h.node.commitIndex());
        assertEquals(NEW, h.node.configuration());
        assertEquals(new Command.ConfigChange(NEW), h.node.log().entry(3).command());
        assertEquals(MembershipChange.Answer.CHANGE_PENDING, h.node.changeMembership(204_500, REPLACE_N2_N3),
                "C_new is not committed yet");
        h.node.receive(205_000, 3, AppendEntriesReply.accepted(1, 3));
        h.node.receive(205_100, 4, AppendEntriesReply.accepted(1, 3));
        assertEquals(3, h.node.commitIndex(), "C_new commits with its own majority: n1, n4, n5");
    }

    @Test
    @DisplayName("a leader not in C_new leads through C_old,new and steps down once C_new commits")
    void leaderOutsideNewStepsDownWhenNewCommits() {
        NodeHarness h = leader();
        JointMembershipChange replaceN1 = new JointMembershipChange(List.of(3, 4), List.of(), List.of(0, 1));
        assertEquals(MembershipChange.Answer.ACCEPTED, h.node.changeMembership(203_000, replaceN1));
        assertTrue(h.node.configuration().isJoint());
        h.node.receive(204_000, 2, AppendEntriesReply.accepted(1, 2));
        h.node.receive(204_100, 3, AppendEntriesReply.accepted(1, 2));
        assertEquals(Role.LEADER, h.node.role(), "n1 is a voter of C_old: it leads on while joint");
        h.node.receive(204_200, 4, AppendEntriesReply.accepted(1, 2));
        assertEquals(2, h.node.commitIndex(), "C_old: n1, n3; C_new (n3, n4, n5), without n1: n3, n4 of three");
        assertEquals(new Configuration(List.of(2, 3, 4), List.of()), h.node.configuration());
        assertEquals(Role.LEADER, h.node.role(), "it manages C_new until it commits (§4.2.2)");
        h.node.receive(205_000, 2, AppendEntriesReply.accepted(1, 3));
        h.node.receive(205_100, 3, AppendEntriesReply.accepted(1, 3));
        assertEquals(3, h.node.commitIndex());
        assertEquals(Role.FOLLOWER, h.node.role());
    }

    @Test
    @DisplayName("a candidate using C_old,new needs the votes of a majority of each set")
    void electionNeedsBothMajorities() {
        NodeHarness h = new NodeHarness(0, 5, OLD, RaftRules.PAPER);
        h.node.receive(100_000, 1, new AppendEntries(1, 1, 0, 0, List.of(new LogEntry(1, 1, new Command.ConfigChange(JOINT))), 0));
        assertEquals(JOINT, h.node.configuration(), "a follower uses C_old,new once appended");
        h.node.timerFired(400_000, RaftTimers.ELECTION);
        assertEquals(Role.CANDIDATE, h.node.role());
        h.node.receive(401_000, 3, new RequestVoteReply(2, true, false));
        h.node.receive(401_100, 4, new RequestVoteReply(2, true, false));
        assertEquals(Role.CANDIDATE, h.node.role(), "all of C_new, one of C_old");
        h.node.receive(401_200, 2, new RequestVoteReply(2, true, false));
        assertEquals(Role.LEADER, h.node.role());
    }

    @Test
    @DisplayName("a new leader elected under a committed C_old,new appends C_new once its no-op commits")
    void newLeaderFinishesTheChange() {
        NodeHarness h = new NodeHarness(3, 5, OLD, RaftRules.PAPER);
        h.node.receive(100_000, 1, new AppendEntries(1, 1, 0, 0, List.of(new LogEntry(1, 1, new Command.ConfigChange(JOINT))), 1));
        assertEquals(1, h.node.commitIndex());
        h.node.timerFired(400_000, RaftTimers.ELECTION);
        h.node.receive(401_000, 0, new RequestVoteReply(2, true, false));
        h.node.receive(401_100, 4, new RequestVoteReply(2, true, false));
        h.node.receive(401_200, 2, new RequestVoteReply(2, true, false));
        assertEquals(Role.LEADER, h.node.role());
        assertTrue(h.node.configuration().isJoint(), "no entry of its own term committed yet");
        h.node.receive(402_000, 0, AppendEntriesReply.accepted(2, 2));
        h.node.receive(402_100, 4, AppendEntriesReply.accepted(2, 2));
        assertEquals(1, h.node.commitIndex(), "C_old's majority is missing");
        h.node.receive(402_200, 2, AppendEntriesReply.accepted(2, 2));
        assertEquals(2, h.node.commitIndex());
        assertEquals(NEW, h.node.configuration());
    }

    @Test
    @DisplayName("a change that means nothing is refused: a member added again, a non-member removed, no voter left")
    void meaninglessChangesAreRefused() {
        NodeHarness h = leader();
        assertEquals(MembershipChange.Answer.NOT_APPLICABLE, h.node.changeMembership(203_000,
                new JointMembershipChange(List.of(1), List.of(), List.of())));
        assertEquals(MembershipChange.Answer.NOT_APPLICABLE, h.node.changeMembership(203_000,
                new JointMembershipChange(List.of(), List.of(), List.of(0, 1, 2))));
        assertNull(OLD.afterJoint(new JointMembershipChange(List.of(), List.of(3), List.of())), "a learner already");
        assertNull(JOINT.afterJoint(REPLACE_N2_N3), "a joint configuration changes only by leaving it");
        assertEquals(OLD, h.node.configuration());
    }

    @Test
    @DisplayName("C_old,new's fingerprint and description name both sets; a plain configuration's are unchanged")
    void jointFingerprintAndDescription() {
        assertEquals("voters n1,n4,n5 outgoing n1,n2,n3", JOINT.describe());
        assertFalse(JOINT.fingerprint() == NEW.fingerprint());
        assertEquals(new Configuration(List.of(0, 3, 4), List.of(), List.of()).fingerprint(), NEW.fingerprint());
        assertTrue(JOINT.isVoter(1) && !JOINT.isIncomingVoter(1) && JOINT.isIncomingVoter(3));
    }
}
