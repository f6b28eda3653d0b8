package io.raftsim.scenarios.run;

import io.raftsim.harness.spi.Feature;
import io.raftsim.scenarios.cli.ExitCode;
import io.raftsim.scenarios.cli.Main;
import io.raftsim.scenarios.format.Condition;
import io.raftsim.scenarios.format.FaultStep;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioException;
import io.raftsim.scenarios.format.ScenarioReader;
import io.raftsim.scenarios.format.ScenarioWriter;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leader's no-op as a setting, and checks that name an entry by the command it holds: read,
 * written back, run both ways (each check passes where it should and fails where it should),
 * and every bad use one line with exit code 2.
 */
class CommandChecksAndNoOpTest {
    private static final String SUBMIT_ONE = "{\"atMs\": 0, \"when\": \"oneLeader\", \"withinMs\": 3000, \"action\": \"submit\", \"count\": 1, \"node\": \"leader\"}";

    private static ScenarioResult run(String raft, String... steps) {
        String json = "{\"nodes\": 3, \"durationMs\": 5000, \"raft\": " + raft + ", \"clients\": {\"count\": 2, \"opsPerSecond\": 0},"
                + " \"faults\": [" + String.join(",", List.of(steps)) + "]}";
        return ScenarioRunner.run(ScenarioReader.parse(json, "t.json"), 1);
    }

    @Test
    void withoutTheNoOpNothingIsCommittedUntilAClientWrites() {
        String nothingAtIndex1 = "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"notCommitted\", \"index\": 1, \"forMs\": 3000}";
        ScenarioResult withoutNoOp = run("{\"leaderNoOp\": false}", nothingAtIndex1);
        assertEquals(Outcome.PASSED, withoutNoOp.outcome(), withoutNoOp.toString());
        ScenarioResult withNoOp = run("{}", nothingAtIndex1);
        assertEquals(Outcome.CHECK_FAILED, withNoOp.outcome(), "the leader's no-op takes index 1: " + withNoOp);
    }

    @Test
    void withoutTheNoOpTheFirstCommandIsIndex1AndWithItIndex2() {
        String firstAtIndex1 = "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"applied\", \"index\": 1, \"withinMs\": 4000}";
        String onlyOneEntry = "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"notCommitted\", \"index\": 2, \"forMs\": 4000}";
        assertEquals(Outcome.PASSED, run("{\"leaderNoOp\": false}", SUBMIT_ONE, firstAtIndex1, onlyOneEntry).outcome());
        assertEquals(Outcome.CHECK_FAILED, run("{}", SUBMIT_ONE, onlyOneEntry).outcome(), "no-op at 1, the command at 2");
    }

    @Test
    void aCommandCheckHoldsWhereverTheNoOpPutsTheCommand() {
        String committed = "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"committed\", \"command\": 1, \"withinMs\": 4000}";
        String applied = "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"applied\", \"command\": 1, \"count\": 2, \"withinMs\": 4000}";
        for (String raft : List.of("{}", "{\"leaderNoOp\": false}")) {
            ScenarioResult result = run(raft, SUBMIT_ONE, committed, applied);
            assertEquals(Outcome.PASSED, result.outcome(), raft + ": " + result);
        }
    }

    @Test
    void aCommandCheckFailsWhenTheCommandIsNotCommittedNamingIt() {
        // Two of three servers cut off from the leader: the command it takes can never commit.
        String cut = "{\"atMs\": 2000, \"action\": \"isolate\", \"node\": \"follower\"}";
        String cutToo = "{\"atMs\": 2000.5, \"action\": \"partition\", \"groups\": [[\"leader\"], [\"rest\"]]}";
        String submitLate = "{\"atMs\": 2500, \"action\": \"submit\", \"count\": 1, \"node\": \"leader\"}";
        String notCommitted = "{\"atMs\": 2500, \"action\": \"check\", \"condition\": \"notCommitted\", \"command\": 1, \"forMs\": 2000}";
        assertEquals(Outcome.PASSED, run("{}", cut, cutToo, submitLate, notCommitted).outcome());
        String committed = "{\"atMs\": 2500, \"action\": \"check\", \"condition\": \"committed\", \"command\": 1, \"count\": 2, \"withinMs\": 2000}";
        ScenarioResult missed = run("{}", cut, cutToo, submitLate, committed);
        assertEquals(Outcome.CHECK_FAILED, missed.outcome(), missed.toString());
        assertEquals(1, missed.failedCheck().condition().command());
        assertTrue(missed.toString().contains("committed command 1 on 2"), missed.toString());
        assertTrue(missed.toString().contains("command 1 is c"), "names the client and sequence: " + missed);
    }

    @Test
    void commandsAreReadWrittenBackAndNeedTheProbe() {
        Scenario scenario = ScenarioReader.parse("{\"raft\": {\"leaderNoOp\": false}, \"faults\": [" + SUBMIT_ONE + ","
                + "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"committed\", \"command\": 1, \"count\": 3, \"withinMs\": 3000}]}", "t.json");
        FaultStep.Check check = assertInstanceOf(FaultStep.Check.class, scenario.faults().get(1));
        assertEquals(new Condition(Condition.Kind.COMMITTED, List.of(), List.of(), 0, 3, 1), check.condition());
        assertEquals("committed command 1 on 3", check.condition().describe());
        assertFalse(scenario.raft().leaderNoOp());
        String json = ScenarioWriter.toJson(scenario);
        assertTrue(json.contains("\"leaderNoOp\" : false") && json.contains("\"command\" : 1"), json);
        assertEquals(scenario, ScenarioReader.parse(json, "written"));
        assertEquals("raft.leaderNoOp is false", Requirements.of(scenario).get(Feature.LEADER_NO_OP_OPTION));
        assertEquals("a check names an entry by \"command\"", Requirements.of(scenario).get(Feature.COMMAND_PROBE));
        Scenario plain = ScenarioReader.parse("{}", "t.json");
        assertTrue(plain.raft().leaderNoOp(), "the no-op is on unless a scenario turns it off");
        assertFalse(ScenarioWriter.toJson(plain).contains("leaderNoOp"), "written only when off, so scenario hashes stay");
    }

    @Test
    void badUsesAreOneLineNamingTheField() {
        assertEquals("f.json: faults[1].command: 2 is beyond the 1 commands submit steps submit by the end of this step's window: it could never be committed",
                refused("{\"faults\": [" + SUBMIT_ONE + ", {\"atMs\": 0, \"action\": \"check\", \"condition\": \"committed\", \"command\": 2, \"withinMs\": 3000}]}"));
        assertEquals("f.json: faults[0].command: 1 is beyond the 0 commands submit steps submit by the end of this step's window: it could never be committed",
                refused("{\"faults\": [{\"atMs\": 0, \"action\": \"check\", \"condition\": \"committed\", \"command\": 1, \"withinMs\": 3000}, "
                        + "{\"atMs\": 4000, \"action\": \"submit\", \"count\": 1, \"node\": \"leader\"}]}"));
        assertEquals("f.json: faults[1].command: committed names its entry by index or by command, not both",
                refused("{\"faults\": [" + SUBMIT_ONE + ", {\"atMs\": 0, \"action\": \"check\", \"condition\": \"committed\", \"command\": 1, \"index\": 1, \"withinMs\": 3000}]}"));
        assertEquals("f.json: faults[1].command: oneLeader takes no command",
                refused("{\"faults\": [" + SUBMIT_ONE + ", {\"atMs\": 0, \"action\": \"check\", \"condition\": \"oneLeader\", \"command\": 1, \"withinMs\": 3000}]}"));
        assertEquals("f.json: faults[1].command: 0 is outside 1..10000000",
                refused("{\"faults\": [" + SUBMIT_ONE + ", {\"atMs\": 0, \"action\": \"check\", \"condition\": \"committed\", \"command\": 0, \"withinMs\": 3000}]}"));
        assertEquals("f.json: faults[1].command: \"first\" is not a whole number",
                refused("{\"faults\": [" + SUBMIT_ONE + ", {\"atMs\": 0, \"action\": \"check\", \"condition\": \"committed\", \"command\": \"first\", \"withinMs\": 3000}]}"));
        assertEquals("f.json: raft.leaderNoOp: \"no\" is not true or false", refused("{\"raft\": {\"leaderNoOp\": \"no\"}}"));
    }

    @Test
    void anImplementationThatCannotIsRefusedWithTheReasonAndExitCode2() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new String[] {"run", "course-fail-no-agree", "--set", "implementation=microraft"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(ExitCode.BAD_INPUT, exit);
        assertEquals("raftsim: course-fail-no-agree: raft.leaderNoOp is false, which needs LEADER_NO_OP_OPTION: microraft does not support it",
                err.toString().strip());
        assertEquals(1, err.toString().strip().lines().count(), "one line, no stack trace");
    }

    private static String refused(String json) {
        return assertThrows(ScenarioException.class, () -> ScenarioReader.parse(json, "f.json")).getMessage();
    }
}
