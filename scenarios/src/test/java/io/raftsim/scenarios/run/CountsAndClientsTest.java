package io.raftsim.scenarios.run;

import io.raftsim.scenarios.format.Condition;
import io.raftsim.scenarios.format.ScenarioReader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Counts of what servers send, and the client steps, in a run: each asserted both ways. */
class CountsAndClientsTest {
    private static final String ELECTION = "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"rpcsAtMost\", \"count\": %d, \"until\": \"oneLeader\", \"withinMs\": 3000}";

    @Test
    void anElectionFitsItsRpcBoundAndMissesATighterOneNamingCountAndBound() {
        assertEquals(Outcome.PASSED, run(4000, "{\"count\": 0}", ELECTION.formatted(30)).outcome());
        ScenarioResult tight = run(4000, "{\"count\": 0}", ELECTION.formatted(1));
        assertEquals(Outcome.CHECK_FAILED, tight.outcome(), tight.toString());
        assertEquals(Condition.atMost(Condition.Kind.RPCS_AT_MOST, 1), tight.failedCheck().condition());
        assertTrue(tight.message().contains("rpcsAtMost 1 broke at") && tight.message().contains("2 server RPCs sent since 0.000ms, more than the bound 1"),
                tight.message());
        assertTrue(tight.run().virtualTimeMicros() < 1_000_000, "ended at the first RPC over the bound, during the first election");
    }

    @Test
    void aCountUntilAConditionThatNeverComesFailsOnThatCondition() {
        ScenarioResult result = run(5000, "{\"count\": 0}",
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"rpcsAtMost\", \"count\": 100000, \"until\": {\"condition\": \"committed\", \"index\": 5}, \"withinMs\": 2000}");
        assertEquals(Outcome.CHECK_FAILED, result.outcome(), "no clients, so index 5 never commits: " + result);
        assertEquals(Condition.Kind.COMMITTED, result.failedCheck().condition().kind());
        assertEquals(2_000_000, result.failedCheck().atMicros());
        assertTrue(result.message().contains("it ends a count's window"), result.message());
    }

    @Test
    void idleHeartbeatsFitAByteBoundAndBreakAFullOne() {
        String idle = "{\"atMs\": 2000, \"action\": \"check\", \"condition\": \"%s\", \"count\": %d, \"forMs\": 1000}";
        // Three servers, one heartbeat each 50 ms to each of two followers: 40 RPCs in a second.
        assertEquals(Outcome.PASSED, run(4000, "{\"count\": 0}", idle.formatted("rpcsAtMost", 45)).outcome());
        assertEquals(Outcome.CHECK_FAILED, run(4000, "{\"count\": 0}", idle.formatted("rpcsAtMost", 35)).outcome());
        assertEquals(Outcome.PASSED, run(4000, "{\"count\": 0}", idle.formatted("bytesAtMost", 5000)).outcome());
        ScenarioResult bytes = run(4000, "{\"count\": 0}", idle.formatted("bytesAtMost", 100));
        assertEquals(Outcome.CHECK_FAILED, bytes.outcome());
        assertTrue(bytes.message().contains("server bytes sent since 2000.000ms, more than the bound 100"), bytes.message());
    }

    @Test
    void countingChangesNoRun() {
        ScenarioResult plain = run(4000, "{\"count\": 2}");
        ScenarioResult counted = run(4000, "{\"count\": 2}", ELECTION.formatted(1000),
                "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"bytesAtMost\", \"count\": 1000000000, \"forMs\": 4000}");
        assertEquals(Outcome.PASSED, counted.outcome(), counted.toString());
        assertEquals(plain.clusterStats(), counted.clusterStats());
        long more = counted.run().steps() - plain.run().steps();
        assertTrue(more >= 2 && more <= 4, "the same run, plus the two check steps and their deadlines: " + more);
    }

    @Test
    void submitIssuesExactlyNCommandsEvenOnAFollowerAndOnEveryServer() {
        String clients = "{\"count\": 3, \"opsPerSecond\": 0}";
        ScenarioResult onFollower = run(6000, clients,
                "{\"atMs\": 1000, \"when\": \"oneLeader\", \"withinMs\": 1000, \"action\": \"submit\", \"count\": 7, \"node\": \"follower\"}");
        assertEquals(Outcome.PASSED, onFollower.outcome(), onFollower.toString());
        assertEquals(7, onFollower.clusterStats().operationsInvoked());
        assertEquals(7, onFollower.clusterStats().operationsCompleted(), "redirected to the leader and answered");
        ScenarioResult onAll = run(6000, clients, "{\"atMs\": 1000, \"action\": \"submit\", \"count\": 2, \"node\": \"all\"}");
        assertEquals(6, onAll.clusterStats().operationsInvoked(), "2 on each of 3 servers");
        assertEquals(6, onAll.clusterStats().operationsCompleted());
        assertEquals(Outcome.PASSED, onAll.outcome());
    }

    @Test
    void stoppedClientsIssueOnlyWhatIsSubmittedAndStartAgain() {
        String clients = "{\"count\": 2, \"opsPerSecond\": 50}";
        int running = run(6000, clients).clusterStats().operationsInvoked();
        int stopped = run(6000, clients, "{\"atMs\": 1000, \"action\": \"stopClients\"}").clusterStats().operationsInvoked();
        int stoppedAndSubmitted = run(6000, clients, "{\"atMs\": 1000, \"action\": \"stopClients\"}",
                "{\"atMs\": 3000, \"action\": \"submit\", \"count\": 5, \"node\": \"leader\"}").clusterStats().operationsInvoked();
        int restarted = run(6000, clients, "{\"atMs\": 1000, \"action\": \"stopClients\"}",
                "{\"atMs\": 3000, \"action\": \"startClients\"}").clusterStats().operationsInvoked();
        assertTrue(stopped < running / 3, stopped + " of " + running);
        assertEquals(stopped + 5, stoppedAndSubmitted, "exactly the submitted commands, nothing of the workload");
        assertTrue(restarted > stopped + 50, restarted + " after starting again, " + stopped + " stopped");
        assertNotEquals(running, restarted);
    }

    private static ScenarioResult run(long durationMs, String clients, String... steps) {
        String json = "{\"nodes\": 3, \"durationMs\": " + durationMs + ", \"clients\": " + clients + ", \"expect\": [\"linearizable\"], \"faults\": ["
                + String.join(",", List.of(steps)) + "]}";
        if (clients.contains("\"count\": 0")) {
            json = json.replace("\"expect\": [\"linearizable\"]", "\"expect\": []");
        }
        return ScenarioRunner.run(ScenarioReader.parse(json, "t.json"), 1);
    }
}
