package io.raftsim.harness.check;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
