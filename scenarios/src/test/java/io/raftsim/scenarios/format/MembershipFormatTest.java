package io.raftsim.scenarios.format;

import io.raftsim.harness.spi.MembershipChange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spare servers and membership steps in the file format: read, written back, each bad use one line. */
class MembershipFormatTest {
    private static final String FILE = """
            {"nodes": 5, "durationMs": 10000, "initialMembers": ["n3", "n1", "n2"], "faults": [
              {"atMs": 500, "when": "committed", "withinMs": 1000, "action": "addServer", "node": "n4"},
              {"atMs": 2000, "action": "promoteLearner", "node": "n4"},
              {"atMs": 3000, "action": "removeServer", "node": "leader", "bind": "old"},
              {"atMs": 4000, "action": "crash", "node": "$old"}
            ]}""";

    @Test
    void initialMembersAndMembershipStepsReadAndWriteBack() {
        Scenario scenario = ScenarioReader.parse(FILE, "f.json");
        assertEquals(List.of(0, 1, 2), scenario.initialMembers(), "ascending, whatever the file's order");
        assertTrue(scenario.hasSpareServers());
        FaultStep.Staged add = assertInstanceOf(FaultStep.Staged.class, scenario.faults().get(0));
        FaultStep.Membership addStep = assertInstanceOf(FaultStep.Membership.class, add.step());
        assertEquals(MembershipChange.Kind.ADD_LEARNER, addStep.kind());
        assertEquals(NodeRef.server(3), addStep.node());
        assertEquals("promoteLearner", scenario.faults().get(1).action());
        FaultStep.Staged remove = assertInstanceOf(FaultStep.Staged.class, scenario.faults().get(2));
        assertEquals("old", remove.bind());
        String json = ScenarioWriter.toJson(scenario);
        assertEquals(scenario, ScenarioReader.parse(json, "f.json"));
        assertTrue(json.contains("\"initialMembers\""), json);
    }

    @Test
    void aScenarioWithoutInitialMembersWritesNone() {
        Scenario scenario = ScenarioReader.parse("{\"nodes\": 3}", "f.json");
        assertFalse(scenario.hasSpareServers());
        assertEquals(List.of(0, 1, 2), scenario.members());
        assertFalse(ScenarioWriter.toJson(scenario).contains("initialMembers"), "a scenario without spare servers reads and hashes as before");
    }

    @Test
    void shrinkingTheClusterKeepsAMember() {
        Scenario scenario = ScenarioReader.parse("{\"nodes\": 5, \"initialMembers\": [\"n4\", \"n5\"]}", "f.json");
        assertEquals(List.of(0), scenario.withNodes(3).initialMembers());
        assertEquals(List.of(3), scenario.withNodes(4).initialMembers());
    }

    @Test
    void badMembershipInputIsOneLine() {
        refused("f.json: initialMembers: is empty; the initial configuration needs at least one server (leave the field out for all of them)",
                "{\"initialMembers\": []}");
        refused("f.json: initialMembers[1]: \"n1\" is named twice", "{\"initialMembers\": [\"n1\", \"n1\"]}");
        refused("f.json: initialMembers[0]: \"n9\" is not a server of this 5-node cluster (n1..n5)", "{\"initialMembers\": [\"n9\"]}");
        refused("f.json: initialMembers[0]: \"leader\" is not a server name (n1..n5)", "{\"initialMembers\": [\"leader\"]}");
        String missing = assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("{\"faults\": [{\"atMs\": 0, \"action\": \"addServer\"}]}", "f.json")).getMessage();
        assertTrue(missing.startsWith("f.json: faults[0].node: missing; a server n1..n5"), missing);
    }

    private static void refused(String expected, String json) {
        String message = assertThrows(ScenarioException.class, () -> ScenarioReader.parse(json, "f.json")).getMessage();
        assertEquals(expected, message);
        assertFalse(message.contains("\n"));
    }
}
