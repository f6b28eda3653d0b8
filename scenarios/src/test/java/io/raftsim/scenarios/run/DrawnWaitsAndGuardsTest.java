package io.raftsim.scenarios.run;

import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A guarded step runs only while fewer servers are up than its bound; a drawn wait moves its step per seed, the same for the same seed. */
class DrawnWaitsAndGuardsTest {
    private static final String CRASH = "{\"atMs\": 1000, \"action\": \"crash\", \"node\": \"n1\"}";
    /** A crashed or cut-off server applies nothing new, so this tells whether n1 came back (restarted or reconnected). */
    private static final String N1_APPLIES = "{\"atMs\": 3000, \"action\": \"check\", \"condition\": \"applied\", \"index\": \"next\", \"among\": [\"n1\"], \"withinMs\": 3000}";

    @Test
    void aGuardedRestartRunsOnlyWithFewerServersUpThanItsBound() {
        // Four of five are up after the crash: fewer than 5, not fewer than 4.
        ScenarioResult ran = run(CRASH, "{\"atMs\": 2000, \"ifUpBelow\": 5, \"action\": \"restart\", \"node\": \"n1\"}", N1_APPLIES);
        assertEquals(Outcome.PASSED, ran.outcome(), ran.toString());
        ScenarioResult skipped = run(CRASH, "{\"atMs\": 2000, \"ifUpBelow\": 4, \"action\": \"restart\", \"node\": \"n1\"}", N1_APPLIES);
        assertEquals(Outcome.CHECK_FAILED, skipped.outcome(), "the restart was skipped, n1 stayed down: " + skipped);
    }

    /** n1 and n2 disconnected as the course does (server links only; clients still reach them). */
    private static final String DISCONNECT_TWO = "{\"atMs\": 1000, \"action\": \"partition\", \"groups\": [[\"n1\"], [\"rest\"]]},"
            + "{\"atMs\": 1000, \"action\": \"partition\", \"groups\": [[\"n2\"], [\"rest\"]]}";

    @Test
    void reconnectBringsBackOneServerAndTheConnectedGuardCountsTheCourseWay() {
        // Three of five are up and connected after the two cuts: fewer than 4, not fewer than 3.
        ScenarioResult ran = run(DISCONNECT_TWO, "{\"atMs\": 2000, \"ifConnectedBelow\": 4, \"action\": \"reconnect\", \"node\": \"n1\"}", N1_APPLIES);
        assertEquals(Outcome.PASSED, ran.outcome(), ran.toString());
        ScenarioResult skipped = run(DISCONNECT_TWO, "{\"atMs\": 2000, \"ifConnectedBelow\": 3, \"action\": \"reconnect\", \"node\": \"n1\"}", N1_APPLIES);
        assertEquals(Outcome.CHECK_FAILED, skipped.outcome(), "the reconnect was skipped, n1 stayed cut off: " + skipped);
        // ifUpBelow counts crashed servers only: all five are up, so it would skip where ifConnectedBelow runs.
        ScenarioResult up = run(DISCONNECT_TWO, "{\"atMs\": 2000, \"ifUpBelow\": 4, \"action\": \"reconnect\", \"node\": \"n1\"}", N1_APPLIES);
        assertEquals(Outcome.CHECK_FAILED, up.outcome(), up.toString());
        // Reconnecting n1 leaves its link with n2, still cut off, cut: n2 applies nothing new.
        ScenarioResult n2 = run(DISCONNECT_TWO, "{\"atMs\": 2000, \"action\": \"reconnect\", \"node\": \"n1\"}",
                "{\"atMs\": 3000, \"action\": \"check\", \"condition\": \"applied\", \"index\": \"next\", \"among\": [\"n2\"], \"withinMs\": 3000}");
        assertEquals(Outcome.CHECK_FAILED, n2.outcome(), n2.toString());
    }

    @Test
    void aDrawnWaitMovesItsStepPerSeedAndReplays() {
        Scenario scenario = scenario("{\"atMs\": 1000, \"waitMs\": {\"min\": 0, \"max\": 500}, \"action\": \"crash\", \"node\": \"n1\"}",
                "{\"atMs\": 1600, \"action\": \"restart\", \"node\": \"n1\"}");
        assertEquals(ScenarioRunner.run(scenario, 3).run().digest(), ScenarioRunner.run(scenario, 3).run().digest());
        Scenario fixed = scenario("{\"atMs\": 1000, \"action\": \"crash\", \"node\": \"n1\"}", "{\"atMs\": 1600, \"action\": \"restart\", \"node\": \"n1\"}");
        assertNotEquals(ScenarioRunner.run(fixed, 3).run().digest(), ScenarioRunner.run(scenario, 3).run().digest(), "the crash moved");
    }

    private static ScenarioResult run(String... steps) {
        return ScenarioRunner.run(scenario(steps), 1);
    }

    private static Scenario scenario(String... steps) {
        return ScenarioReader.parse("{\"nodes\": 5, \"durationMs\": 7000, \"clients\": {\"count\": 2}, \"faults\": [" + String.join(",", steps) + "]}", "t.json");
    }
}
