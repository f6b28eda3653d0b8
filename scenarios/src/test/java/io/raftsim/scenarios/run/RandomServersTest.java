package io.raftsim.scenarios.run;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.ClusterSpec;
import io.raftsim.scenarios.format.NodeRef;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import io.raftsim.sim.trace.TraceSink;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** {@code random} servers: different within one time, drawn anew per round, the same for the same seed; and rounds that pass. */
class RandomServersTest {
    @Test
    void theRandomsOfOneTimeAreDifferentServersAndEachTimeDrawsAnew() {
        List<List<Integer>> orders = new ArrayList<>();
        for (long atMicros = 1_000_000; atMicros <= 5_000_000; atMicros += 1_000_000) {
            List<Integer> picked = picks(1, atMicros);
            assertEquals(5, new TreeSet<>(picked).size(), "five randoms at one time are the five servers: " + picked);
            assertEquals(picked, picks(1, atMicros), "the same seed draws the same servers");
            orders.add(picked);
        }
        assertNotEquals(1, new TreeSet<>(orders.stream().map(Object::toString).toList()).size(), "rounds at other times draw other servers: " + orders);
        assertNotEquals(picks(1, 1_000_000), picks(2, 1_000_000), "another seed draws otherwise");
    }

    @Test
    void tenRoundsOfCuttingTwoRandomServersPassAndAnImpossibleCheckInThemFails() {
        String rounds = """
                {"nodes": 5, "durationMs": 32000, "clients": {"count": 2}, "expect": ["linearizable", "live"], "faults": [
                  {"atMs": 1000, "action": "rounds", "count": 10, "everyMs": 3000, "steps": [
                    {"atMs": 0, "action": "isolate", "node": "random", "bind": "a"},
                    {"atMs": 0, "action": "isolate", "node": "random", "bind": "b"},
                    {"atMs": 500, "action": "check", "condition": "COND", "index": "next", "except": ["$a", "$b"], "withinMs": 1000},
                    {"atMs": 1500, "action": "heal"}
                  ]}
                ]}""";
        for (long seed = 1; seed <= 3; seed++) {
            ScenarioResult majority = ScenarioRunner.run(ScenarioReader.parse(rounds.replace("COND", "committed"), "r.json"), seed);
            assertEquals(Outcome.PASSED, majority.outcome(), "three of five commit without the two cut: " + majority);
        }
        Scenario minority = ScenarioReader.parse(rounds.replace("COND", "committed").replace("\"except\": [\"$a\", \"$b\"]", "\"among\": [\"$a\"]"), "r.json");
        assertEquals(Outcome.CHECK_FAILED, ScenarioRunner.run(minority, 1).outcome(), "a cut server commits nothing new");
    }

    private static List<Integer> picks(long seed, long atMicros) {
        BoundServers servers = new BoundServers(new Cluster(ClusterSpec.defaults(5), seed, TraceSink.NONE));
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            picked.add(servers.resolve(NodeRef.RANDOM, atMicros, 0));
        }
        return picked;
    }
}
