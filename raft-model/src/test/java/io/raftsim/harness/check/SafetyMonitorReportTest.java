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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A violation is read by a person with a trace open: it names servers as the run does (n1 is
 * id 0), the terms and indexes involved, and quotes the offending log around the index. Each
 * test builds the history of {@code SafetyMonitorTest} and checks the whole sentence, and a
 * neighbouring history that is not a violation.
 */
@DisplayName("SafetyMonitor: what a violation says")
class SafetyMonitorReportTest extends MonitoredNodes {
    private void assertSays(SafetyProperty property, String sentence) {
        Violation violation = monitor.violation();
        assertNotNull(violation, property + " should have fired");
        assertEquals(property.displayName(), violation.property());
        assertEquals(sentence + " — " + property.statement(), violation.message());
    }

    @Test
    void electionSafetyNamesBothLeadersAndTheTerm() {
        elect(node(0, HardState.INITIAL));
        elect(node(1, HardState.INITIAL));
        assertSays(SafetyProperty.ELECTION_SAFETY, "n1 and n2 were both elected leader in term 1");
        assertEquals("at most one leader can be elected in a given term (Figure 3, §5.2)", SafetyProperty.ELECTION_SAFETY.statement());
    }

    @Test
    void leaderAppendOnlyNamesTheRemovedRange() {
        RaftNode leader = node(0, new HardState(1, HardState.NO_VOTE), 1, 1);
        elect(leader);
        leader.log().truncateFrom(2);
        endStep(leader);
        assertSays(SafetyProperty.LEADER_APPEND_ONLY, "leader n1 in term 2 removed entries 2..3 from its own log");
    }

    @Test
    void logMatchingQuotesTheNodesLog() {
        RaftNode a = node(0, new HardState(2, HardState.NO_VOTE), 1);
        RaftNode b = node(1, new HardState(2, HardState.NO_VOTE), 2);
        a.log().append(new LogEntry(2, 2, Command.Noop.INSTANCE));
        endStep(a);
        b.log().append(new LogEntry(2, 2, Command.Noop.INSTANCE));
        endStep(b);
        assertSays(SafetyProperty.LOG_MATCHING, "node n2 appended index 2 term 2 onto a prefix that differs from another log"
                + " holding the same index and term; node's log: [1:2, 2:2] of 2");
    }

    @Test
    void logMatchingByAServerNotYetStartedSaysItsLogIsUnknown() {
        monitor.appended(0, 1, 1, 5);
        monitor.appended(1, 1, 1, 6);
        assertSays(SafetyProperty.LOG_MATCHING, "node n2 appended index 1 term 1 onto a prefix that differs from another log"
                + " holding the same index and term; node's log: (unknown)");
    }

    @Test
    void logMatchingAcceptsADifferentTermAtTheSameIndex() {
        monitor.appended(0, 1, 1, 5);
        monitor.appended(1, 1, 2, 6);
        monitor.appended(2, 1, 2, 6);
        assertNull(monitor.violation(), "different terms at one index are allowed until one commits");
        monitor.appended(2, 1, 1, 7);
        assertNotNull(monitor.violation(), "the second pair at index 1 is remembered too");
    }

    @Test
    void applyBeyondCommitNamesTheEntryAndTheCommitIndex() {
        RaftNode node = node(0, new HardState(1, HardState.NO_VOTE), 1);
        apply(node.id(), 1, 0x11);
        assertSays(SafetyProperty.STATE_MACHINE_SAFETY, "n1 applied index 1 (entry 1 of term 1) beyond every commit index seen (0)");
    }

    @Test
    void differentCommittedPrefixQuotesTheNodesLog() {
        RaftNode a = node(0, new HardState(2, HardState.NO_VOTE), 1);
        deliver(3_000, a, 1, new AppendEntries(2, 1, 1, 1, List.of(), 1));
        RaftNode b = node(1, new HardState(2, HardState.NO_VOTE), 2);
        deliver(3_000, b, 2, new AppendEntries(2, 2, 1, 2, List.of(), 1));
        assertSays(SafetyProperty.STATE_MACHINE_SAFETY, "n2 committed through index 1 but its entries through 1 differ"
                + " from those committed before; node's log: [1:2] of 1");
    }

    @Test
    void termMonotonicityNamesBothTerms() {
        node(0, new HardState(5, HardState.NO_VOTE));
        node(0, HardState.INITIAL);
        assertSays(SafetyProperty.TERM_MONOTONIC, "n1 went from term 5 back to term 0");
    }

    @Test
    void singleVoteNamesBothCandidates() {
        RaftNode before = node(0, new HardState(1, HardState.NO_VOTE));
        deliver(1_000, before, 1, new RequestVote(1, 1, 0, 0, false));
        RaftNode after = node(0, new HardState(1, HardState.NO_VOTE));
        deliver(2_000, after, 2, new RequestVote(1, 2, 0, 0, false));
        assertSays(SafetyProperty.SINGLE_VOTE, "n1 voted for n2 and then for n3 in term 1");
    }

    @Test
    void aVoteInALaterTermOrForTheSameCandidateIsNotASecondVote() {
        RaftNode node = node(0, new HardState(1, HardState.NO_VOTE));
        deliver(1_000, node, 1, new RequestVote(1, 1, 0, 0, false));
        RaftNode restarted = node(0, new HardState(1, 1));
        deliver(2_000, restarted, 1, new RequestVote(1, 1, 0, 0, false));
        deliver(3_000, restarted, 2, new RequestVote(2, 2, 0, 0, false));
        assertEquals(2, restarted.votedFor());
        assertNull(monitor.violation());
    }

    @Test
    void aVoteAfterRestartWithoutAPreviousVoteIsNotASecondVote() {
        node(0, new HardState(1, HardState.NO_VOTE));
        RaftNode node = node(0, new HardState(1, HardState.NO_VOTE));
        deliver(1_000, node, 2, new RequestVote(1, 2, 0, 0, false));
        assertNull(monitor.violation());
    }

    @Test
    void commitMonotonicityNamesBothIndexes() {
        RaftNode node = node(0, new HardState(1, HardState.NO_VOTE), 1, 1);
        deliver(1_000, node, 1, new AppendEntries(1, 1, 2, 1, List.of(), 2));
        RaftNode sameIncarnationView = new RaftNode(0, RaftConfig.defaults(SERVERS), new HardState(1, HardState.NO_VOTE),
                List.of(), new RandomStream(0), LogListener.NONE, new Effects(false));
        probes[0].node = sameIncarnationView; // not announced by started(): the same incarnation, no restart
        endStep(0);
        assertSays(SafetyProperty.COMMIT_MONOTONIC, "n1 commitIndex went from 2 back to 0");
    }

    @Test
    void leaderCompletenessAtElectionQuotesTheLeadersLog() {
        RaftNode follower = node(0, new HardState(1, HardState.NO_VOTE), 1, 1);
        deliver(3_000, follower, 1, new AppendEntries(1, 1, 2, 1, List.of(), 2));
        elect(node(2, new HardState(1, HardState.NO_VOTE), 1));
        assertSays(SafetyProperty.LEADER_COMPLETENESS, "n3 became leader of term 2 without every entry committed in earlier terms"
                + " (committed through 2 by term 1); its log: [1:1, 2:2] of 2");
    }

    @Test
    void onlyTheFirstViolationIsKept() {
        elect(node(0, HardState.INITIAL));
        elect(node(1, HardState.INITIAL));
        node(0, HardState.INITIAL);
        node(0, new HardState(5, HardState.NO_VOTE));
        node(0, HardState.INITIAL);
        assertEquals(SafetyProperty.ELECTION_SAFETY.displayName(), monitor.violation().property());
    }

    @Test
    void leadersAndCountsAreReported() {
        elect(node(0, HardState.INITIAL));
        elect(node(1, new HardState(3, HardState.NO_VOTE)));
        assertEquals(2, monitor.electionCount());
        assertEquals(4, monitor.highestLeaderTerm());
        assertEquals(List.of(1L, 4L), List.copyOf(monitor.leaders().keySet()));
        assertEquals(List.of(0, 1), List.copyOf(monitor.leaders().values()));
        assertEquals(SERVERS, monitor.serverCount());
        assertNull(monitor.afterStep(null));
    }
}
