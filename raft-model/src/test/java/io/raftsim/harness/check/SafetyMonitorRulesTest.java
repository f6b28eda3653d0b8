package io.raftsim.harness.check;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.wire.Packet;
import io.raftsim.raft.message.AppendEntries;
import io.raftsim.raft.message.MessageCodecs;
import io.raftsim.raft.message.AppendEntriesReply;
import io.raftsim.raft.message.Message;
import io.raftsim.raft.message.RaftMessage;
import io.raftsim.raft.message.RequestVote;
import io.raftsim.raft.message.RequestVoteReply;
import io.raftsim.raft.node.BrokenProgress;
import io.raftsim.raft.node.Effects;
import io.raftsim.raft.node.HardState;
import io.raftsim.raft.node.RaftNode;
import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.sim.engine.Process;
import io.raftsim.sim.engine.SimulationView;
import io.raftsim.sim.engine.Violation;
import io.raftsim.sim.random.RandomStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks of {@link SafetyMonitor} that {@code SafetyMonitorTest} does not reach: Leader
 * Completeness for a leader already in office, Term Adoption, the applied-entry comparison and
 * a committed prefix longer than the monitor's first table. Each is shown firing on a history
 * that breaks its property and staying quiet on a neighbouring one that does not.
 */
@DisplayName("SafetyMonitor: checks during a leader's term, of terms, and of applied entries")
class SafetyMonitorRulesTest extends MonitoredNodes {
    /** A follower of term 1 with log terms {@code logTerms} learns from leader n2 that all of it is committed. */
    private RaftNode followerCommittingAll(int id, long... logTerms) {
        RaftNode follower = node(id, new HardState(1, HardState.NO_VOTE), logTerms);
        deliver(3_000, follower, 1, new AppendEntries(1, 1, logTerms.length, 1, List.of(), logTerms.length));
        assertEquals(logTerms.length, follower.commitIndex());
        return follower;
    }

    private Violation assertFired(SafetyProperty property) {
        Violation violation = monitor.violation();
        assertNotNull(violation, property + " should have fired");
        assertEquals(property.displayName(), violation.property());
        return violation;
    }

    private static SimulationView<Packet> viewWhereDown(int downNode) {
        return new SimulationView<>() {
            @Override
            public long seed() {
                return 1;
            }

            @Override
            public long step() {
                return 0;
            }

            @Override
            public long nowMicros() {
                return 0;
            }

            @Override
            public int processCount() {
                return SERVERS;
            }

            @Override
            public boolean isUp(int node) {
                return node != downNode;
            }

            @Override
            public Process<Packet> process(int node) {
                return null;
            }
        };
    }

    // ---- Leader Completeness, checked again whenever something commits ---------------------

    @Test
    @DisplayName("Leader Completeness: an entry committed in term 1 that the live leader of term 2 lacks is reported at once")
    void entryCommittedInLowerTermMissingFromLiveLeaderFires() {
        RaftNode leader = node(2, new HardState(1, HardState.NO_VOTE), 1);
        elect(leader); // term 2, log [1, 2]: index 2 is its own no-op
        assertNull(monitor.violation());
        followerCommittingAll(0, 1, 1); // a stale leader of term 1 still commits index 2 (term 1) on a majority
        Violation violation = assertFired(SafetyProperty.LEADER_COMPLETENESS);
        assertTrue(violation.message().startsWith("n3 is leader of term 2 without every entry committed in earlier terms"
                + " (committed through 2 by term 1)"), violation.message());
    }

    @Test
    @DisplayName("Leader Completeness: the first server, n1, is checked like any other")
    void liveLeaderN1IsChecked() {
        RaftNode leader = node(0, new HardState(1, HardState.NO_VOTE), 1);
        elect(leader);
        followerCommittingAll(1, 1, 1);
        Violation violation = assertFired(SafetyProperty.LEADER_COMPLETENESS);
        assertTrue(violation.message().startsWith("n1 is leader of term 2"), violation.message());
    }

    @Test
    @DisplayName("Leader Completeness: a live leader that holds the newly committed entry is fine")
    void liveLeaderHoldingTheCommittedEntryIsFine() {
        RaftNode leader = node(2, new HardState(1, HardState.NO_VOTE), 1, 1);
        elect(leader);
        followerCommittingAll(0, 1, 1);
        assertNull(monitor.violation());
        assertEquals(2, monitor.committedIndex());
    }

    @Test
    @DisplayName("Leader Completeness speaks of leaders: a leader that crashed is not checked")
    void crashedLeaderIsNotChecked() {
        monitor.attach(viewWhereDown(2), mirrors);
        RaftNode leader = node(2, new HardState(1, HardState.NO_VOTE), 1);
        elect(leader);
        followerCommittingAll(0, 1, 1);
        assertNull(monitor.violation());
    }

    @Test
    @DisplayName("Leader Completeness: a leader still up is checked when the engine says so")
    void leaderThatIsUpIsChecked() {
        monitor.attach(viewWhereDown(1), mirrors);
        RaftNode leader = node(2, new HardState(1, HardState.NO_VOTE), 1);
        elect(leader);
        followerCommittingAll(0, 1, 1);
        assertFired(SafetyProperty.LEADER_COMPLETENESS);
    }

    @Test
    @DisplayName("Leader Completeness speaks of leaders: one that has stepped down is not checked")
    void leaderThatSteppedDownIsNotChecked() {
        RaftNode leader = node(2, new HardState(1, HardState.NO_VOTE), 1);
        elect(leader);
        deliver(4_000, leader, 1, new AppendEntries(3, 1, 0, 0, List.of(), 0));
        assertEquals(Role.FOLLOWER, leader.role());
        followerCommittingAll(0, 1, 1);
        assertNull(monitor.violation());
    }

    @Test
    @DisplayName("Leader Completeness: the leader checked is the one of the highest term, even when another is elected later")
    void leaderOfHighestTermIsChecked() {
        RaftNode high = node(2, new HardState(2, HardState.NO_VOTE), 1);
        elect(high); // term 3, log [1, 3]
        RaftNode late = node(1, new HardState(1, HardState.NO_VOTE), 1, 1);
        elect(late); // term 2, log [1, 1, 2]: elected after the leader of term 3
        assertNull(monitor.violation());
        followerCommittingAll(0, 1, 1);
        Violation violation = assertFired(SafetyProperty.LEADER_COMPLETENESS);
        assertTrue(violation.message().startsWith("n3 is leader of term 3"), violation.message());
    }

    @Test
    @DisplayName("Leader Completeness speaks of lower terms: a leader of term 3 elected late need not hold what term 4 committed")
    void leaderElectedLateNeedNotHoldEntriesOfTheNextTerm() {
        RaftNode follower = node(0, new HardState(4, HardState.NO_VOTE), 1, 4);
        deliver(3_000, follower, 1, new AppendEntries(4, 1, 2, 4, List.of(), 2));
        assertEquals(2, monitor.committedIndex());
        RaftNode lateCandidate = node(2, new HardState(2, HardState.NO_VOTE), 1);
        elect(lateCandidate);
        assertEquals(3, lateCandidate.currentTerm());
        assertNull(monitor.violation(), "index 2 was committed in term 4, above the leader's term 3");
    }

    // ---- Term Adoption ------------------------------------------------------------------

    /** What the monitor reads of a server that ignored a message: its role and its (unchanged) term 1. */
    private record StayedProbe(Role role) implements ServerProbe {
        @Override public long currentTerm() { return 1; }
        @Override public int votedFor() { return -1; }
        @Override public int leaderId() { return -1; }
        @Override public long commitIndex() { return 0; }
        @Override public long lastApplied() { return 0; }
        @Override public long firstLogIndex() { return 1; }
        @Override public long lastLogIndex() { return 0; }
        @Override public long termAt(long index) { return 0; }
        @Override public long payloadFingerprintAt(long index) { return 0; }
        @Override public long stateFingerprint() { return 0; }
        @Override public List<Integer> voters() { return List.of(0, 1, 2); }
    }

    private static Violation adoptionCheck(RaftMessage message, Role role) {
        SafetyMonitor fresh = new SafetyMonitor(SERVERS);
        fresh.received(0, 1, MessageCodecs.INSTANCE.kind(message), MessageCodecs.INSTANCE.term(message), new StayedProbe(role));
        return fresh.violation();
    }

    private static void assertAdoptionFires(RaftMessage message, Role role) {
        Violation violation = adoptionCheck(message, role);
        assertNotNull(violation, message + " of a higher term must be adopted by a " + role);
        assertEquals(SafetyProperty.TERM_ADOPTION.displayName(), violation.property());
        assertTrue(violation.message().startsWith("n1 (" + role + ") stayed in term 1 after receiving "
                + message.getClass().getSimpleName() + " of term 2"), violation.message());
    }

    private static void assertAdoptionQuiet(RaftMessage message, Role role) {
        assertNull(adoptionCheck(message, role), message + " need not be adopted by a " + role);
    }

    @Test
    @DisplayName("Term Adoption: any server that stays in its term after an AppendEntries of a higher term is reported")
    void stayingInTermAfterHigherTermRequestFires() {
        for (Role role : Role.values()) {
            assertAdoptionFires(new AppendEntries(2, 1, 0, 0, List.of(), 0), role);
        }
    }

    @Test
    @DisplayName("Term Adoption: a leader staying in its term after an append reply of a higher term, or a candidate after a vote reply, is reported")
    void theRoleThatAskedMustAdoptAReplysTerm() {
        assertAdoptionFires(AppendEntriesReply.accepted(2, 0), Role.LEADER);
        assertAdoptionFires(new RequestVoteReply(2, false, false), Role.CANDIDATE);
    }

    @Test
    @DisplayName("Term Adoption: a reply to a role the server no longer holds is stale news it may drop (MicroRaft 0.7 does)")
    void aReplyToAnotherRoleIsExempt() {
        assertAdoptionQuiet(AppendEntriesReply.accepted(2, 0), Role.FOLLOWER);
        assertAdoptionQuiet(AppendEntriesReply.accepted(2, 0), Role.CANDIDATE);
        assertAdoptionQuiet(new RequestVoteReply(2, false, false), Role.FOLLOWER);
        assertAdoptionQuiet(new RequestVoteReply(2, false, false), Role.PRE_CANDIDATE);
    }

    @Test
    @DisplayName("Term Adoption: vote requests (a lease may ignore them) and pre-vote replies (a question about the future) are exempt")
    void exemptMessagesAreNotReported() {
        assertAdoptionQuiet(new RequestVote(2, 1, 0, 0, false), Role.FOLLOWER);
        assertAdoptionQuiet(new RequestVote(2, 1, 0, 0, true), Role.LEADER);
        assertAdoptionQuiet(new RequestVoteReply(2, true, true), Role.PRE_CANDIDATE);
    }

    @Test
    @DisplayName("Term Adoption: a message of the server's own term asks nothing of it")
    void messageOfOwnTermIsNotReported() {
        RaftNode node = node(0, new HardState(1, HardState.NO_VOTE));
        monitor.received(0, 1, MessageCodecs.INSTANCE.kind(new AppendEntries(1, 1, 0, 0, List.of(), 0)), 1, probes[node.id()]);
        monitor.received(0, 1, MessageCodecs.INSTANCE.kind(AppendEntriesReply.accepted(1, 0)), 1, probes[node.id()]);
        assertNull(monitor.violation());
    }

    // ---- applied entries ----------------------------------------------------------------

    @Test
    @DisplayName("State Machine Safety: applying an entry other than the one committed at its index is reported")
    void applyingADifferentEntryAtACommittedIndexFires() {
        RaftNode follower = followerCommittingAll(0, 1, 1);
        apply(follower.id(), 2, 22);
        assertNull(monitor.violation(), "the committed entries themselves");
        RaftNode other = node(1, new HardState(2, HardState.NO_VOTE), 1, 2);
        apply(other.id(), 2, 22);
        Violation violation = assertFired(SafetyProperty.STATE_MACHINE_SAFETY);
        assertTrue(violation.message().startsWith("n2 applied"), violation.message());
        assertTrue(violation.message().contains("[1:1, 2:2] of 2"), "the node's log is quoted: " + violation.message());
    }

    @Test
    @DisplayName("The committed prefix is remembered beyond its first table of 1,024 entries")
    void committedPrefixLongerThanTheFirstTable() {
        long[] terms = new long[2_100];
        java.util.Arrays.fill(terms, 1);
        RaftNode follower = followerCommittingAll(0, terms);
        assertEquals(2_100, monitor.committedIndex());
        apply(follower.id(), 2_050, 2_050);
        assertNull(monitor.violation());
        long[] otherTerms = new long[2_050];
        java.util.Arrays.fill(otherTerms, 1);
        otherTerms[2_049] = 2; // the same prefix through 2,049, another entry at 2,050
        RaftNode other = node(1, new HardState(2, HardState.NO_VOTE), otherTerms);
        apply(other.id(), 2_050, 2_050);
        assertFired(SafetyProperty.STATE_MACHINE_SAFETY);
    }

    // ---- applied state and leader progress ----------------------------------------------

    @Test
    @DisplayName("Applied State: two state machines that applied the same entries must agree, at the latest index too")
    void differentStatesAfterTheSameEntriesFire() {
        monitor.stateApplied(0, 1, 11);
        monitor.stateApplied(0, 2, 22);
        monitor.stateApplied(1, 1, 11);
        assertNull(monitor.violation(), "the same state after entry 1");
        monitor.stateApplied(1, 2, 23);
        Violation violation = assertFired(SafetyProperty.APPLIED_STATE);
        assertTrue(violation.message().startsWith("n2's state machine after applying entries 1..2 differs from the state another server reached"),
                violation.message());
    }

    @Test
    @DisplayName("Leader Progress: a leader's progress for a peer keeps match < next <= last + 1")
    void aLeaderProgressPastItsLogFires() {
        RaftNode leader = node(0, new HardState(1, HardState.NO_VOTE), 1, 1);
        elect(leader);
        long last = leader.log().lastIndex();
        BrokenProgress.acknowledge(leader, 2, last);
        endStep(leader);
        assertNull(monitor.violation(), "match = last, next = last + 1 is the most a peer can have");
        BrokenProgress.acknowledge(leader, 1, last + 1);
        endStep(leader);
        Violation violation = assertFired(SafetyProperty.LEADER_PROGRESS);
        assertTrue(violation.message().startsWith("leader n1 of term " + leader.currentTerm() + " holds match=" + (last + 1)
                + " next=" + (last + 2) + " for n2 with a log ending at " + last), violation.message());
    }
}
