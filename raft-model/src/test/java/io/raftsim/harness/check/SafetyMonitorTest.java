package io.raftsim.harness.check;

import io.raftsim.harness.RaftConfig;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.log.LogListener;
import io.raftsim.raft.message.AppendEntries;
import io.raftsim.raft.message.RequestVote;
import io.raftsim.raft.node.Effects;
import io.raftsim.raft.node.HardState;
import io.raftsim.raft.node.RaftNode;
import io.raftsim.sim.engine.Violation;
import io.raftsim.sim.random.RandomStream;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each checker is fed a hand-built history that violates its property and must fire; a
 * checker that cannot fail proves nothing. Nodes are real {@link RaftNode}s driven by hand
 * into the states a buggy implementation would reach.
 */
class SafetyMonitorTest extends MonitoredNodes {
    private void assertFired(SafetyProperty property) {
        Violation violation = monitor.afterStep(null);
        assertNotNull(violation, property + " should have fired");
        assertEquals(property.displayName(), violation.property());
        assertTrue(violation.message().contains(property.statement()), "the message cites the property: " + violation.message());
    }

    @Test
    void electionSafetyFiresOnTwoLeadersInOneTerm() {
        RaftNode first = node(0, HardState.INITIAL);
        RaftNode second = node(1, HardState.INITIAL);
        elect(first);
        assertNull(monitor.violation());
        elect(second); // both reach term 1: a node that voted twice made this possible
        assertFired(SafetyProperty.ELECTION_SAFETY);
    }

    @Test
    void electionSafetyCountsLeadersThatCrashedSinceTheirTerm() {
        RaftNode first = node(0, HardState.INITIAL);
        elect(first);
        node(0, new HardState(1, 0)); // n1 crashed and restarted as a follower
        elect(node(2, HardState.INITIAL));
        assertFired(SafetyProperty.ELECTION_SAFETY);
    }

    @Test
    void leaderAppendOnlyFiresWhenLeaderTruncatesItsLog() {
        RaftNode leader = node(0, new HardState(1, HardState.NO_VOTE), 1, 1);
        elect(leader);
        leader.log().truncateFrom(2);
        endStep(leader);
        assertFired(SafetyProperty.LEADER_APPEND_ONLY);
    }

    @Test
    void followerTruncationIsNotALeaderAppendOnlyViolation() {
        RaftNode follower = node(0, new HardState(1, HardState.NO_VOTE), 1, 1);
        follower.log().truncateFrom(2);
        endStep(follower);
        assertNull(monitor.violation());
    }

    @Test
    void logMatchingFiresWhenSameIndexAndTermSitOnDifferentPrefixes() {
        RaftNode a = node(0, new HardState(2, HardState.NO_VOTE), 1);
        RaftNode b = node(1, new HardState(2, HardState.NO_VOTE), 2);
        a.log().append(new LogEntry(2, 2, Command.Noop.INSTANCE));
        endStep(a);
        assertNull(monitor.violation());
        b.log().append(new LogEntry(2, 2, Command.Noop.INSTANCE)); // index 2 term 2, but index 1 differs
        endStep(b);
        assertFired(SafetyProperty.LOG_MATCHING);
    }

    @Test
    void logMatchingAcceptsIdenticalPrefixes() {
        RaftNode a = node(0, new HardState(1, HardState.NO_VOTE));
        RaftNode b = node(1, new HardState(1, HardState.NO_VOTE));
        a.log().append(new LogEntry(1, 1, Command.Noop.INSTANCE));
        endStep(a);
        b.log().append(new LogEntry(1, 1, Command.Noop.INSTANCE));
        endStep(b);
        assertNull(monitor.violation());
    }

    @Test
    void leaderCompletenessFiresWhenLeaderLacksCommittedEntry() {
        RaftNode follower = node(0, new HardState(1, HardState.NO_VOTE), 1, 1);
        deliver(3_000, follower, 1, new AppendEntries(1, 1, 2, 1, List.of(), 2));
        assertEquals(2, monitor.committedIndex());
        // n3 never received the committed entries, yet becomes leader (a vote without the up-to-date check).
        elect(node(2, new HardState(1, HardState.NO_VOTE), 1));
        assertFired(SafetyProperty.LEADER_COMPLETENESS);
    }

    @Test
    void leaderOfOldTermElectedLateNeedNotHaveEntriesCommittedInLaterTerms() {
        // Found by a 10,000-seed sweep: a candidate of term 3 was paused with its votes held,
        // resumed after leaders of later terms had committed more entries, and won term 3.
        RaftNode follower = node(0, new HardState(5, HardState.NO_VOTE), 1, 1, 5);
        deliver(3_000, follower, 1, new AppendEntries(5, 1, 3, 5, List.of(), 3));
        assertEquals(3, monitor.committedIndex());
        RaftNode lateCandidate = node(2, new HardState(2, HardState.NO_VOTE), 1, 1);
        elect(lateCandidate);
        assertEquals(3, lateCandidate.currentTerm());
        assertNull(monitor.violation(), "entries committed in term 5 are not required of the leader of term 3");
    }

    @Test
    void stateMachineSafetyFiresOnApplyOfEntryNotCommitted() {
        RaftNode node = node(0, new HardState(1, HardState.NO_VOTE), 1);
        apply(node.id(), 1, 0x11); // the probe says index 1 was applied; nothing was committed
        assertFired(SafetyProperty.STATE_MACHINE_SAFETY);
    }

    @Test
    void stateMachineSafetyFiresWhenTwoNodesCommitDifferentEntriesAtOneIndex() {
        RaftNode a = node(0, new HardState(2, HardState.NO_VOTE), 1);
        deliver(3_000, a, 1, new AppendEntries(2, 1, 1, 1, List.of(), 1));
        RaftNode b = node(1, new HardState(2, HardState.NO_VOTE), 2);
        deliver(3_000, b, 2, new AppendEntries(2, 2, 1, 2, List.of(), 1));
        assertFired(SafetyProperty.STATE_MACHINE_SAFETY);
    }

    @Test
    void termMonotonicityFiresWhenRestartForgetsTerm() {
        RaftNode before = node(0, new HardState(5, HardState.NO_VOTE));
        endStep(before);
        RaftNode after = node(0, HardState.INITIAL); // currentTerm was not persisted
        endStep(after);
        assertFired(SafetyProperty.TERM_MONOTONIC);
    }

    @Test
    void singleVoteFiresWhenRestartedNodeVotesAgainInSameTerm() {
        RaftNode before = node(0, new HardState(1, HardState.NO_VOTE));
        deliver(1_000, before, 1, new RequestVote(1, 1, 0, 0, false));
        RaftNode after = node(0, new HardState(1, HardState.NO_VOTE)); // votedFor was not persisted
        deliver(2_000, after, 2, new RequestVote(1, 2, 0, 0, false));
        assertFired(SafetyProperty.SINGLE_VOTE);
    }

    @Test
    void commitMonotonicityFiresWhenCommitIndexMovesBackWhileUp() {
        RaftNode node = node(0, new HardState(1, HardState.NO_VOTE), 1, 1);
        deliver(1_000, node, 1, new AppendEntries(1, 1, 2, 1, List.of(), 2));
        RaftNode sameIncarnationView = new RaftNode(0, RaftConfig.defaults(SERVERS), new HardState(1, HardState.NO_VOTE),
                List.of(), new RandomStream(0), LogListener.NONE, new Effects(false));
        probes[0].node = sameIncarnationView; // not announced by started(): the same incarnation, no restart
        endStep(0);
        assertFired(SafetyProperty.COMMIT_MONOTONIC);
    }

    @Test
    void commitIndexMayStartOverAfterRestart() {
        RaftNode node = node(0, new HardState(1, HardState.NO_VOTE), 1, 1);
        deliver(1_000, node, 1, new AppendEntries(1, 1, 2, 1, List.of(), 2));
        node(0, new HardState(1, HardState.NO_VOTE), 1, 1);
        assertNull(monitor.violation());
    }

    @Test
    void appliedStateFiresWhenAServerReachesAnotherStateFromTheSamePrefix() {
        monitor.stateApplied(0, 1, 0x11);
        monitor.stateApplied(0, 2, 0x22);
        monitor.stateApplied(1, 1, 0x11);
        assertNull(monitor.afterStep(null), "the same state after the same entries");
        // n3, restarted, rebuilds its state on top of what it had instead of from scratch.
        monitor.stateApplied(2, 1, 0x11);
        monitor.stateApplied(2, 2, 0x23);
        assertFired(SafetyProperty.APPLIED_STATE);
    }

    @Test
    void appliedStateComparesServersWhereBothReportedAfterAStep() {
        // The harness reports once per step, at the index applied through: n1 applied 1..3 in one step.
        monitor.stateApplied(0, 3, 0x33);
        monitor.stateApplied(1, 2, 0x22); // nobody reported the state after entry 2 before: recorded, not compared with nothing
        monitor.stateApplied(1, 3, 0x33);
        assertNull(monitor.afterStep(null));
        monitor.stateApplied(2, 2, 0x23);
        assertFired(SafetyProperty.APPLIED_STATE);
    }

    @Test
    void appliedStateRecordsAStepThatAppliesPastTwiceTheTable() {
        monitor.stateApplied(0, 5_000, 7); // a restarted server applies a long log in its first step
        monitor.stateApplied(1, 5_000, 7);
        assertNull(monitor.afterStep(null));
        monitor.stateApplied(2, 5_000, 8);
        assertFired(SafetyProperty.APPLIED_STATE);
    }

    @Test
    void appliedStateRecordsPastTheFirstThousandEntries() {
        for (long index = 1; index <= 3_000; index++) {
            monitor.stateApplied(0, index, index * 7);
        }
        monitor.stateApplied(1, 2_500, 2_500 * 7);
        assertNull(monitor.afterStep(null));
        monitor.stateApplied(1, 2_501, 1);
        assertFired(SafetyProperty.APPLIED_STATE);
    }
}
