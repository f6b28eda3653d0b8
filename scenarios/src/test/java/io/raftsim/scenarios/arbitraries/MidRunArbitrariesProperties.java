package io.raftsim.scenarios.arbitraries;

import io.raftsim.scenarios.format.ClientLinks;
import io.raftsim.scenarios.format.Condition;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import io.raftsim.scenarios.format.ScenarioWriter;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.Requirements;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.ScenarioRunner;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arbitraries for the mid-run vocabulary draw only scenarios a file can hold: each goes
 * through ScenarioWriter and ScenarioReader unchanged, and runs to a clear, bounded outcome.
 */
class MidRunArbitrariesProperties {
    private static final long DURATION_MS = 3_000;

    @Property(tries = 300)
    void everyDrawnScenarioRoundTripsThroughTheFileFormatUnchanged(@ForAll("stories") Scenario scenario) {
        String json = ScenarioWriter.toJson(scenario);
        assertEquals(scenario, ScenarioReader.parse(json, "drawn.json"), json);
    }

    @Property(tries = 40)
    void everyDrawnScenarioRunsToAClearBoundedOutcome(@ForAll("stories") Scenario scenario, @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        assertEquals(List.of(), Requirements.missing(scenario), "the model runs everything drawn");
        ScenarioResult result = ScenarioRunner.run(scenario, seed);
        assertNotNull(result.outcome());
        assertTrue(result.outcome() != Outcome.LIMIT_REACHED, () -> "a 3 s run stays far inside its bounds: " + result);
        if (result.outcome() == Outcome.CHECK_FAILED) {
            assertNotNull(result.failedCheck(), "a missed check names its step and condition: " + result);
            assertTrue(result.failedCheck().atMicros() <= DURATION_MS * 1000, result.toString());
        }
    }

    /** The arbitraries reach the whole vocabulary, not just its easiest corner (a fixed seed, so this never flickers). */
    @Property(tries = 1, seed = "20261202")
    void theWholeVocabularyIsDrawn(@ForAll("manyStories") List<Scenario> scenarios) {
        Set<String> kinds = new TreeSet<>();
        boolean clientLinks = false;
        boolean noNoOp = false;
        for (Scenario scenario : scenarios) {
            scenario.faults().forEach(step -> kinds.add(kind(step)));
            clientLinks |= !scenario.network().clients().equals(ClientLinks.NONE)
                    && !scenario.network().clients().replies().isEmpty() && !scenario.network().clients().requests().isEmpty();
            noNoOp |= !scenario.raft().leaderNoOp();
            for (FaultStep step : scenario.faults()) {
                if (step instanceof FaultStep.Check check) {
                    check.condition().references().forEach(ref -> kinds.add(ref.isBinding() ? "$NAME" : "nK"));
                }
            }
        }
        for (String expected : List.of("check oneLeader", "check noLeader", "check committed", "check notCommitted", "check applied",
                "check committed command", "check applied command", "check notCommitted command", "check rpcsAtMost", "check bytesAtMost",
                "check rpcsAtMost until", "check bytesAtMost until", "bind", "staged isolate bind when", "staged pause bind when",
                "staged submit when", "staged isolate bind", "staged crash waitMs", "staged crash waitMs tail", "staged restart waitMs ifUpBelow", "staged partition waitMs", "staged reconnect waitMs ifConnectedBelow", "heal", "submit", "$NAME", "nK",
                "changeMembership", "addServer", "promoteLearner", "removeServer")) {
            assertTrue(kinds.contains(expected), expected + " is never drawn: " + kinds);
        }
        assertTrue(clientLinks, "client links with both directions set are drawn");
        assertTrue(noNoOp, "the no-op turned off is drawn");
    }

    private static String kind(FaultStep step) {
        if (step instanceof FaultStep.Check check) {
            Condition condition = check.condition();
            return "check " + condition.kind().key() + (condition.byCommand() ? " command" : "") + (check.until() != null ? " until" : "");
        }
        if (step instanceof FaultStep.Staged staged) {
            return "staged " + staged.action() + (staged.bind() != null ? " bind" : "") + (staged.when() != null ? " when" : "")
                    + (staged.drawnWait() != null ? " waitMs" + (staged.drawnWait().tailRate() > 0 ? " tail" : "") : "") + (staged.ifUpBelow() > 0 ? " ifUpBelow" : "")
                    + (staged.ifConnectedBelow() > 0 ? " ifConnectedBelow" : "");
        }
        return step.action();
    }

    @Provide
    Arbitrary<List<Scenario>> manyStories() {
        return ScenarioArbitraries.midRunScenarios(5, DURATION_MS).list().ofSize(150);
    }

    @Provide
    Arbitrary<Scenario> stories() {
        return ScenarioArbitraries.midRunScenarios(5, DURATION_MS);
    }
}
