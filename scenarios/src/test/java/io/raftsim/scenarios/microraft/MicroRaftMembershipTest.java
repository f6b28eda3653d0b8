package io.raftsim.scenarios.microraft;

import io.raftsim.scenarios.Simulation;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.format.ScenarioReader;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.ScenarioRunner;
import io.raftsim.sim.trace.InMemoryTraceSink;
import io.raftsim.sim.trace.TraceKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MicroRaft's own single-server membership changes driven through the seam (issue 15): learners
 * that join from spare slots and are promoted, the 2015 fix, and the changes MicroRaft refuses.
 * The catalogue's add-server and single-server-change-bug stage the first election, which MicroRaft
 * cannot (it draws no per-server timeout), so they run here as variants that reach the same
 * situations without staging (src/test/resources/microraft).
 */
class MicroRaftMembershipTest {
    private static final int SEEDS = 20;

    private static List<String> answers(InMemoryTraceSink trace) {
        return trace.records().stream().filter(r -> r.kind() == TraceKind.CONTROL && r.detail() != null
                && r.detail().contains(" asked of leader ")).map(r -> r.detail().replaceAll(" asked of leader n\\d", "")).toList();
    }

    private static Simulation variant(String file) {
        return Simulation.of(Path.of("src/test/resources/microraft", file));
    }

    /** Both spare servers join as learners, catch up and are promoted; n1 and n2 then crash and n3..n5 go on. */
    @Test
    void addServerGrowsThreeVotersToFiveThroughLearners() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            InMemoryTraceSink trace = new InMemoryTraceSink(2_000_000);
            ScenarioResult result = variant("add-server.json").seed(seed).trace(trace).run();
            assertTrue(result.passed(), "seed " + seed + ": " + result);
            assertEquals(List.of("addServer n4: ACCEPTED", "promoteLearner n4: ACCEPTED", "addServer n5: ACCEPTED", "promoteLearner n5: ACCEPTED"),
                    answers(trace), "seed " + seed);
        }
    }

    /**
     * Ongaro's 2015 counterexample: the leader elected on the far side of the partition is asked to
     * remove n4 before it has committed an entry of its term, and MicroRaft refuses
     * (RaftNodeImpl.canReplicateNewOperation), so nothing unsafe can commit.
     */
    @Test
    void theStaged2015CounterexampleIsRefusedByMicroRaftsFix() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            InMemoryTraceSink trace = new InMemoryTraceSink(2_000_000);
            ScenarioResult result = variant("single-server-change-bug.json").seed(seed).trace(trace).run();
            assertTrue(result.passed(), "seed " + seed + ": " + result);
            assertEquals(List.of("addServer n5: ACCEPTED", "promoteLearner n5: ACCEPTED", "removeServer n4: NO_COMMIT_IN_TERM"),
                    answers(trace), "seed " + seed);
        }
    }

    /**
     * What MicroRaft refuses, answered in the seam's words: promoting a server that is not a learner,
     * a second change while one is uncommitted, and adding back as a learner a server of the initial
     * configuration (MembershipChangeTask: "already exists in the initial member list").
     */
    @Test
    void refusedChangesAreAnsweredNotApplicableOrPending() {
        Scenario scenario = ScenarioReader.parse("""
                {"nodes": 4, "durationMs": 3000, "initialMembers": ["n1", "n2", "n3"], "implementation": "microraft",
                 "clients": {"count": 1},
                 "faults": [
                   {"atMs": 1000, "action": "promoteLearner", "node": "n4"},
                   {"atMs": 1100, "action": "addServer", "node": "n4"},
                   {"atMs": 1100, "action": "removeServer", "node": "n3"},
                   {"atMs": 1500, "action": "removeServer", "node": "n3"},
                   {"atMs": 2000, "action": "addServer", "node": "n3"}],
                 "expect": ["live"]}""", "refusals.json");
        InMemoryTraceSink trace = new InMemoryTraceSink(1_000_000);
        ScenarioResult result = ScenarioRunner.run(scenario, 1, trace, Set.of());
        assertTrue(result.passed(), result.toString());
        assertEquals(List.of("promoteLearner n4: NOT_APPLICABLE", "addServer n4: ACCEPTED", "removeServer n3: CHANGE_PENDING",
                "removeServer n3: ACCEPTED", "addServer n3: NOT_APPLICABLE"), answers(trace));
    }

    /** Spare nodes, learners and removals keep a seed a run: the same digest twice in one JVM, another seed another. */
    @Test
    void aRunWithMembershipChangesIsTheSameTwice() {
        ScenarioResult first = variant("add-server.json").seed(3).run();
        ScenarioResult second = variant("add-server.json").seed(3).run();
        ScenarioResult other = variant("add-server.json").seed(4).run();
        assertEquals(first.run().digest(), second.run().digest());
        assertEquals(first.run().steps(), second.run().steps());
        assertNotEquals(first.run().digest(), other.run().digest());
    }
}
