package io.raftsim.scenarios.run;

import io.raftsim.harness.spi.Feature;
import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.ImplementationChoice;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import io.raftsim.sim.trace.TraceSink;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Membership changes through the scenario runner: the staged 2015 counterexample fails on
 * every seed with the fix left out and passes with it (CatalogueTest), and an implementation
 * without membership changes is refused such scenarios with the feature named.
 */
class MembershipScenariosTest {
    @Test
    void withoutThe2015FixTheStagedCounterexampleFailsOnEverySeed() {
        Scenario staged = Catalogue.load("single-server-change-bug");
        for (long seed = 1; seed <= 200; seed++) {
            ScenarioResult result = ScenarioRunner.run(staged, seed, TraceSink.NONE, Set.of("SKIP_MEMBERSHIP_COMMIT_FIX"));
            assertEquals(Outcome.SAFETY_VIOLATION, result.outcome(), "seed " + seed + ": " + result);
            assertTrue(List.of("Leader Completeness", "Election Safety", "Configuration Overlap").contains(result.property()),
                    "seed " + seed + ": " + result);
        }
    }

    @Test
    void spareServersAndMembershipStepsNeedTheFeature() {
        Scenario spare = ScenarioReader.parse("{\"nodes\": 5, \"initialMembers\": [\"n1\", \"n2\", \"n3\"]}", "f.json");
        assertEquals("initialMembers leaves spare servers", Requirements.of(spare).get(Feature.MEMBERSHIP_CHANGES));
        Scenario removing = Catalogue.load("remove-leader");
        assertEquals("faults ask for a membership change (removeServer)", Requirements.of(removing).get(Feature.MEMBERSHIP_CHANGES));
        // Both implementations on the class path now change membership (MicroRaft through its own
        // changeMembership), so neither is refused; one without the feature is refused by
        // Requirements.missing like any other missing feature (ImplementationFieldsTest).
        assertEquals(List.of(), Requirements.missing(removing.withImplementation(ImplementationChoice.of("microraft", Map.of()))));
    }

    @Test
    void aRefusedChangeIsRecordedNotRetried() {
        // Asked before the leader has committed an entry of its term: the 2015 fix refuses it, and the run goes on.
        Scenario early = ScenarioReader.parse("""
                {"nodes": 3, "durationMs": 2000, "initialMembers": ["n1", "n2"],
                 "faults": [{"atMs": 0, "when": "oneLeader", "withinMs": 1000, "action": "addServer", "node": "n3"}],
                 "expect": ["live"]}""", "early.json");
        var trace = new io.raftsim.sim.trace.InMemoryTraceSink(100_000);
        ScenarioResult result = ScenarioRunner.run(early, 1, trace, Set.of());
        assertTrue(result.passed(), result.toString());
        assertTrue(trace.records().stream().anyMatch(r -> r.detail() != null && r.detail().startsWith("addServer n3 asked of leader")
                && r.detail().endsWith("NO_COMMIT_IN_TERM")), "the answer is in the trace");
    }

    @Test
    void aClientIsNotSentInCirclesByTheStaleHintsOfRemovedServers() {
        // Shrunk from random seed 9297: n3 and then n2 removed, n1 the only voter. n3, sent nothing
        // since its removal, still named n2 as leader; n2, removed, named none, and the client went
        // n2 -> n3 -> n2 ... and never asked n1. A server outside its configuration now names no leader.
        Scenario shrunk = ScenarioReader.parse("""
                {"nodes": 3, "durationMs": 16986, "initialMembers": ["n1", "n2", "n3"],
                 "raft": {"checkQuorum": true, "maxInflightAppends": 4, "snapshotEveryEntries": 12},
                 "clients": {"count": 1},
                 "faults": [
                   {"atMs": 3711, "action": "removeServer", "node": "n3"},
                   {"atMs": 4078.632, "action": "network", "dropRate": 0.03},
                   {"atMs": 14745, "action": "removeServer", "node": "n2"},
                   {"atMs": 16886.422, "action": "crash", "node": "n2"}],
                 "expect": ["live"]}""", "shrunk-random-9297.json");
        ScenarioResult result = ScenarioRunner.run(shrunk, 104325);
        assertTrue(result.passed(), result.toString());
    }
}
