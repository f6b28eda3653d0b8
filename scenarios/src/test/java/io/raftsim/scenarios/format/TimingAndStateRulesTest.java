package io.raftsim.scenarios.format;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings that Raft's timing rule (§5.6: broadcastTime << electionTimeout) or its invariants
 * (Figure 3) forbid are refused as bad input; settings a user may mean (a fixed election
 * timeout, as in the paper's Figure 16) are accepted with a warning.
 */
class TimingAndStateRulesTest {
    private static Scenario parse(String json) {
        return ScenarioReader.parse(json, "s.json");
    }

    @Test
    void onlyAMinimumElectionTimeoutKeepsARandomizedRange() {
        RaftSettings raft = parse("{\"raft\": {\"electionTimeoutMs\": {\"min\": 400}}}").raft();
        assertEquals(400, raft.electionTimeoutMinMs());
        assertEquals(800, raft.electionTimeoutMaxMs(), "max defaults to twice min (the paper's 150-300), never to min");
        assertEquals(300, parse("{\"raft\": {\"electionTimeoutMs\": {\"min\": 100}}}").raft().electionTimeoutMaxMs());
        assertEquals(List.of(), ScenarioWarning.of(parse("{\"raft\": {\"electionTimeoutMs\": {\"min\": 400}}}")));
    }

    @Test
    void aHeartbeatAtOrAboveTheElectionTimeoutIsRefused() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> parse("{\"raft\": {\"electionTimeoutMs\": {\"min\": 150, \"max\": 300}, \"heartbeatMs\": 150}}"));
        assertEquals("s.json: raft.heartbeatMs: 150 is not below electionTimeoutMs.min 150: followers would time out"
                + " between heartbeats and depose every leader (§5.2, §5.6)", e.getMessage());
        assertThrows(ScenarioException.class, () -> parse("{\"raft\": {\"heartbeatMs\": 1000}}"));
        assertEquals(149, parse("{\"raft\": {\"heartbeatMs\": 149}}").raft().heartbeatMs());
    }

    @Test
    void aFixedElectionTimeoutIsAcceptedWithAWarningThatSaysHowToSilenceIt() {
        Scenario fixed = parse("{\"raft\": {\"electionTimeoutMs\": {\"min\": 150, \"max\": 150}}}");
        assertEquals(List.of(ScenarioWarning.FIXED_ELECTION_TIMEOUT), ScenarioWarning.of(fixed));
        String message = ScenarioWarning.FIXED_ELECTION_TIMEOUT.message(fixed);
        assertTrue(message.contains("raft.electionTimeoutMs") && message.contains("--accept fixed-election-timeout"), message);
        assertEquals(List.of(), ScenarioWarning.of(parse("{}")));
    }

    @Test
    void anInitialStateThatBreaksLogMatchingIsRefused() {
        // Both hold a term-2 entry at index 3 but differ at index 2: Log Matching (§5.3) forbids it.
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(
                "{\"nodes\": 3, \"initialState\": {\"n1\": {\"term\": 2, \"log\": [1, 1, 2]}, \"n2\": {\"term\": 2, \"log\": [1, 2, 2]}}}"));
        assertTrue(e.getMessage().startsWith("s.json: initialState.n2.log[1]: term 2 at index 2 breaks Log Matching"), e.getMessage());
        assertTrue(e.getMessage().contains("Log Matching"), e.getMessage());
        assertTrue(e.getMessage().contains("n1"), e.getMessage());
        // One leader per term appends only: n2's term-2 entry at index 3 says the term-2 leader had term 1 at index 2, n1's says term 2.
        assertThrows(ScenarioException.class, () -> parse(
                "{\"nodes\": 3, \"initialState\": {\"n1\": {\"term\": 2, \"log\": [1, 2]}, \"n2\": {\"term\": 2, \"log\": [1, 1, 2]}}}"));
    }

    @Test
    void divergingLogsThatRespectLogMatchingAreAccepted() {
        Scenario figure8 = parse("{\"initialState\": {\"n1\": {\"term\": 3, \"log\": [1, 2]}, \"n5\": {\"term\": 3, \"votedFor\": \"n5\", \"log\": [1, 3]}}}");
        assertEquals(2, figure8.initialState().size());
        parse("{\"nodes\": 3, \"initialState\": {\"n1\": {\"term\": 3, \"log\": [1, 2, 2]}, \"n2\": {\"term\": 3, \"log\": [1, 2]}, \"n3\": {\"term\": 3, \"log\": [1, 3]}}}");
    }
}
