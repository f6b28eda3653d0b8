package io.raftsim.scenarios.format;

import io.raftsim.scenarios.catalogue.Catalogue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioFormatTest {
    @Test
    void everyCatalogueScenarioWritesAndReadsBackEqual() {
        for (String name : Catalogue.NAMES) {
            Scenario scenario = Catalogue.load(name);
            String json = ScenarioWriter.toJson(scenario);
            assertEquals(scenario, ScenarioReader.parse(json, name), name);
            assertEquals(json, ScenarioWriter.toJson(ScenarioReader.parse(json, name)), name);
        }
    }

    @Test
    void anEmptyObjectIsTheDocumentedDefaults() {
        Scenario scenario = ScenarioReader.parse("{}", "empty");
        assertEquals(5, scenario.nodes());
        assertEquals(20_000, scenario.durationMs());
        assertEquals(1, scenario.seed());
        assertEquals(RaftSettings.DEFAULT, scenario.raft());
        assertEquals(NetworkSettings.DEFAULT, scenario.network());
        assertEquals(ClientSettings.DEFAULT, scenario.clients());
        assertTrue(scenario.faults().isEmpty() && scenario.randomFaults() == null && scenario.expect().isEmpty());
    }

    @Test
    void faultsNameServersLeaderAndRest() {
        Scenario scenario = ScenarioReader.parse("""
                {"nodes": 5, "faults": [
                  {"atMs": 2000.5, "action": "partition", "groups": [["leader", "n1"], ["rest"]]},
                  {"atMs": 3000, "action": "network", "from": "n2", "to": "n3", "dropRate": 0.5},
                  {"atMs": 9000, "action": "heal"}]}""", "inline");
        FaultStep.Partition partition = (FaultStep.Partition) scenario.faults().get(0);
        assertEquals(2_000_500, partition.atMicros());
        assertEquals(List.of(List.of(NodeRef.LEADER, NodeRef.server(0)), List.of(NodeRef.REST)), partition.groups());
        FaultStep.Network network = (FaultStep.Network) scenario.faults().get(1);
        assertEquals(0.5, network.patch().dropRate());
        assertEquals(NodeRef.server(2), network.to());
    }

    @Test
    void restMayStandOnlyInPartitionGroups() {
        ScenarioException error = assertThrows(ScenarioException.class, () -> ScenarioReader.parse(
                "{\"faults\": [{\"atMs\": 1, \"action\": \"crash\", \"node\": \"rest\"}]}", "f.json"));
        assertEquals("f.json: faults[0].node: \"rest\" is not a server name (n1..n5, \"leader\", \"follower\", \"afterLeader\", \"random\", \"$NAME\")",
                error.getMessage());
    }

    @Test
    void aFaultAfterTheEndOfTheRunIsRejected() {
        ScenarioException error = assertThrows(ScenarioException.class, () -> ScenarioReader.parse(
                "{\"durationMs\": 1000, \"faults\": [{\"atMs\": 5000, \"action\": \"heal\"}]}", "f.json"));
        assertEquals("f.json: faults[0].atMs: 5000 is outside [0, 1000]", error.getMessage());
    }

    @Test
    void overridesAreValidatedLikeTheFile() {
        var tree = Overrides.apply(ScenarioReader.parseTree("{}", "t"), List.of("raft.preVote=true", "clients.count=0", "description=two words"));
        Scenario scenario = ScenarioReader.fromTree(tree, "t");
        assertTrue(scenario.raft().preVote());
        assertEquals(0, scenario.clients().count());
        assertEquals("two words", scenario.description());
    }

    /** Found by MutatedScenarioProperties (jqwik seed -2258322637314126185): a log term past 64 bits gave a stack trace. */
    @Test
    void aLogTermBeyondALongIsOneLine() {
        ScenarioException error = assertThrows(ScenarioException.class, () -> ScenarioReader.parse(
                "{\"initialState\": {\"n1\": {\"term\": 3, \"log\": [1, 29223372036854775808]}}}", "f.json"));
        assertEquals("f.json: initialState.n1.log[1]: 29223372036854775808 is not an entry term: terms are whole numbers from 1,"
                + " never decreasing, at most the server's term 3", error.getMessage());
    }
}
