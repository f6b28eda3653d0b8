package io.raftsim.scenarios.shrink;

import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.Expectation;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import io.raftsim.scenarios.format.ScenarioWriter;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.ScenarioRunner;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShrinkerTest {
    @Test
    void faultsDrawnFromTheSeedWrittenOutExplicitlyReplayTheSameRun() {
        Scenario random = Catalogue.load("random").withDurationMs(8_000);
        for (long seed = 1; seed <= 20; seed++) {
            Scenario explicit = Shrinker.explicit(random, seed);
            assertTrue(explicit.randomFaults() == null);
            // Through the file format too: what a shrink writes must replay exactly.
            Scenario reread = ScenarioReader.parse(ScenarioWriter.toJson(explicit), "explicit");
            assertEquals(explicit, reread);
            ScenarioResult drawn = ScenarioRunner.run(random, seed);
            ScenarioResult written = ScenarioRunner.run(reread, seed);
            assertEquals(drawn.run().digest(), written.run().digest(), "seed " + seed);
            assertEquals(drawn.run().steps(), written.run().steps(), "seed " + seed);
        }
    }

    @Test
    void onFewerServersAGuardBeyondThemGoesAndTheFileStillReads() {
        Scenario scenario = ScenarioReader.parse("{\"nodes\": 5, \"durationMs\": 3000, \"faults\": ["
                + "{\"atMs\": 100, \"ifUpBelow\": 5, \"action\": \"restart\", \"node\": \"n1\"},"
                + "{\"atMs\": 200, \"ifUpBelow\": 2, \"waitMs\": {\"min\": 0, \"max\": 5}, \"action\": \"crash\", \"node\": \"leader\"}]}", "g.json");
        Scenario three = Shrinker.withNodes(scenario, 3);
        assertEquals(List.of(new io.raftsim.scenarios.format.FaultStep.NodeAction(100_000, "restart", io.raftsim.scenarios.format.NodeRef.server(0))),
                three.faults().subList(0, 1), "fewer than 5 of 3 up always holds: the guard goes");
        assertEquals(scenario.faults().get(1), three.faults().get(1), "a guard within the cluster stays");
        assertEquals(three, ScenarioReader.parse(ScenarioWriter.toJson(three), "written"));
    }

    @Test
    void aFailureShrinksToAFewStepsThatStillFailTheSameWay() {
        // Crash churn can never keep one leader throughout: expecting it fails on every seed.
        Scenario churn = Catalogue.load("crash-churn").withExpect(List.of(new Expectation.ElectionsAtMost(1)));
        ScenarioResult original = ScenarioRunner.run(churn, 3);
        assertEquals(Outcome.EXPECTATION_NOT_MET, original.outcome());

        Shrinker.Shrunk shrunk = new Shrinker().shrink(churn, 3);

        assertTrue(shrunk.failure().failsLike(original), shrunk.failure().toString());
        assertTrue(shrunk.faultCount() <= 2, "at most a crash and its restart: " + shrunk.scenario().faults());
        assertTrue(shrunk.scenario().nodes() <= churn.nodes());
        assertEquals(0, shrunk.scenario().clients().count(), "clients are not needed to change leaders");
        assertTrue(shrunk.scenario().durationMs() < churn.durationMs());
        Scenario written = ScenarioReader.parse(ScenarioWriter.toJson(shrunk.scenario()), "shrunk");
        assertFalse(ScenarioRunner.run(written, written.seed()).passed(),
                "the written file fails too");
    }

    @Test
    void aConditionThatWasOnlyNotReachedIsNotShrunk() {
        // Missing "at least five elections" says nothing happened; any smaller run misses it too.
        Scenario quiet = Catalogue.load("election-basic").withExpect(List.of(new Expectation.ElectionsAtLeast(5)));
        io.raftsim.scenarios.format.ScenarioException refused = org.junit.jupiter.api.Assertions.assertThrows(
                io.raftsim.scenarios.format.ScenarioException.class, () -> new Shrinker().shrink(quiet, 1));
        assertTrue(refused.getMessage().contains("nothing to shrink"), refused.getMessage());
    }

    @Test
    void anUndecidedRunIsNotAFailureToShrink() {
        int[] runs = {0};
        Shrinker shrinker = new Shrinker((scenario, seed) -> {
            runs[0]++;
            return io.raftsim.scenarios.run.UndecidedRuns.undecided("log-replication", seed);
        }, 100);
        io.raftsim.scenarios.format.ScenarioException refused = org.junit.jupiter.api.Assertions.assertThrows(
                io.raftsim.scenarios.format.ScenarioException.class, () -> shrinker.shrink(Catalogue.load("log-replication"), 4));
        assertTrue(refused.getMessage().contains("is UNDECIDED, not failed"), refused.getMessage());
        assertEquals(1, runs[0], "refused before any candidate is run");
    }

    @Test
    void anUndecidedCandidateDoesNotFailLikeTheViolationBeingShrunk() {
        ScenarioResult undecided = io.raftsim.scenarios.run.UndecidedRuns.undecided("log-replication", 1);
        ScenarioResult violation = new ScenarioResult(undecided.scenario(), 1, Outcome.NOT_LINEARIZABLE, "Linearizability", "no linearization",
                undecided.cluster(), undecided.expectations(), undecided.stats());
        assertFalse(undecided.failsLike(violation), "same property, but an undecided run shows no violation");
    }
}
