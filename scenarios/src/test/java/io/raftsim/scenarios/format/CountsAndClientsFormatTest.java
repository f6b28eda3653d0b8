package io.raftsim.scenarios.format;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message and byte counts, and the client steps, in the file format: read, written back, overridden, each bad use one line. */
class CountsAndClientsFormatTest {
    private static final String STORY = """
            {"nodes": 3, "durationMs": 12000, "faults": [
              {"atMs": 0, "action": "check", "condition": "rpcsAtMost", "count": 30, "until": "oneLeader", "withinMs": 5000},
              {"atMs": 0, "action": "stopClients"},
              {"atMs": 5000, "action": "check", "condition": "rpcsAtMost", "count": 42,
               "until": {"condition": "committed", "index": 13, "count": 2}, "withinMs": 3000},
              {"atMs": 5000, "when": "oneLeader", "withinMs": 1000, "action": "submit", "count": 12, "node": "leader"},
              {"atMs": 8000, "action": "submit", "count": 2, "node": "all"},
              {"atMs": 8500, "action": "startClients"},
              {"atMs": 9000, "action": "check", "condition": "bytesAtMost", "count": 0, "forMs": 1000}
            ]}""";

    @Test
    void countsAndClientStepsAreReadAsWritten() {
        Scenario scenario = ScenarioReader.parse(STORY, "story.json");
        FaultStep.Check election = assertInstanceOf(FaultStep.Check.class, scenario.faults().get(0));
        assertEquals(Condition.atMost(Condition.Kind.RPCS_AT_MOST, 30), election.condition());
        assertEquals(Condition.of(Condition.Kind.ONE_LEADER), election.until());
        assertEquals("withinMs", election.windowField());
        assertEquals(new FaultStep.Clients(0, false), scenario.faults().get(1));
        FaultStep.Check agreement = (FaultStep.Check) scenario.faults().get(2);
        assertEquals(new Condition(Condition.Kind.COMMITTED, List.of(), List.of(), 13, 2), agreement.until());
        FaultStep.Staged submit = assertInstanceOf(FaultStep.Staged.class, scenario.faults().get(3));
        assertEquals(new FaultStep.Submit(5_000_000, 12, NodeRef.LEADER), submit.step());
        assertNull(((FaultStep.Submit) scenario.faults().get(4)).node(), "\"all\": every server");
        assertEquals("startClients", scenario.faults().get(5).action());
        FaultStep.Check idle = (FaultStep.Check) scenario.faults().get(6);
        assertEquals(0, idle.condition().count(), "a bound of 0 is a bound");
        assertNull(idle.until());
        assertEquals("forMs", idle.windowField());
        assertEquals("rpcsAtMost 30", election.condition().describe());
    }

    @Test
    void theWriterWritesThemAndReadsBackEqual() {
        Scenario scenario = ScenarioReader.parse(STORY, "story.json");
        String json = ScenarioWriter.toJson(scenario);
        assertEquals(scenario, ScenarioReader.parse(json, "written"));
        assertTrue(json.contains("\"node\" : \"all\""), json);
        assertTrue(json.contains("\"count\" : 0"), json);
        assertTrue(json.contains("\"action\" : \"stopClients\""), json);
    }

    @Test
    void setChangesABoundAndATarget() {
        var tree = Overrides.apply(ScenarioReader.parseTree(STORY, "story.json"),
                List.of("faults[0].count=25", "faults[4].node=n2", "faults[2].until=applied"));
        Scenario scenario = ScenarioReader.fromTree(tree, "story.json");
        assertEquals(25, ((FaultStep.Check) scenario.faults().get(0)).condition().count());
        assertEquals(NodeRef.server(1), ((FaultStep.Submit) scenario.faults().get(4)).node());
        assertEquals(Condition.Kind.APPLIED, ((FaultStep.Check) scenario.faults().get(2)).until().kind());
    }

    @Test
    void badCountsAreOneLine() {
        refused("f.json: faults[0].count: missing; rpcsAtMost needs the most RPCs the window may send, 0..1000000000",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"rpcsAtMost\", \"forMs\": 100}");
        refused("f.json: faults[0].count: -1 is outside 0..1000000000",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"bytesAtMost\", \"count\": -1, \"forMs\": 100}");
        refused("f.json: faults[0].among: rpcsAtMost counts what every server sends; it takes no among or except",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"rpcsAtMost\", \"count\": 3, \"among\": [\"n1\"], \"forMs\": 100}");
        refused("f.json: faults[0].withinMs: rpcsAtMost must hold throughout a window: give forMs, not withinMs",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"rpcsAtMost\", \"count\": 3, \"withinMs\": 100}");
        refused("f.json: faults[0].forMs: oneLeader must come to hold by a deadline: give withinMs, not forMs",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"rpcsAtMost\", \"count\": 3, \"until\": \"oneLeader\", \"forMs\": 100}");
        refused("f.json: faults[0].until: oneLeader takes no until; only rpcsAtMost and bytesAtMost count up to a condition",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"oneLeader\", \"until\": \"oneLeader\", \"withinMs\": 100}");
        refused("f.json: faults[0].until: \"noLeader\" holds over a window, so it cannot end one; count until oneLeader, committed or applied",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"rpcsAtMost\", \"count\": 3, \"until\": \"noLeader\", \"withinMs\": 100}");
        refused("f.json: faults[0].when: \"rpcsAtMost\" holds over a window, so a step cannot wait for it; wait for oneLeader, committed or applied",
                "{\"atMs\": 0, \"action\": \"crash\", \"node\": \"n1\", \"when\": {\"condition\": \"rpcsAtMost\", \"count\": 3}, \"withinMs\": 100}");
    }

    @Test
    void badClientStepsAreOneLine() {
        refused("f.json: faults[0].count: missing; how many commands, 1..100000",
                "{\"atMs\": 0, \"action\": \"submit\", \"node\": \"leader\"}");
        refused("f.json: faults[0].count: 0 is outside 1..100000",
                "{\"atMs\": 0, \"action\": \"submit\", \"count\": 0, \"node\": \"leader\"}");
        refused("f.json: faults[0].node: missing; the server the commands go to first (a follower redirects them), or \"all\": count commands to every server",
                "{\"atMs\": 0, \"action\": \"submit\", \"count\": 1}");
        refused("f.json: faults[0].node: \"n9\" is not a server of this 5-node cluster (n1..n5)",
                "{\"atMs\": 0, \"action\": \"submit\", \"count\": 1, \"node\": \"n9\"}");
        refused("f.json: faults[0].bind: \"x\" cannot name the server of a submit step; bind names the one server of an isolate, crash, restart, pause,"
                        + " resume, reconnect, drift, addServer, promoteLearner or removeServer step (or use a bind step)",
                "{\"atMs\": 0, \"action\": \"submit\", \"count\": 1, \"node\": \"n1\", \"bind\": \"x\"}");
        refused("f.json: faults[0].count: unknown field",
                "{\"atMs\": 0, \"action\": \"stopClients\", \"count\": 1}");
    }

    private static void refused(String expected, String... steps) {
        String json = "{\"durationMs\": 10000, \"faults\": [" + String.join(",", steps) + "]}";
        String message = assertThrows(ScenarioException.class, () -> ScenarioReader.parse(json, "f.json")).getMessage();
        assertEquals(expected, message);
        assertFalse(message.contains("\n"));
    }
}
