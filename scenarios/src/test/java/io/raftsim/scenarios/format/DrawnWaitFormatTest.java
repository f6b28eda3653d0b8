package io.raftsim.scenarios.format;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A step's drawn wait ({@code waitMs}) and its guard ({@code ifUpBelow}): drawn per seed and per round, written back, bounded, each bad use one line. */
class DrawnWaitFormatTest {
    private static final String WAIT = "\"waitMs\": {\"min\": 0, \"max\": 13, \"tailRate\": 0.1, \"tailMaxMs\": 29}";
    private static final String ROUNDS = "{\"atMs\": 1000, \"action\": \"rounds\", \"count\": 50, \"everyMs\": 30, \"steps\": ["
            + "{\"atMs\": 0, \"action\": \"submit\", \"count\": 1, \"node\": \"all\"},"
            + "{\"atMs\": 0, " + WAIT + ", \"action\": \"crash\", \"node\": \"leader\"},"
            + "{\"atMs\": 0, " + WAIT + ", \"ifUpBelow\": 3, \"action\": \"restart\", \"node\": \"random\"}]}";

    @Test
    void eachRoundDrawsItsOwnWaitAndStepsOfOneMomentWaitAlike() {
        Scenario scenario = parse(5000, ROUNDS);
        assertEquals(150, scenario.faults().size());
        FaultStep.Staged crash = assertInstanceOf(FaultStep.Staged.class, scenario.faults().get(1));
        assertEquals(new DrawnWait(0, 13_000, 0.1, 29_000), crash.drawnWait());
        assertEquals(1_000_000 + 29_000, crash.latestMicros(), "a step is done with by its time plus the longest wait");

        List<FaultStep> resolved = FaultStep.resolveWaits(scenario.faults(), 7);
        TreeSet<Long> waits = new TreeSet<>();
        int tails = 0;
        for (int round = 0; round < 50; round++) {
            long start = 1_000_000 + round * 30_000L;
            long crashAt = resolved.get(round * 3 + 1).atMicros();
            FaultStep restart = resolved.get(round * 3 + 2);
            assertEquals(start, resolved.get(round * 3).atMicros(), "a step without waitMs keeps its time");
            assertEquals(crashAt, restart.atMicros(), "steps of one moment with one range wait the same while");
            assertEquals(3, assertInstanceOf(FaultStep.Staged.class, restart).ifUpBelow(), "the guard stays once the wait is resolved");
            assertTrue(crashAt - start >= 0 && crashAt - start < 29_000, "within the range: " + (crashAt - start));
            waits.add(crashAt - start);
            tails += crashAt - start >= 13_000 ? 1 : 0;
        }
        assertTrue(waits.size() > 30, "the rounds draw different waits: " + waits);
        assertTrue(tails >= 1 && tails <= 15, "about one round in ten takes the tail: " + tails);
        assertEquals(resolved, FaultStep.resolveWaits(scenario.faults(), 7), "the same seed draws the same waits");
        assertNotEquals(resolved, FaultStep.resolveWaits(scenario.faults(), 8), "another seed draws others");
        assertTrue(FaultStep.drawsWaits(scenario.faults()));
        assertFalse(FaultStep.drawsWaits(resolved), "resolved, nothing is drawn any more");
    }

    @Test
    void theWriterWritesWaitsAndGuardsBack() {
        Scenario scenario = parse(5000, ROUNDS);
        String json = ScenarioWriter.toJson(scenario);
        assertTrue(json.contains("\"tailMaxMs\" : 29") || json.contains("\"tailMaxMs\":29"), json.substring(0, Math.min(json.length(), 2000)));
        assertEquals(scenario, ScenarioReader.parse(json, "written"));
        Scenario noTail = parse(5000, "{\"atMs\": 10, \"waitMs\": {\"min\": 1.5, \"max\": 2.5}, \"action\": \"heal\"}");
        assertEquals(noTail, ScenarioReader.parse(ScenarioWriter.toJson(noTail), "written"));
        assertEquals(new DrawnWait(1_500, 2_500, 0, 2_500), ((FaultStep.Staged) noTail.faults().get(0)).drawnWait());
        Scenario reconnect = parse(5000, "{\"atMs\": 10, " + WAIT + ", \"ifConnectedBelow\": 3, \"ifUpBelow\": 5, \"action\": \"reconnect\", \"node\": \"random\"}");
        FaultStep.Staged staged = (FaultStep.Staged) reconnect.faults().get(0);
        assertEquals(3, staged.ifConnectedBelow());
        assertEquals(5, staged.ifUpBelow());
        assertEquals("reconnect", staged.action());
        assertEquals(reconnect, ScenarioReader.parse(ScenarioWriter.toJson(reconnect), "written"));
    }

    @Test
    void aBadWaitIsOneLine() {
        refused("f.json: faults[0].waitMs.min: missing; the shortest wait, 0..600000 ms", "{\"atMs\": 0, \"waitMs\": {\"max\": 3}, \"action\": \"heal\"}");
        refused("f.json: faults[0].waitMs.max: missing; the longest wait, 2..600000 ms", "{\"atMs\": 0, \"waitMs\": {\"min\": 2}, \"action\": \"heal\"}");
        refused("f.json: faults[0].waitMs.max: 1 is outside [2, 600000]", "{\"atMs\": 0, \"waitMs\": {\"min\": 2, \"max\": 1}, \"action\": \"heal\"}");
        refused("f.json: faults[0].waitMs.min: -1 is outside [0, 600000]", "{\"atMs\": 0, \"waitMs\": {\"min\": -1, \"max\": 1}, \"action\": \"heal\"}");
        refused("f.json: faults[0].waitMs.tailRate: 1.5 is outside [0, 1]", "{\"atMs\": 0, \"waitMs\": {\"min\": 0, \"max\": 1, \"tailRate\": 1.5, \"tailMaxMs\": 9}, \"action\": \"heal\"}");
        refused("f.json: faults[0].waitMs.tailMaxMs: missing; the longest tail wait, 1..600000 ms", "{\"atMs\": 0, \"waitMs\": {\"min\": 0, \"max\": 1, \"tailRate\": 0.5}, \"action\": \"heal\"}");
        refused("f.json: faults[0].waitMs.tailMaxMs: 0.5 is outside [1, 600000]", "{\"atMs\": 0, \"waitMs\": {\"min\": 0, \"max\": 1, \"tailRate\": 0.5, \"tailMaxMs\": 0.5}, \"action\": \"heal\"}");
        refused("f.json: faults[0].waitMs.mean: unknown field", "{\"atMs\": 0, \"waitMs\": {\"min\": 0, \"max\": 1, \"mean\": 1}, \"action\": \"heal\"}");
        refused("f.json: faults[0].waitMs: waits until as late as 5001 ms, after durationMs 5000: the run would end before it is judged",
                "{\"atMs\": 4990, \"waitMs\": {\"min\": 0, \"max\": 11}, \"action\": \"heal\"}");
        refused("f.json: faults[0].steps[1].waitMs: waits until as late as 31 ms, after everyMs 30, the round's length: the next round would start before it is judged",
                ROUNDS.replace("\"tailMaxMs\": 29}, \"action\": \"crash\"", "\"tailMaxMs\": 31}, \"action\": \"crash\""));
        refused("f.json: faults[0].waitMs: a check step does not draw a wait; give it its own atMs",
                "{\"atMs\": 0, \"waitMs\": {\"min\": 0, \"max\": 1}, \"action\": \"check\", \"condition\": \"oneLeader\", \"withinMs\": 100}");
        refused("f.json: faults[0].waitMs: a network step does not draw a wait; give it its own atMs",
                "{\"atMs\": 0, \"waitMs\": {\"min\": 0, \"max\": 1}, \"action\": \"network\", \"dropRate\": 0.1}");
        refused("f.json: faults[0].waitMs: a step that waits for a condition (when) draws no wait as well",
                "{\"atMs\": 0, \"when\": \"oneLeader\", \"withinMs\": 100, \"waitMs\": {\"min\": 0, \"max\": 1}, \"action\": \"crash\", \"node\": \"leader\"}");
    }

    @Test
    void aBadGuardIsOneLine() {
        refused("f.json: faults[0].ifUpBelow: 0 is outside 1..5", "{\"atMs\": 0, \"ifUpBelow\": 0, \"action\": \"restart\", \"node\": \"random\"}");
        refused("f.json: faults[0].ifUpBelow: 6 is outside 1..5", "{\"atMs\": 0, \"ifUpBelow\": 6, \"action\": \"restart\", \"node\": \"random\"}");
        refused("f.json: faults[0].ifUpBelow: \"3\" is not a whole number", "{\"atMs\": 0, \"ifUpBelow\": \"3\", \"action\": \"restart\", \"node\": \"random\"}");
        // A guarded check was a stack trace (IllegalArgumentException from the staged step), not a line.
        refused("f.json: faults[0].ifUpBelow: a check is not guarded; it judges whatever the run does",
                "{\"atMs\": 0, \"ifUpBelow\": 3, \"action\": \"check\", \"condition\": \"oneLeader\", \"withinMs\": 100}");
        refused("f.json: faults[0].ifConnectedBelow: 0 is outside 1..5", "{\"atMs\": 0, \"ifConnectedBelow\": 0, \"action\": \"reconnect\", \"node\": \"random\"}");
        refused("f.json: faults[0].ifConnectedBelow: 6 is outside 1..5", "{\"atMs\": 0, \"ifConnectedBelow\": 6, \"action\": \"reconnect\", \"node\": \"random\"}");
        refused("f.json: faults[0].ifConnectedBelow: \"3\" is not a whole number",
                "{\"atMs\": 0, \"ifConnectedBelow\": \"3\", \"action\": \"reconnect\", \"node\": \"random\"}");
        refused("f.json: faults[0].ifConnectedBelow: a check is not guarded; it judges whatever the run does",
                "{\"atMs\": 0, \"ifConnectedBelow\": 3, \"action\": \"check\", \"condition\": \"oneLeader\", \"withinMs\": 100}");
    }

    @Test
    void aBadReconnectIsOneLine() {
        refused("f.json: faults[0].node: missing; a server n1..n5, \"leader\", \"follower\", \"afterLeader\", \"random\" or a bound \"$NAME\"",
                "{\"atMs\": 0, \"action\": \"reconnect\"}");
        refused("f.json: faults[0].node: \"n9\" is not a server of this 5-node cluster (n1..n5)", "{\"atMs\": 0, \"action\": \"reconnect\", \"node\": \"n9\"}");
        refused("f.json: faults[0].node: \"all\" is not a server name (n1..n5, \"leader\", \"follower\", \"afterLeader\", \"random\", \"$NAME\")",
                "{\"atMs\": 0, \"action\": \"reconnect\", \"node\": \"all\"}");
        refused("f.json: faults[0].groups: unknown field", "{\"atMs\": 0, \"action\": \"reconnect\", \"node\": \"n1\", \"groups\": [[\"n1\"]]}");
    }

    private static Scenario parse(long durationMs, String step) {
        return ScenarioReader.parse("{\"durationMs\": " + durationMs + ", \"clients\": {\"count\": 5, \"opsPerSecond\": 0}, \"faults\": [" + step + "]}", "f.json");
    }

    private static void refused(String expected, String step) {
        String message = assertThrows(ScenarioException.class, () -> parse(5000, step)).getMessage();
        assertEquals(expected, message);
        assertFalse(message.contains("\n"));
    }
}
