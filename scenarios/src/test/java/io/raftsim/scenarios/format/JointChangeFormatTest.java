package io.raftsim.scenarios.format;

import io.raftsim.harness.spi.Feature;
import io.raftsim.scenarios.run.Requirements;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The changeMembership step (joint consensus, dissertation §4.3) in the file format: read, written back, each bad use one line. */
class JointChangeFormatTest {
    private static final String FILE = """
            {"nodes": 7, "durationMs": 10000, "initialMembers": ["n1", "n2", "n3"], "faults": [
              {"atMs": 500, "when": "committed", "withinMs": 1000, "action": "changeMembership", "addLearners": ["n4", "n5"]},
              {"atMs": 900, "action": "bind", "name": "old", "node": "leader"},
              {"atMs": 2000, "action": "changeMembership", "addVoters": ["n4", "n5", "n6"], "addLearners": ["n7"], "removeServers": ["leader", "$old"]}
            ]}""";

    @Test
    void stepsReadAndWriteBack() {
        Scenario scenario = ScenarioReader.parse(FILE, "f.json");
        FaultStep.Staged staged = assertInstanceOf(FaultStep.Staged.class, scenario.faults().get(0));
        FaultStep.JointChange learners = assertInstanceOf(FaultStep.JointChange.class, staged.step());
        assertEquals(List.of(NodeRef.server(3), NodeRef.server(4)), learners.addLearners());
        assertTrue(learners.addVoters().isEmpty() && learners.removeServers().isEmpty());
        FaultStep.JointChange change = assertInstanceOf(FaultStep.JointChange.class, scenario.faults().get(2));
        assertEquals("changeMembership", change.action());
        assertEquals(List.of(NodeRef.server(3), NodeRef.server(4), NodeRef.server(5)), change.addVoters());
        assertEquals(List.of(NodeRef.LEADER, NodeRef.binding("old")), change.removeServers());
        String json = ScenarioWriter.toJson(scenario);
        assertEquals(scenario, ScenarioReader.parse(json, "f.json"));
        assertFalse(json.contains("\"addVoters\": []") || json.contains("\"addVoters\":[]"), "an empty list is left out: " + json);
    }

    @Test
    void theStepNeedsJointConsensusAndMembershipChanges() {
        var needs = Requirements.of(ScenarioReader.parse(FILE, "f.json"));
        assertTrue(needs.containsKey(Feature.JOINT_CONSENSUS), needs.toString());
        assertTrue(needs.containsKey(Feature.MEMBERSHIP_CHANGES), needs.toString());
        var single = Requirements.of(ScenarioReader.parse("{\"faults\": [{\"atMs\": 0, \"action\": \"removeServer\", \"node\": \"n1\"}]}", "f.json"));
        assertFalse(single.containsKey(Feature.JOINT_CONSENSUS), "single-server steps need no joint consensus");
    }

    @Test
    void badJointChangesAreOneLine() {
        refused("f.json: faults[0].addVoters: missing; a changeMembership step names servers in addVoters, addLearners or removeServers",
                "{\"faults\": [{\"atMs\": 0, \"action\": \"changeMembership\"}]}");
        refused("f.json: faults[0].addVoters: missing; a changeMembership step names servers in addVoters, addLearners or removeServers",
                "{\"faults\": [{\"atMs\": 0, \"action\": \"changeMembership\", \"addVoters\": [], \"removeServers\": []}]}");
        refused("f.json: faults[0].removeServers[0]: \"n2\" is named twice in one change",
                "{\"faults\": [{\"atMs\": 0, \"action\": \"changeMembership\", \"addVoters\": [\"n2\"], \"removeServers\": [\"n2\"]}]}");
        refused("f.json: faults[0].addVoters[0]: \"leader\" is a voter already; only removeServers may name it",
                "{\"faults\": [{\"atMs\": 0, \"action\": \"changeMembership\", \"addVoters\": [\"leader\"]}]}");
        refused("f.json: faults[0].addLearners[0]: \"n9\" is not a server of this 5-node cluster (n1..n5)",
                "{\"faults\": [{\"atMs\": 0, \"action\": \"changeMembership\", \"addLearners\": [\"n9\"]}]}");
        refused("f.json: faults[0].removeServers[0]: \"follower\" is not a server name (n1..n5)",
                "{\"faults\": [{\"atMs\": 0, \"action\": \"changeMembership\", \"removeServers\": [\"follower\"]}]}");
        refused("f.json: faults[0].addVoters: 3 is not an array",
                "{\"faults\": [{\"atMs\": 0, \"action\": \"changeMembership\", \"addVoters\": 3}]}");
        refused("f.json: faults[0].node: unknown field",
                "{\"faults\": [{\"atMs\": 0, \"action\": \"changeMembership\", \"removeServers\": [\"n1\"], \"node\": \"n1\"}]}");
        refused("f.json: faults[0].bind: \"x\" cannot name the server of a changeMembership step; bind names the one server of an isolate,"
                        + " crash, restart, pause, resume, reconnect, drift, addServer, promoteLearner or removeServer step (or use a bind step)",
                "{\"faults\": [{\"atMs\": 0, \"action\": \"changeMembership\", \"removeServers\": [\"n1\"], \"bind\": \"x\"}]}");
        refused("f.json: faults[0]: \"$gone\": no earlier step binds \"gone\"",
                "{\"faults\": [{\"atMs\": 0, \"action\": \"changeMembership\", \"removeServers\": [\"$gone\"]}]}");
    }

    private static void refused(String expected, String json) {
        String message = assertThrows(ScenarioException.class, () -> ScenarioReader.parse(json, "f.json")).getMessage();
        assertEquals(expected, message);
        assertFalse(message.contains("\n"));
    }
}
