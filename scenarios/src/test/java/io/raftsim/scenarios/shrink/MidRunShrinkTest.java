package io.raftsim.scenarios.shrink;

import io.raftsim.scenarios.format.Bindings;
import io.raftsim.scenarios.format.Condition;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import io.raftsim.scenarios.format.ScenarioWriter;
import io.raftsim.scenarios.format.SubmittedCommands;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.ScenarioRunner;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A shrunk mid-run check failure misses the same condition and keeps the step that binds the names it uses. */
class MidRunShrinkTest {
    /** The cut-off leader still leads (no CheckQuorum), so "no leader among $old" breaks at once; the rest is noise. */
    private static final String FAILING = """
            {"nodes": 5, "durationMs": 8000, "clients": {"count": 2}, "faults": [
              {"atMs": 500, "action": "drift", "node": "n2", "rate": 1.2},
              {"atMs": 1000, "when": "oneLeader", "withinMs": 1000, "action": "isolate", "node": "leader", "bind": "old"},
              {"atMs": 1500, "action": "clientBurst", "count": 20},
              {"atMs": 2500, "action": "check", "condition": "noLeader", "among": ["$old"], "forMs": 1000},
              {"atMs": 3000, "action": "pause", "node": "n4"},
              {"atMs": 4000, "action": "resume", "node": "n4"},
              {"atMs": 5000, "action": "check", "condition": "oneLeader", "withinMs": 2000}
            ]}""";

    @Test
    void theShrunkScenarioMissesTheSameConditionAndKeepsItsBinding() {
        Scenario scenario = ScenarioReader.parse(FAILING, "failing.json");
        ScenarioResult original = ScenarioRunner.run(scenario, 1);
        assertEquals(Outcome.CHECK_FAILED, original.outcome(), original.toString());

        // Every candidate the shrinker runs must be a file the reader accepts: no $old without its binding step.
        int[] runs = {0};
        Shrinker shrinker = new Shrinker((candidate, seed) -> {
            assertNull(Bindings.firstUnbound(candidate.faults()), "a candidate lost its binding: " + candidate.faults());
            runs[0]++;
            return ScenarioRunner.run(candidate, seed);
        }, 300);
        Shrinker.Shrunk shrunk = shrinker.shrink(scenario, 1);
        assertTrue(runs[0] > 5, "the shrinker tried candidates: " + runs[0]);

        assertTrue(shrunk.failure().failsLike(original), shrunk.failure().toString());
        assertEquals(original.failedCheck().condition(), shrunk.failure().failedCheck().condition());
        assertNull(Bindings.firstUnbound(shrunk.scenario().faults()), "every $name still bound: " + shrunk.scenario().faults());
        assertTrue(shrunk.scenario().faults().stream().anyMatch(step -> "old".equals(Bindings.boundName(step))), shrunk.scenario().faults().toString());
        assertTrue(shrunk.faultCount() <= 3, "the noise goes: " + shrunk.scenario().faults());
        Scenario written = ScenarioReader.parse(ScenarioWriter.toJson(shrunk.scenario()), "shrunk");
        assertEquals(Outcome.CHECK_FAILED, ScenarioRunner.run(written, written.seed()).outcome(), "the written file reads and fails too");
    }

    /** The command goes to a leader cut off from the others, so it is not committed on every server in time; the rest is noise. */
    private static final String FAILING_COMMAND = """
            {"nodes": 3, "durationMs": 6000, "clients": {"count": 1, "opsPerSecond": 0}, "faults": [
              {"atMs": 500, "action": "drift", "node": "n2", "rate": 1.2},
              {"atMs": 1000, "when": "oneLeader", "withinMs": 1000, "action": "isolate", "node": "leader", "bind": "old"},
              {"atMs": 2000, "action": "submit", "count": 1, "node": "$old"},
              {"atMs": 2000, "action": "check", "condition": "committed", "command": 1, "withinMs": 2000},
              {"atMs": 3000, "action": "pause", "node": "n3"},
              {"atMs": 3500, "action": "resume", "node": "n3"},
              {"atMs": 5000, "action": "heal"}
            ]}""";

    @Test
    void aShrunkCommandCheckKeepsTheSubmitItCountsOn() {
        Scenario scenario = ScenarioReader.parse(FAILING_COMMAND, "failing.json");
        ScenarioResult original = ScenarioRunner.run(scenario, 1);
        assertEquals(Outcome.CHECK_FAILED, original.outcome(), original.toString());
        // Without the submit the check would miss for want of a command: the same condition, no failure of Raft.
        Shrinker shrinker = new Shrinker((candidate, seed) -> {
            assertNull(SubmittedCommands.firstBeyond(candidate.faults(), candidate.nodes()), "a candidate lost its submit: " + candidate.faults());
            return ScenarioRunner.run(candidate, seed);
        }, 300);
        Shrinker.Shrunk shrunk = shrinker.shrink(scenario, 1);
        assertEquals(original.failedCheck().condition(), shrunk.failure().failedCheck().condition());
        assertTrue(shrunk.scenario().faults().stream().anyMatch(step -> step instanceof FaultStep.Submit || step instanceof FaultStep.Staged staged && staged.step() instanceof FaultStep.Submit), shrunk.scenario().faults().toString());
        assertTrue(shrunk.faultCount() < scenario.faults().size(), "the noise goes: " + shrunk.scenario().faults());
    }

    /**
     * The same story with the clients' own workload running: a candidate without the submit
     * would still feed the check with commands (so the guard on unfed checks lets it through),
     * but "command 1" would then name a command no submit step makes, which the reader refuses.
     * Only the guard on submitted commands keeps the submit.
     */
    @Test
    void aShrunkCommandCheckKeepsItsSubmitEvenWhenTheWorkloadFeedsIt() {
        Scenario scenario = ScenarioReader.parse(FAILING_COMMAND.replace("\"opsPerSecond\": 0", "\"opsPerSecond\": 20"), "failing.json");
        assertTrue(scenario.clients().opsPerSecond() > 0);
        ScenarioResult original = ScenarioRunner.run(scenario, 1);
        assertEquals(Outcome.CHECK_FAILED, original.outcome(), original.toString());
        int[] runs = {0};
        Shrinker shrinker = new Shrinker((candidate, seed) -> {
            assertNull(SubmittedCommands.firstBeyond(candidate.faults(), candidate.nodes()), "a candidate lost its submit: " + candidate.faults());
            runs[0]++;
            return ScenarioRunner.run(candidate, seed);
        }, 300);
        Shrinker.Shrunk shrunk = shrinker.shrink(scenario, 1);
        assertTrue(runs[0] > 3, "the shrinker tried candidates: " + runs[0]);
        assertEquals(original.failedCheck().condition(), shrunk.failure().failedCheck().condition());
        assertTrue(shrunk.scenario().faults().stream().anyMatch(step -> step instanceof FaultStep.Submit || step instanceof FaultStep.Staged staged && staged.step() instanceof FaultStep.Submit), shrunk.scenario().faults().toString());
        Scenario written = ScenarioReader.parse(ScenarioWriter.toJson(shrunk.scenario()), "shrunk");
        assertTrue(ScenarioRunner.run(written, written.seed()).failsLike(original), "the written file reads and fails too");
    }

    /**
     * A crashed server commits nothing, so "the next index on all three" is missed; but a run
     * without clients misses it too, for want of any new entry: that is no failure of Raft,
     * and a shrunk file saying so would be hollow.
     */
    private static final String FAILING_NEXT = """
            {"nodes": 3, "durationMs": 6000, "clients": {"count": 2}, "faults": [
              {"atMs": 500, "action": "drift", "node": "n2", "rate": 1.2},
              {"atMs": 1000, "action": "crash", "node": "n3"},
              {"atMs": 2000, "action": "check", "condition": "committed", "index": "next", "count": 3, "withinMs": 2000},
              {"atMs": 3000, "action": "pause", "node": "n1"},
              {"atMs": 3500, "action": "resume", "node": "n1"}
            ]}""";

    @Test
    void aShrunkNextIndexCheckKeepsTheClientsItWaitsOn() {
        Scenario scenario = ScenarioReader.parse(FAILING_NEXT, "failing.json");
        ScenarioResult original = ScenarioRunner.run(scenario, 1);
        assertEquals(Outcome.CHECK_FAILED, original.outcome(), original.toString());
        Shrinker shrinker = new Shrinker((candidate, seed) -> {
            assertNull(ClientCommands.firstUnfed(candidate), "a candidate lost every command its check waits on: " + candidate.clients() + " " + candidate.faults());
            return ScenarioRunner.run(candidate, seed);
        }, 300);
        Shrinker.Shrunk shrunk = shrinker.shrink(scenario, 1);
        assertEquals(original.failedCheck().condition(), shrunk.failure().failedCheck().condition());
        assertTrue(shrunk.scenario().clients().count() > 0, "a client is kept: " + shrunk.scenario().clients());
        assertTrue(shrunk.scenario().faults().stream().anyMatch(step -> step instanceof FaultStep.NodeAction crash && crash.action().equals("crash")),
                "the crash that makes the failure is kept: " + shrunk.scenario().faults());
        assertTrue(shrunk.faultCount() < scenario.faults().size(), "the noise goes: " + shrunk.scenario().faults());
    }

    @Test
    void drawnWaitsAreWrittenOutAtTheTimesTheSeedDrew() {
        Scenario scenario = ScenarioReader.parse(FAILING_NEXT.replace("{\"atMs\": 1000, \"action\": \"crash\"",
                "{\"atMs\": 1000, \"waitMs\": {\"min\": 0, \"max\": 400}, \"action\": \"crash\""), "failing.json");
        assertTrue(FaultStep.drawsWaits(scenario.faults()));
        assertEquals(FaultStep.resolveWaits(scenario.faults(), 5), Shrinker.explicit(scenario, 5).faults());
        ScenarioResult original = ScenarioRunner.run(scenario, 5);
        assertEquals(Outcome.CHECK_FAILED, original.outcome(), original.toString());
        Shrinker.Shrunk shrunk = new Shrinker(ScenarioRunner::run, 300).shrink(scenario, 5);
        assertFalse(FaultStep.drawsWaits(shrunk.scenario().faults()), "the shrunk file draws nothing: " + shrunk.scenario().faults());
        assertEquals(original.failedCheck().condition(), shrunk.failure().failedCheck().condition());
        Scenario written = ScenarioReader.parse(ScenarioWriter.toJson(shrunk.scenario()), "shrunk");
        assertTrue(ScenarioRunner.run(written, written.seed()).failsLike(original), "the written file replays the failure");
    }

    @Test
    void missingAnotherConditionIsAnotherFailure() {
        Scenario scenario = ScenarioReader.parse(FAILING, "failing.json");
        ScenarioResult original = ScenarioRunner.run(scenario, 1);
        // Without the window check, the run goes on to miss nothing or something else: never the same failure.
        Scenario other = scenario.withFaults(scenario.faults().stream().filter(step -> !(step instanceof FaultStep.Check check)
                || check.condition().kind() != Condition.Kind.NO_LEADER).toList());
        ScenarioResult result = ScenarioRunner.run(other, 1);
        assertFalse(result.failsLike(original), result.toString());
    }
}
