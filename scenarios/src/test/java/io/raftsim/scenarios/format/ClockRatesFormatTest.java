package io.raftsim.scenarios.format;

import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.ScenarioRunner;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code clockRates}: the rate each server's clock runs at from the start, part of the cluster
 * a story is staged on rather than a step of it (so a shrunk counterexample does not count it).
 * Read, bounded, written back only when set, and run as a {@code drift} step at 0 ms would.
 */
class ClockRatesFormatTest {
    private static final String STAGED = """
            {"nodes": 4, "durationMs": 3000, "raft": {"firstElectionTimeoutMs": {"n1": 100}},
             %s
             "faults": [{"atMs": 500, "action": "isolate", "node": "n1"}, {"atMs": 2000, "action": "heal"}],
             "expect": ["live"]}""";

    @Test
    void theRatesAreReadAndWrittenBack() {
        Scenario scenario = ScenarioReader.parse("{\"nodes\": 3, \"clockRates\": {\"n3\": 0.5, \"n1\": 2}}", "c.json");
        assertEquals(new TreeMap<>(Map.of("n1", 2.0, "n3", 0.5)), scenario.clockRates());
        assertTrue(ScenarioWriter.toJson(scenario).contains("\"clockRates\""));
        assertEquals(scenario, ScenarioReader.parse(ScenarioWriter.toJson(scenario), "again.json"));
    }

    @Test
    void trueTimeByDefaultAndNotWrittenSoOldScenarioHashesStay() {
        Scenario scenario = ScenarioReader.parse("{\"nodes\": 3}", "c.json");
        assertTrue(scenario.clockRates().isEmpty());
        assertFalse(ScenarioWriter.toJson(scenario).contains("clockRates"));
    }

    @Test
    void badRatesAndServersAreRefusedInOneLine() {
        ScenarioException rate = assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("{\"nodes\": 3, \"clockRates\": {\"n2\": 20}}", "c.json"));
        assertEquals("c.json: clockRates.n2: 20 is outside [0.1, 10]", rate.getMessage());
        ScenarioException server = assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("{\"nodes\": 3, \"clockRates\": {\"n7\": 0.5}}", "c.json"));
        assertTrue(server.getMessage().startsWith("c.json: clockRates.n7: "), server.getMessage());
        assertFalse(server.getMessage().contains("\n"), server.getMessage());
    }

    @Test
    void aShrunkClusterKeepsOnlyTheRatesOfItsServers() {
        Scenario scenario = ScenarioReader.parse("{\"nodes\": 4, \"clockRates\": {\"n2\": 0.5, \"n4\": 0.25}}", "c.json");
        assertEquals(new TreeMap<>(Map.of("n2", 0.5)), scenario.withNodes(3).clockRates());
    }

    @Test
    void aClockRateRunsAsADriftStepAtZeroWould() {
        Scenario rated = ScenarioReader.parse(STAGED.formatted("\"clockRates\": {\"n4\": 0.25, \"n3\": 0.5},"), "rated.json");
        Scenario stepped = ScenarioReader.parse(STAGED.formatted(""), "stepped.json");
        java.util.List<FaultStep> steps = new java.util.ArrayList<>(stepped.faults());
        steps.add(0, new FaultStep.Drift(0, NodeRef.server(2), 0.5));
        steps.add(0, new FaultStep.Drift(0, NodeRef.server(3), 0.25));
        stepped = stepped.withFaults(steps);
        Scenario trueTime = ScenarioReader.parse(STAGED.formatted(""), "true.json");
        boolean differsFromTrueTime = false;
        for (long seed = 1; seed <= 20; seed++) {
            ScenarioResult withRates = ScenarioRunner.run(rated, seed);
            ScenarioResult withSteps = ScenarioRunner.run(stepped, seed);
            assertTrue(withRates.passed(), "seed " + seed + ": " + withRates);
            assertEquals(withSteps.stats().leaderOfTerm(), withRates.stats().leaderOfTerm(), "seed " + seed);
            assertEquals(withSteps.run().steps(), withRates.run().steps(), "seed " + seed);
            differsFromTrueTime |= !ScenarioRunner.run(trueTime, seed).stats().leaderOfTerm().equals(withRates.stats().leaderOfTerm());
        }
        assertTrue(differsFromTrueTime, "slow clocks change who leads on some seed: the rates were applied");
    }
}
