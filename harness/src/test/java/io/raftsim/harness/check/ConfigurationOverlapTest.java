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

    @Test
    @DisplayName("joint consensus (§4.3): C_old,new meets C_old and C_new, which do not meet each other")
    void jointConfigurationMeetsBothNeighbours() {
        VoterSets old = new VoterSets(List.of(0, 1, 2), List.of());
        VoterSets joint = new VoterSets(List.of(0, 3, 4), List.of(0, 1, 2));
        VoterSets next = new VoterSets(List.of(0, 3, 4), List.of());
        assertFalse(VoterSets.intersect(old, next), "{n2,n3} and {n4,n5} decide apart");
        assertTrue(VoterSets.intersect(old, joint));
        assertTrue(VoterSets.intersect(joint, next));
        assertTrue(VoterSets.intersect(joint, joint));
        assertFalse(VoterSets.intersect(joint, new VoterSets(List.of(1, 2, 5), List.of())),
                "a joint quorum {n1,n4,n5} misses {n2,n3}, a majority of {n2,n3,n6}");
    }

    @Test
    @DisplayName("VoterSets.intersect agrees with trying every split of the servers, over every pair of small configurations")
    void jointIntersectionMatchesBruteForce() {
        int universe = 5;
        List<VoterSets> configurations = new java.util.ArrayList<>();
        for (int voters = 1; voters < 1 << universe; voters++) {
            configurations.add(new VoterSets(ids(voters), List.of()));
            for (int outgoing = 1; outgoing < 1 << universe; outgoing += 3) {
                configurations.add(new VoterSets(ids(voters), ids(outgoing)));
            }
        }
        int disjoint = 0;
        for (int a = 0; a < configurations.size(); a += 7) {
            for (int b = 0; b < configurations.size(); b += 5) {
                VoterSets first = configurations.get(a);
                VoterSets second = configurations.get(b);
                boolean expected = !disjointQuorumsExist(first, second, universe);
                assertEquals(expected, VoterSets.intersect(first, second), first + " against " + second);
                disjoint += expected ? 0 : 1;
            }
        }
        assertTrue(disjoint > 100, "the pairs tried include disjoint ones: " + disjoint);
    }

    private static List<Integer> ids(int mask) {
        List<Integer> ids = new java.util.ArrayList<>();
        for (int server = 0; server < 5; server++) {
            if ((mask & 1 << server) != 0) {
                ids.add(server);
            }
        }
        return ids;
    }

    private static boolean disjointQuorumsExist(VoterSets a, VoterSets b, int universe) {
        for (int side = 0; side < 1 << universe; side++) {
            if (isQuorum(a, side) && isQuorum(b, ~side)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isQuorum(VoterSets c, int members) {
        return majorityOf(c.voters(), members) && (c.outgoing().isEmpty() || majorityOf(c.outgoing(), members));
    }

    private static boolean majorityOf(List<Integer> set, int members) {
        return set.stream().filter(server -> (members & 1 << server) != 0).count() > set.size() / 2;
    }

    @Test
    @DisplayName("the monitor: a leader entering and leaving C_old,new is no violation; jumping from C_old to C_new is")
    void jointStepsWithinATerm() {
        SafetyMonitor monitor = monitor();
        Leader leader = new Leader(1, List.of(0, 1, 2));
        monitor.handled(0, leader);
        leader.voters = List.of(0, 3, 4);
        leader.outgoing = List.of(0, 1, 2);
        monitor.handled(0, leader);
        leader.outgoing = List.of();
        monitor.handled(0, leader);
        assertNull(monitor.violation());
        Leader jumper = new Leader(2, List.of(0, 3, 4));
        monitor.handled(3, jumper);
        jumper.voters = List.of(0, 1, 2);
        monitor.handled(3, jumper);
        assertEquals("Configuration Overlap", monitor.violation().property());
        assertTrue(monitor.violation().message().contains("from voters {n1,n4,n5} to {n1,n2,n3}"), monitor.violation().message());
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
        List<Integer> outgoing = List.of();

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
        @Override public List<Integer> outgoingVoters() { return outgoing; }
    }
}
