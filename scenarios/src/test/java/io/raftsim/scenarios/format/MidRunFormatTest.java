package io.raftsim.scenarios.format;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks, bindings and waits in the file format: read, written back, overridden, and each bad use refused in one line. */
class MidRunFormatTest {
    private static final String STORY = """
            {"nodes": 3, "durationMs": 20000, "faults": [
              {"atMs": 0, "action": "check", "condition": "oneLeader", "withinMs": 5000},
              {"atMs": 5000, "when": "oneLeader", "withinMs": 1000, "action": "isolate", "node": "leader", "bind": "old"},
              {"atMs": 6000, "action": "check", "condition": "oneLeader", "except": ["$old"], "withinMs": 5000},
              {"atMs": 6000, "action": "check", "condition": "notCommitted", "index": "next", "among": ["$old"], "forMs": 2000},
              {"atMs": 7000, "action": "bind", "name": "f", "node": "follower",
               "when": {"condition": "committed", "index": 3, "count": 2}, "withinMs": 1000},
              {"atMs": 8000, "action": "crash", "node": "afterLeader", "bind": "next"},
              {"atMs": 11000, "action": "heal"},
              {"atMs": 11000, "action": "restart", "node": "$next"},
              {"atMs": 12000, "action": "check", "condition": "applied", "index": 4, "among": ["$f", "n1"], "withinMs": 3000}
            ]}""";

    @Test
    void checksBindingsAndWaitsAreReadAsWritten() {
        Scenario scenario = ScenarioReader.parse(STORY, "story.json");
        FaultStep.Staged isolate = assertInstanceOf(FaultStep.Staged.class, scenario.faults().get(1));
        assertEquals("old", isolate.bind());
        assertEquals(Condition.Kind.ONE_LEADER, isolate.when().kind());
        assertEquals(6_000_000, isolate.latestMicros());
        FaultStep.Check check = assertInstanceOf(FaultStep.Check.class, scenario.faults().get(2));
        assertEquals(List.of(NodeRef.binding("old")), check.condition().except());
        assertEquals(5_000_000, check.windowMicros());
        assertEquals(Condition.NEXT_INDEX, ((FaultStep.Check) scenario.faults().get(3)).condition().index());
        FaultStep.Staged bind = assertInstanceOf(FaultStep.Staged.class, scenario.faults().get(4));
        assertEquals(new FaultStep.Bind(7_000_000, "f", NodeRef.FOLLOWER), bind.step());
        assertEquals(2, bind.when().count());
        assertEquals(NodeRef.AFTER_LEADER, ((FaultStep.NodeAction) ((FaultStep.Staged) scenario.faults().get(5)).step()).node());
    }

    @Test
    void theWriterWritesEveryFieldAndReadsBackEqual() {
        Scenario scenario = ScenarioReader.parse(STORY, "story.json");
        String json = ScenarioWriter.toJson(scenario);
        assertEquals(scenario, ScenarioReader.parse(json, "written"));
        assertTrue(json.contains("\"except\" : [ \"$old\" ]"), json);
        assertTrue(json.contains("\"forMs\" : 2000"), json);
        assertTrue(json.contains("\"index\" : \"next\""), json);
    }

    @Test
    void setReachesAStepOfTheList() {
        var tree = Overrides.apply(ScenarioReader.parseTree(STORY, "story.json"), List.of("faults[0].withinMs=3000", "faults[2].except=[]"));
        Scenario scenario = ScenarioReader.fromTree(tree, "story.json");
        assertEquals(3_000_000, ((FaultStep.Check) scenario.faults().get(0)).windowMicros());
        assertEquals(List.of(), ((FaultStep.Check) scenario.faults().get(2)).condition().except());
        assertEquals("--set faults[9].withinMs=1: faults has 9 elements, so faults[9] is none of them", assertThrows(ScenarioException.class,
                () -> Overrides.apply(ScenarioReader.parseTree(STORY, "story.json"), List.of("faults[9].withinMs=1"))).getMessage());
        assertEquals("--set nodes[0]=1: nodes is not an array of this scenario", assertThrows(ScenarioException.class,
                () -> Overrides.apply(ScenarioReader.parseTree(STORY, "story.json"), List.of("nodes[0]=1"))).getMessage());
    }

    @Test
    void anUnknownConditionIsOneLine() {
        refused("f.json: faults[0].condition: \"twoLeaders\" is not a condition; one of oneLeader, noLeader, committed, notCommitted, applied, rpcsAtMost, bytesAtMost",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"twoLeaders\", \"withinMs\": 100}");
        refused("f.json: faults[0].when: \"soon\" is not a condition; one of oneLeader, noLeader, committed, notCommitted, applied, rpcsAtMost, bytesAtMost",
                "{\"atMs\": 0, \"action\": \"crash\", \"node\": \"leader\", \"when\": \"soon\", \"withinMs\": 100}");
    }

    @Test
    void aMissingOrMisnamedDeadlineIsOneLine() {
        refused("f.json: faults[0].withinMs: missing; oneLeader must hold within how long, 1..600000 ms",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"oneLeader\"}");
        refused("f.json: faults[0].withinMs: missing; oneLeader must hold within how long, 1..600000 ms",
                "{\"atMs\": 0, \"action\": \"crash\", \"node\": \"leader\", \"when\": \"oneLeader\"}");
        refused("f.json: faults[0].withinMs: noLeader must hold throughout a window: give forMs, not withinMs",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"noLeader\", \"withinMs\": 100}");
    }

    @Test
    void aDeadlineOutOfRangeIsOneLine() {
        refused("f.json: faults[0].withinMs: 0 is outside [1, 600000]",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"oneLeader\", \"withinMs\": 0}");
        refused("f.json: faults[0].forMs: 1500 ends at 10500 ms, after durationMs 10000: the run would end before it is judged",
                "{\"atMs\": 9000, \"action\": \"check\", \"condition\": \"noLeader\", \"forMs\": 1500}");
    }

    @Test
    void anUnboundNameIsOneLineAtReadTime() {
        refused("f.json: faults[0]: \"$old\": no earlier step binds \"old\"",
                "{\"atMs\": 1000, \"action\": \"restart\", \"node\": \"$old\"}", "{\"atMs\": 2000, \"action\": \"crash\", \"node\": \"leader\", \"bind\": \"old\"}");
        refused("f.json: faults[1]: \"$old\": \"old\" is bound by a step that waits until as late as 3000 ms, after this step",
                "{\"atMs\": 1000, \"action\": \"crash\", \"node\": \"leader\", \"bind\": \"old\", \"when\": \"oneLeader\", \"withinMs\": 2000}",
                "{\"atMs\": 2000, \"action\": \"check\", \"condition\": \"noLeader\", \"among\": [\"$old\"], \"forMs\": 100}");
        refused("f.json: faults[0].bind: \"old\" cannot name the server of a heal step; bind names the one server of an isolate, crash, restart, pause,"
                        + " resume, reconnect, drift, addServer, promoteLearner or removeServer step (or use a bind step)",
                "{\"atMs\": 1000, \"action\": \"heal\", \"bind\": \"old\"}");
        refused("f.json: faults[0].bind: \"1st\" is not a name: a letter, then letters and digits, at most 40 (later steps write \"$NAME\")",
                "{\"atMs\": 1000, \"action\": \"crash\", \"node\": \"leader\", \"bind\": \"1st\"}");
        refused("f.json: faults[0].among[0]: \"leader\" is not a server name (n1..n5)",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"noLeader\", \"among\": [\"leader\"], \"forMs\": 100}");
    }

    @Test
    void conditionFieldsThatDoNotFitAreOneLine() {
        refused("f.json: faults[0].when: \"noLeader\" holds over a window, so a step cannot wait for it; wait for oneLeader, committed or applied",
                "{\"atMs\": 0, \"action\": \"crash\", \"node\": \"n1\", \"when\": \"noLeader\", \"withinMs\": 100}");
        refused("f.json: faults[0].index: missing; committed needs a log index, 1..1000000000, or \"next\", or a \"command\" (the K-th submitted)",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"committed\", \"withinMs\": 100}");
        refused("f.json: faults[0].count: 6 is outside 1..5",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"committed\", \"index\": 1, \"count\": 6, \"withinMs\": 100}");
        refused("f.json: faults[0].count: 2 is more than the 1 servers named in among: it could never hold",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"applied\", \"index\": 1, \"among\": [\"n2\"], \"count\": 2, \"withinMs\": 100}");
        refused("f.json: faults[0].count: oneLeader takes no count",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"oneLeader\", \"count\": 2, \"withinMs\": 100}");
    }

    private static void refused(String expected, String... steps) {
        String json = "{\"durationMs\": 10000, \"faults\": [" + String.join(",", steps) + "]}";
        String message = assertThrows(ScenarioException.class, () -> ScenarioReader.parse(json, "f.json")).getMessage();
        assertEquals(expected, message);
        assertFalse(message.contains("\n"));
    }
}
