package io.raftsim.scenarios.shrink;

import io.raftsim.scenarios.format.ScenarioReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which checks wait for entries no client command could feed: the candidates the shrinker refuses. */
class ClientCommandsTest {
    private static final String NEXT = "{\"atMs\": 2000, \"action\": \"check\", \"condition\": \"committed\", \"index\": \"next\", \"withinMs\": 2000}";

    @Test
    void aCheckOnTheNextIndexNeedsClientsThatIssueSomething() {
        assertNull(unfed("{\"count\": 1}", NEXT), "the workload feeds it");
        assertEquals(0, unfed("{\"count\": 0}", NEXT), "no clients");
        assertEquals(0, unfed("{\"count\": 2, \"opsPerSecond\": 0}", NEXT), "clients that only act on steps, and no step");
        assertNull(unfed("{\"count\": 2, \"opsPerSecond\": 0}", NEXT, "{\"atMs\": 2500, \"action\": \"submit\", \"count\": 1, \"node\": \"leader\"}"), "a submit in time");
        assertEquals(0, unfed("{\"count\": 2, \"opsPerSecond\": 0}", NEXT, "{\"atMs\": 4500, \"action\": \"clientBurst\", \"count\": 3}"), "a burst after the deadline");
        assertEquals(1, unfed("{\"count\": 2}", NEXT, "{\"atMs\": 100, \"action\": \"stopClients\"}"), "the workload stopped before the check (steps in time order)");
        assertNull(unfed("{\"count\": 2}", NEXT, "{\"atMs\": 100, \"action\": \"stopClients\"}", "{\"atMs\": 3000, \"action\": \"startClients\"}"), "and started again within it");
    }

    @Test
    void waitsAndCountsWindowsOnEntriesCountTooAndOtherConditionsDoNot() {
        assertEquals(0, unfed("{\"count\": 0}", "{\"atMs\": 1000, \"when\": \"committed\", \"withinMs\": 1000, \"action\": \"crash\", \"node\": \"leader\"}"));
        assertEquals(0, unfed("{\"count\": 0}", "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"rpcsAtMost\", \"count\": 50, \"until\": \"applied\", \"withinMs\": 3000}"));
        assertNull(unfed("{\"count\": 0}", "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"oneLeader\", \"withinMs\": 3000}"));
        assertNull(unfed("{\"count\": 0}", "{\"atMs\": 0, \"action\": \"check\", \"condition\": \"notCommitted\", \"index\": 3, \"forMs\": 3000}"), "fewer commands only help it hold");
    }

    private static Integer unfed(String clients, String... steps) {
        return ClientCommands.firstUnfed(ScenarioReader.parse("{\"nodes\": 3, \"durationMs\": 6000, \"clients\": " + clients + ", \"faults\": ["
                + String.join(",", steps) + "]}", "t.json"));
    }
}
