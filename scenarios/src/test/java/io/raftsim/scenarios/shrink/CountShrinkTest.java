package io.raftsim.scenarios.shrink;

import io.raftsim.scenarios.format.Condition;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import io.raftsim.scenarios.format.ScenarioWriter;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.ScenarioRunner;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A shrunk count failure misses the same count with the same bound, and keeps the steps the count needs. */
class CountShrinkTest {
    /** Agreeing on 20 commands in a 5-server cluster costs more than 10 RPCs; the rest is noise. */
    private static final String FAILING = """
            {"nodes": 5, "durationMs": 8000, "clients": {"count": 4, "opsPerSecond": 0}, "faults": [
              {"atMs": 500, "action": "drift", "node": "n2", "rate": 1.2},
              {"atMs": 2000, "action": "check", "condition": "rpcsAtMost", "count": 10,
               "until": {"condition": "committed", "index": 18, "count": 3}, "withinMs": 3000},
              {"atMs": 2000, "when": "oneLeader", "withinMs": 1000, "action": "submit", "count": 20, "node": "follower"},
              {"atMs": 3000, "action": "pause", "node": "n4"},
              {"atMs": 4000, "action": "resume", "node": "n4"},
              {"atMs": 5000, "action": "check", "condition": "oneLeader", "withinMs": 2000}
            ]}""";

    @Test
    void theShrunkScenarioMissesTheSameCountAndBound() {
        Scenario scenario = ScenarioReader.parse(FAILING, "failing.json");
        ScenarioResult original = ScenarioRunner.run(scenario, 1);
        assertEquals(Outcome.CHECK_FAILED, original.outcome(), original.toString());
        assertEquals(Condition.atMost(Condition.Kind.RPCS_AT_MOST, 10), original.failedCheck().condition());

        Shrinker.Shrunk shrunk = new Shrinker(ScenarioRunner::run, 300).shrink(scenario, 1);
        assertTrue(shrunk.failure().failsLike(original), shrunk.failure().toString());
        assertEquals(Condition.atMost(Condition.Kind.RPCS_AT_MOST, 10), shrunk.failure().failedCheck().condition());
        // Five servers' heartbeats alone break 10 RPCs within the window, so the submit may go too;
        // the count check itself never goes (its bound is what the failure names).
        assertTrue(shrunk.scenario().faults().stream().anyMatch(step -> step instanceof FaultStep.Check check && check.condition().kind().counted()),
                shrunk.scenario().faults().toString());
        assertTrue(shrunk.faultCount() <= 3, "the noise goes: " + shrunk.scenario().faults());
        Scenario written = ScenarioReader.parse(ScenarioWriter.toJson(shrunk.scenario()), "shrunk");
        assertEquals(Outcome.CHECK_FAILED, ScenarioRunner.run(written, written.seed()).outcome(), "the written file reads and fails too");
    }
}
