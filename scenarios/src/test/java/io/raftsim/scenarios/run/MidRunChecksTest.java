package io.raftsim.scenarios.run;

import io.raftsim.scenarios.format.Condition;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks, waits and bound names in a run: each asserted both ways, so a check that never judges would fail here. */
class MidRunChecksTest {
    @Test
    void oneLeaderWithinADeadlinePassesOnAHealthyCluster() {
        ScenarioResult result = run(6000, 0, "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"oneLeader\", \"withinMs\": 5000}");
        assertEquals(Outcome.PASSED, result.outcome(), result.toString());
    }

    @Test
    void aMissedDeadlineEndsTheRunAtOnceNamingStepTimeAndCondition() {
        // The old leader keeps leading in its own term, cut off: two leaders, never exactly one, until the deadline.
        ScenarioResult result = run(20000, 0,
                "{\"atMs\": 2000, \"when\": \"oneLeader\", \"withinMs\": 1000, \"action\": \"isolate\", \"node\": \"leader\", \"bind\": \"old\"}",
                "{\"atMs\": 3000, \"action\": \"check\", \"condition\": \"oneLeader\", \"withinMs\": 4000}");
        assertEquals(Outcome.CHECK_FAILED, result.outcome(), result.toString());
        assertEquals(7, result.outcome().exitCode());
        assertEquals(Condition.of(Condition.Kind.ONE_LEADER), result.failedCheck().condition());
        assertEquals(7_000_000, result.failedCheck().atMicros(), "judged at its deadline, not at the end of the run");
        assertEquals(7_000_000, result.run().virtualTimeMicros(), "the run ended at once");
        assertTrue(result.message().startsWith("faults[1] (check at 3000 ms): oneLeader did not hold within"), result.message());
    }

    @Test
    void theSameCheckLeavingTheCutLeaderOutPasses() {
        ScenarioResult result = run(20000, 0,
                "{\"atMs\": 2000, \"when\": \"oneLeader\", \"withinMs\": 1000, \"action\": \"isolate\", \"node\": \"leader\", \"bind\": \"old\"}",
                "{\"atMs\": 3000, \"action\": \"check\", \"condition\": \"oneLeader\", \"except\": [\"$old\"], \"withinMs\": 4000}",
                "{\"atMs\": 3000, \"action\": \"check\", \"condition\": \"noLeader\", \"among\": [\"$old\"], \"forMs\": 1}");
        // The cut leader still leads (no CheckQuorum): the window check on it must fail, the other pass first.
        assertEquals(Outcome.CHECK_FAILED, result.outcome(), result.toString());
        assertEquals(new Condition(Condition.Kind.NO_LEADER, List.of(NodeRef.binding("old")), List.of(), 0, 0), result.failedCheck().condition());
        assertEquals(3_000_000, result.failedCheck().atMicros(), "a window check fails at the first step it breaks");
    }

    @Test
    void aWindowCheckPassesWhenItHoldsThroughout() {
        ScenarioResult result = run(10000, 0,
                "{\"atMs\": 1000, \"when\": \"oneLeader\", \"withinMs\": 1000, \"action\": \"isolate\", \"node\": \"follower\", \"bind\": \"f\"}",
                "{\"atMs\": 2000, \"action\": \"check\", \"condition\": \"noLeader\", \"among\": [\"$f\"], \"forMs\": 5000}");
        assertEquals(Outcome.PASSED, result.outcome(), "an isolated follower never leads: " + result);
    }

    @Test
    void aBoundNameMeansTheSameServerLater() {
        String crash = "{\"atMs\": 1000, \"when\": \"oneLeader\", \"withinMs\": 1000, \"action\": \"crash\", \"node\": \"leader\", \"bind\": \"old\"}";
        String check = "{\"atMs\": 4000, \"action\": \"check\", \"condition\": \"applied\", \"index\": \"next\", \"among\": [\"$old\"], \"withinMs\": 3000}";
        ScenarioResult restartedIt = run(8000, 2, crash, "{\"atMs\": 3000, \"action\": \"restart\", \"node\": \"$old\"}", check);
        assertEquals(Outcome.PASSED, restartedIt.outcome(), restartedIt.toString());
        ScenarioResult leftDown = run(8000, 2, crash, check);
        assertEquals(Outcome.CHECK_FAILED, leftDown.outcome(), "a crashed server applies nothing: " + leftDown);
    }

    @Test
    void aStepThatWaitsRunsOnceTheConditionHolds() {
        // At 0 ms nobody leads: "crash leader" alone is skipped, waiting for a leader it crashes one.
        String waiting = "{\"atMs\": 0, \"when\": \"oneLeader\", \"withinMs\": 3000, \"action\": \"crash\", \"node\": \"leader\"}";
        ScenarioResult waited = runExpecting(6000, "leaderChanged", waiting);
        assertEquals(Outcome.PASSED, waited.outcome(), waited.toString());
        ScenarioResult notWaited = runExpecting(6000, "leaderChanged", "{\"atMs\": 0, \"action\": \"crash\", \"node\": \"leader\"}");
        assertEquals(Outcome.EXPECTATION_NOT_MET, notWaited.outcome(), notWaited.toString());
    }

    @Test
    void aWaitPastItsBoundFailsTheRun() {
        // No first election takes under 150 ms, the shortest election timeout.
        ScenarioResult result = run(6000, 0, "{\"atMs\": 0, \"when\": \"oneLeader\", \"withinMs\": 100, \"action\": \"crash\", \"node\": \"leader\"}");
        assertEquals(Outcome.CHECK_FAILED, result.outcome(), result.toString());
        assertEquals(100_000, result.failedCheck().atMicros());
        assertTrue(result.message().contains("the step waited for it"), result.message());
    }

    @Test
    void notCommittedCatchesACommitAndCommittedWaitsForOne() {
        String committed = "{\"atMs\": 1000, \"action\": \"check\", \"condition\": \"committed\", \"index\": \"next\", \"withinMs\": 3000}";
        assertEquals(Outcome.PASSED, run(5000, 2, committed).outcome());
        String notCommitted = "{\"atMs\": 1000, \"action\": \"check\", \"condition\": \"notCommitted\", \"index\": \"next\", \"forMs\": 3000}";
        ScenarioResult result = run(5000, 2, notCommitted);
        assertEquals(Outcome.CHECK_FAILED, result.outcome(), "clients write all the time: " + result);
        assertEquals(Outcome.CHECK_FAILED, run(5000, 0, committed).outcome(), "without clients nothing new commits");
    }

    @Test
    void aFollowerIsDrawnFromTheSeedTheSameWayEachRun() {
        String isolate = "{\"atMs\": 1000, \"when\": \"oneLeader\", \"withinMs\": 1000, \"action\": \"isolate\", \"node\": \"follower\"}";
        for (long seed = 1; seed <= 3; seed++) {
            Scenario scenario = scenario(5000, 2, isolate);
            assertEquals(ScenarioRunner.run(scenario, seed).run().digest(), ScenarioRunner.run(scenario, seed).run().digest());
        }
    }

    private static ScenarioResult run(long durationMs, int clients, String... steps) {
        return ScenarioRunner.run(scenario(durationMs, clients, steps), 1);
    }

    private static ScenarioResult runExpecting(long durationMs, String expectation, String... steps) {
        String json = "{\"nodes\": 3, \"durationMs\": " + durationMs + ", \"clients\": {\"count\": 0}, \"expect\": [\"" + expectation + "\"], \"faults\": ["
                + String.join(",", steps) + "]}";
        return ScenarioRunner.run(ScenarioReader.parse(json, "t.json"), 1);
    }

    private static Scenario scenario(long durationMs, int clients, String... steps) {
        String json = "{\"nodes\": 3, \"durationMs\": " + durationMs + ", \"clients\": {\"count\": " + clients + "}, \"faults\": ["
                + String.join(",", steps) + "]}";
        Scenario scenario = ScenarioReader.parse(json, "t.json");
        assertNotNull(scenario);
        assertFalse(scenario.faults().isEmpty());
        return scenario;
    }
}
