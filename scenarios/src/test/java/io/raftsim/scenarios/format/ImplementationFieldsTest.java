package io.raftsim.scenarios.format;

import io.raftsim.harness.spi.Feature;
import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.run.Requirements;
import io.raftsim.scenarios.run.ScenarioRunner;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The implementation a scenario runs, its settings and what it requires: read strictly, written back, enforced by the runner. */
class ImplementationFieldsTest {
    @Test
    void aScenarioRunsTheProjectsOwnRaftUnlessItSaysOtherwise() {
        Scenario scenario = ScenarioReader.parse("{}", "t.json");
        assertEquals(ImplementationChoice.DEFAULT, scenario.implementation());
        assertFalse(ScenarioWriter.toJson(scenario).contains("implementation"), "the default is not written, so old hashes stay");
    }

    @Test
    void anUnknownImplementationIsOneLineNamingTheFieldAndTheKnownOnes() {
        ScenarioException error = assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("{\"implementation\": \"etcd\"}", "t.json"));
        assertEquals("t.json: implementation: \"etcd\" is not an implementation on the class path (microraft, raftsim)", error.getMessage());
    }

    @Test
    void theImplementationValidatesItsOwnSettings() {
        ScenarioException error = assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("{\"implementationSettings\": {\"snapshotEvery\": 10}}", "t.json"));
        assertEquals("t.json: implementationSettings: raftsim: snapshotEvery=10: raftsim has no implementation settings", error.getMessage());
        ScenarioException notScalar = assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("{\"implementationSettings\": {\"k\": [1]}}", "t.json"));
        assertEquals("t.json: implementationSettings.k: [1] is not a setting value (a string, number or boolean)", notScalar.getMessage());
    }

    @Test
    void requiresNamesFeaturesAndIsWrittenBack() {
        Scenario scenario = ScenarioReader.parse("{\"requires\": [\"SNAPSHOTS\", \"EXACT_TIMING\"]}", "t.json");
        assertEquals(new TreeSet<>(List.of(Feature.EXACT_TIMING, Feature.SNAPSHOTS)), scenario.implementation().requires());
        assertEquals(scenario, ScenarioReader.parse(ScenarioWriter.toJson(scenario), "again.json"));
        ScenarioException error = assertThrows(ScenarioException.class, () -> ScenarioReader.parse("{\"requires\": [\"SNAPSHOT\"]}", "t.json"));
        assertTrue(error.getMessage().startsWith("t.json: requires[0]: \"SNAPSHOT\" is not a feature (PRE_VOTE, "), error.getMessage());
    }

    @Test
    void aScenarioNeedingWhatTheImplementationLacksIsRefusedWithTheReason() {
        // The model now has every feature, so the example is MicroRaft, which draws no staged election timeouts.
        Scenario needsIt = ScenarioReader.parse(
                "{\"implementation\": \"microraft\", \"requires\": [\"STAGED_ELECTION_TIMEOUTS\"], \"durationMs\": 100}", "t.json");
        assertEquals(List.of("the scenario requires it, which needs STAGED_ELECTION_TIMEOUTS: microraft does not support it"),
                Requirements.missing(needsIt));
        ScenarioException error = assertThrows(ScenarioException.class, () -> ScenarioRunner.run(needsIt, 1));
        assertTrue(error.getMessage().contains("STAGED_ELECTION_TIMEOUTS"), error.getMessage());
        assertEquals(List.of(), Requirements.missing(Catalogue.load("figure-8")), "the model supports everything the catalogue asks");
    }

    @Test
    void settingsDerivedNeedsAreNamedWithTheirField() {
        Map<Feature, String> needs = Requirements.of(Catalogue.load("figure-8"));
        assertEquals("initialState starts servers from a written state", needs.get(Feature.PRELOAD));
        Map<Feature, String> prevote = Requirements.of(Catalogue.load("asymmetric-partition-prevote-checkquorum"));
        assertEquals("raft.preVote is true", prevote.get(Feature.PRE_VOTE));
        assertEquals("raft.checkQuorum is true", prevote.get(Feature.CHECK_QUORUM));
    }

    @Test
    void overridingTheNetworkKeepsTheNotes() {
        // withNetwork used to drop the notes (it called the constructor without them).
        Scenario narrated = Catalogue.load("partition-healing");
        assertFalse(narrated.notes().isEmpty());
        assertEquals(narrated.notes(), narrated.withNetwork(narrated.network()).notes());
        assertEquals(narrated.implementation(), narrated.withNetwork(narrated.network()).implementation());
    }
}
