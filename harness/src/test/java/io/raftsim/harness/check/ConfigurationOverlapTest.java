package io.raftsim.harness.check;

import io.raftsim.harness.cluster.LogMirror;
import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration Overlap's arithmetic: when two configurations can have disjoint quorums (dissertation §4.1, Figure 4.3). */
class ConfigurationOverlapTest {
    @Test
    @DisplayName("one server added or removed: every majority of the old meets every majority of the new (§4.1)")
    void singleServerChangesOverlap() {
        assertTrue(SafetyMonitor.quorumsIntersect(List.of(0, 1, 2), List.of(0, 1, 2, 3)));
        assertTrue(SafetyMonitor.quorumsIntersect(List.of(0, 1, 2, 3), List.of(0, 1, 2, 3, 4)));
        assertTrue(SafetyMonitor.quorumsIntersect(List.of(0, 1, 2, 3), List.of(0, 1, 2)));
        assertTrue(SafetyMonitor.quorumsIntersect(List.of(0, 1, 2), List.of(0, 1, 2)));
    }

    @Test
    @DisplayName("two servers added at once: {n1,n2,n3} and {n1..n5} can decide apart (Figure 4.2)")
    void twoAtOnceCanBeDisjoint() {
        assertFalse(SafetyMonitor.quorumsIntersect(List.of(0, 1, 2), List.of(0, 1, 2, 3, 4)));
    }

    @Test
    @DisplayName("the 2015 counterexample: C+n5 and C-n4 from C = {n1..n4} have disjoint quorums")
    void siblingsOfThe2015BugAreDisjoint() {
        assertFalse(SafetyMonitor.quorumsIntersect(List.of(0, 1, 2, 3, 4), List.of(0, 1, 2)));
        assertFalse(SafetyMonitor.quorumsIntersect(List.of(0, 1, 2), List.of(0, 1, 2, 3, 4)));
    }

    @Test
    void configurationsWithNoServerInCommonAreDisjoint() {
        assertFalse(SafetyMonitor.quorumsIntersect(List.of(0), List.of(1)));
    }

    @Test
    @DisplayName("the monitor: a leader whose voters cannot meet the previous term's leader's voters is a violation")
    void newLeaderAgainstThePreviousTermsLeader() {
        SafetyMonitor monitor = monitor();
        monitor.handled(0, new Leader(1, List.of(0, 1, 2)));
        monitor.handled(1, new Leader(2, List.of(0, 1, 2, 3)));
        assertNull(monitor.violation(), "one server added: the quorums meet");
        monitor.handled(3, new Leader(3, List.of(0, 1, 4)));
        assertEquals("Configuration Overlap", monitor.violation().property(), "{n1..n4} then {n1,n2,n5}: {n1,n3,n4} and {n2,n5} decide apart");
    }

    @Test
    @DisplayName("the monitor: a leader that changes its voters by two servers in one term is a violation")
    void changeWithinATerm() {
        SafetyMonitor monitor = monitor();
        Leader leader = new Leader(1, List.of(0, 1, 2));
        monitor.handled(0, leader);
        leader.voters = List.of(0, 1, 2, 3);
        monitor.handled(0, leader);
        assertNull(monitor.violation());
        leader.voters = List.of(0, 1, 2, 3, 4, 5, 6);
        monitor.handled(0, leader);
        assertEquals("Configuration Overlap", monitor.violation().property());
    }

    private static SafetyMonitor monitor() {
        SafetyMonitor monitor = new SafetyMonitor(7);
        LogMirror[] logs = new LogMirror[7];
        for (int i = 0; i < logs.length; i++) {
            logs[i] = new LogMirror();
        }
        monitor.attach(null, logs);
        return monitor;
    }

    /** A leader with an empty log whose voters a test sets. */
    private static final class Leader implements ServerProbe {
        private final long term;
        List<Integer> voters;

        Leader(long term, List<Integer> voters) {
            this.term = term;
            this.voters = voters;
        }

        @Override public Role role() { return Role.LEADER; }
        @Override public long currentTerm() { return term; }
        @Override public int votedFor() { return -1; }
        @Override public int leaderId() { return -1; }
        @Override public long commitIndex() { return 0; }
        @Override public long lastApplied() { return 0; }
        @Override public long firstLogIndex() { return 1; }
        @Override public long lastLogIndex() { return 0; }
        @Override public long termAt(long index) { return 0; }
        @Override public long payloadFingerprintAt(long index) { return 0; }
        @Override public long stateFingerprint() { return 0; }
        @Override public List<Integer> voters() { return voters; }
    }
}
