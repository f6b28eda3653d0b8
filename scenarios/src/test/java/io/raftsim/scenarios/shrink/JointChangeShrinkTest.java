package io.raftsim.scenarios.shrink;

import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shrinker's fewer-servers pass keeps a changeMembership step as a change of the servers left. */
class JointChangeShrinkTest {
    private static final Scenario SCENARIO = ScenarioReader.parse("""
            {"nodes": 8, "initialMembers": ["n1", "n2", "n3", "n4", "n5"], "faults": [
              {"atMs": 100, "action": "changeMembership", "addVoters": ["n6", "n7"], "removeServers": ["leader", "n2"]},
              {"atMs": 200, "action": "changeMembership", "addLearners": ["n7", "n8"]}
            ]}""", "f.json");

    @Test
    void serversBeyondTheClusterLeaveTheChangeAndAnEmptyChangeGoes() {
        Scenario smaller = Shrinker.withNodes(SCENARIO, 6);
        assertEquals(1, smaller.faults().size(), "the second step named only n7 and n8: " + smaller.faults());
        FaultStep.JointChange change = (FaultStep.JointChange) smaller.faults().get(0);
        assertEquals(List.of(NodeRef.server(5)), change.addVoters());
        assertEquals(List.of(NodeRef.LEADER, NodeRef.server(1)), change.removeServers());
        assertTrue(change.addLearners().isEmpty());
    }
}
