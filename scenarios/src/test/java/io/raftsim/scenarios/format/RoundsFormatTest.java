package io.raftsim.scenarios.format;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A {@code rounds} block: written out as plain steps, bounded, and each bad use one line. */
class RoundsFormatTest {
    private static final String ROUND = """
            {"atMs": 0, "action": "isolate", "node": "random", "bind": "a"},
            {"atMs": 0, "action": "isolate", "node": "random", "bind": "b"},
            {"atMs": 1000, "action": "heal"},
            {"atMs": 1000, "action": "check", "condition": "oneLeader", "withinMs": 1500}""";

    @Test
    void roundsAreWrittenOutAsStepsAtTheirTimes() {
        Scenario scenario = parse(10000, "{\"atMs\": 1000, \"action\": \"rounds\", \"count\": 3, \"everyMs\": 3000, \"steps\": [" + ROUND + "]}");
        assertEquals(12, scenario.faults().size());
        assertEquals(7_000_000, scenario.faults().get(8).atMicros(), "round 3 starts at 1000 + 2 x 3000 ms");
        assertEquals(NodeRef.RANDOM, ((FaultStep.Isolate) assertInstanceOf(FaultStep.Staged.class, scenario.faults().get(8)).step()).node());
        assertEquals(scenario, ScenarioReader.parse(ScenarioWriter.toJson(scenario), "written"), "the writer writes the steps out");
    }

    @Test
    void aRoundCountOutOfRangeIsOneLine() {
        refused("f.json: faults[0].count: 1001 is outside 1..1000", 100000, "{\"action\": \"rounds\", \"count\": 1001, \"everyMs\": 10, \"steps\": [" + ROUND + "]}");
        refused("f.json: faults[0].count: 0 is outside 1..1000", 10000, "{\"action\": \"rounds\", \"count\": 0, \"everyMs\": 3000, \"steps\": [" + ROUND + "]}");
        refused("f.json: faults[0].count: missing; how many rounds, 1..1000", 10000, "{\"action\": \"rounds\", \"everyMs\": 3000, \"steps\": [" + ROUND + "]}");
        refused("f.json: faults[0].count: 4 rounds of 3000 ms from 0 ms end at 12000 ms, after durationMs 10000", 10000,
                "{\"action\": \"rounds\", \"count\": 4, \"everyMs\": 3000, \"steps\": [" + ROUND + "]}");
    }

    @Test
    void aRoundsStepThatDoesNotFitIsOneLine() {
        refused("f.json: faults[0].everyMs: missing; the length of one round, 1..10000 ms", 10000, "{\"action\": \"rounds\", \"count\": 2, \"steps\": [" + ROUND + "]}");
        refused("f.json: faults[0].steps[0].withinMs: 2500 ends at 3500 ms, after everyMs 3000, the round's length: the next round would start before it is judged",
                10000, "{\"action\": \"rounds\", \"count\": 2, \"everyMs\": 3000, \"steps\": [{\"atMs\": 1000, \"action\": \"check\", \"condition\": \"oneLeader\", \"withinMs\": 2500}]}");
        refused("f.json: faults[0].steps[0].action: rounds do not nest", 10000,
                "{\"action\": \"rounds\", \"count\": 2, \"everyMs\": 3000, \"steps\": [{\"action\": \"rounds\", \"count\": 1, \"everyMs\": 1, \"steps\": []}]}");
        refused("f.json: faults[0].steps[0] (round 1): \"$z\": no earlier step binds \"z\"", 10000,
                "{\"action\": \"rounds\", \"count\": 2, \"everyMs\": 3000, \"steps\": [{\"atMs\": 0, \"action\": \"crash\", \"node\": \"$z\"}]}");
    }

    private static Scenario parse(long durationMs, String step) {
        return ScenarioReader.parse("{\"durationMs\": " + durationMs + ", \"faults\": [" + step + "]}", "f.json");
    }

    private static void refused(String expected, long durationMs, String step) {
        String message = assertThrows(ScenarioException.class, () -> parse(durationMs, step)).getMessage();
        assertEquals(expected, message);
        assertFalse(message.contains("\n"));
    }
}
