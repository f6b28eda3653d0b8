package io.raftsim.scenarios.run;

import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import io.raftsim.scenarios.format.ScenarioWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dissertation §3.10 through the scenario runner: the catalogue's leadership-transfer and the step's format. */
@DisplayName("Leadership transfer through the scenario runner")
class LeadershipTransferTest {

    @Test
    @DisplayName("leadership-transfer: the server after the leader leads the very next term, on 200 seeds")
    void targetLeadsTheNextTerm() {
        assertEquals(List.of(), wrongHandOvers(Catalogue.load("leadership-transfer"), 200));
    }

    @Test
    @DisplayName("leadership-transfer on MicroRaft, through its own transferLeadership: the target leads the next term too")
    void microRaftHandsOverToo() {
        Scenario scenario = Catalogue.load("leadership-transfer");
        scenario = scenario.withImplementation(scenario.implementation().with("microraft", java.util.Map.of()));
        assertEquals(List.of(), wrongHandOvers(scenario, 20));
    }

    private static List<String> wrongHandOvers(Scenario scenario, int seeds) {
        List<String> wrong = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            ScenarioResult result = ScenarioRunner.run(scenario, seed);
            var leaders = result.stats().leaderOfTerm();
            long firstTerm = leaders.firstKey();
            int first = leaders.get(firstTerm);
            boolean handedOver = result.passed() && leaders.size() == 2 && leaders.containsKey(firstTerm + 1)
                    && leaders.get(firstTerm + 1) == (first + 1) % scenario.nodes();
            if (!handedOver) {
                wrong.add("seed " + seed + ": " + leaders + " " + result);
            }
        }
        return wrong;
    }

    @Test
    @DisplayName("transferLeadership reads and writes as written, and needs LEADERSHIP_TRANSFER of the implementation")
    void stepRoundTripsAndIsARequirement() {
        Scenario scenario = Catalogue.load("leadership-transfer");
        Scenario again = ScenarioReader.parse(ScenarioWriter.toJson(scenario), "again.json");
        assertTrue(again.faults().stream().anyMatch(step -> step instanceof FaultStep.TransferLeadership t && t.node().name().equals("$target")));
        assertEquals("faults has a transferLeadership step", Requirements.of(scenario).get(io.raftsim.harness.spi.Feature.LEADERSHIP_TRANSFER));
    }
}
