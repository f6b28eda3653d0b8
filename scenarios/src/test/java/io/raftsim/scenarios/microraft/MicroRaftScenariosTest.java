package io.raftsim.scenarios.microraft;

import io.raftsim.harness.spi.Implementations;
import io.raftsim.harness.spi.RaftImplementation;
import io.raftsim.harness.spi.SettingsException;
import io.raftsim.harness.RaftConfig;
import io.raftsim.scenarios.Simulation;
import io.raftsim.scenarios.catalogue.Catalogue;
import io.raftsim.scenarios.format.ImplementationChoice;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.scenarios.run.Outcome;
import io.raftsim.scenarios.run.Requirements;
import io.raftsim.scenarios.run.ScenarioResult;
import io.raftsim.scenarios.run.ScenarioRunner;
import io.raftsim.sim.trace.TraceSink;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MicroRaft 0.7 behind the seam, run by the harness (issue 13): which catalogue scenarios it
 * runs and passes, which it is refused and why, that a seed is a run, and that the harness
 * catches the mistake the adapter can plant.
 */
class MicroRaftScenariosTest {
    private static final String MICRORAFT = "microraft";
    private static final int SEEDS = 20;

    /**
     * The scenarios MicroRaft cannot run, each with the feature it lacks: most stage the first
     * election timeouts (MicroRaft draws none of its own; add-server and single-server-change-bug
     * run as unstaged variants in MicroRaftMembershipTest), figure-8 also starts from a written log,
     * course-fail-no-agree and course-figure8 turn the leader's no-op off, which MicroRaft cannot
     * (course-figure8-noop, the same rounds with the no-op on, is the one it runs).
     */
    private static final Map<String, String> SKIPPED = Map.ofEntries(
            Map.entry("asymmetric-partition", "STAGED_ELECTION_TIMEOUTS"),
            Map.entry("course-fail-no-agree", "LEADER_NO_OP_OPTION"),
            Map.entry("course-figure8", "LEADER_NO_OP_OPTION"),
            Map.entry("asymmetric-partition-prevote-checkquorum", "STAGED_ELECTION_TIMEOUTS"),
            Map.entry("figure-8", "BATCHING"),
            Map.entry("course-figure8-unreliable", "FAST_BACKTRACK"),
            Map.entry("course-figure8-unreliable-loop", "FAST_BACKTRACK"),
            Map.entry("leader-crash", "STAGED_ELECTION_TIMEOUTS"),
            Map.entry("split-vote", "STAGED_ELECTION_TIMEOUTS"),
            Map.entry("stale-vote-reply", "STAGED_ELECTION_TIMEOUTS"),
            Map.entry("add-server", "STAGED_ELECTION_TIMEOUTS"),
            Map.entry("single-server-change-bug", "STAGED_ELECTION_TIMEOUTS"),
            // Joint consensus (§4.3): MicroRaft changes one server at a time only.
            Map.entry("joint-consensus", "JOINT_CONSENSUS"),
            Map.entry("lease-read", "LEASE_READS"),
            Map.entry("lease-read-drift", "LEASE_READS"),
            Map.entry("read-index", "READ_INDEX"));

    @Test
    void isFoundByName() {
        RaftImplementation<?> implementation = Implementations.named(MICRORAFT);
        assertEquals(MICRORAFT, implementation.name());
        assertTrue(Implementations.names().contains(Implementations.DEFAULT), "the model is still there");
    }

    /**
     * Seeds 1..20, as conform runs them. Two scenarios fail by MicroRaft's design, not a bug:
     * partition-healing expects the old leader to keep leading beside a new one (no CheckQuorum),
     * but a MicroRaft leader always steps down without a quorum; election-basic expects a leader
     * within 400 ms, but MicroRaft's only randomness is a fixed 0..99 ms added to each (pre-)vote
     * round, 0..5 ms of virtual time at the default scale, so rounds split again and again
     * (seed 11: the first leader at 777 ms; 22 of seeds 1..100 miss the bound). The same rounds
     * make course-count's first election cost more than TestCount2B's 30 RPCs on seed 11 (32:
     * each round is pre-votes and votes to both peers). The same split rounds miss the course
     * group's election deadlines (course-re-election seed 19, course-many-elections seed 1 and 6 of
     * 20, course-leader-failure and course-rejoin seed 4, course-backup seed 4 and 5 of 20: a
     * new leader not within the 1 to 3 s the scenarios give); its heartbeats are larger than the
     * model's, so course-rpc-bytes' bound, the model's measured cost with 60% to spare, is over
     * within 1.3 s on every seed. course-unreliable-churn seed 5 left a client operation pending
     * 3 s after healing while the liveness phase kept the scenario's 10% loss: every retry or its
     * answer lost, the harness's bad luck, not MicroRaft's; the phase's links lose nothing now, and
     * it passes. The course group's measurements: issue 14.
     */
    @Test
    void everyCatalogueScenarioItCanRunPassesAndTheRestAreRefusedWithTheMissingFeature() {
        TreeMap<String, String> refused = new TreeMap<>();
        TreeMap<String, String> failed = new TreeMap<>();
        TreeSet<String> passed = new TreeSet<>();
        for (String name : Catalogue.NAMES) {
            Scenario scenario = Catalogue.load(name).withImplementation(ImplementationChoice.of(MICRORAFT, Map.of()));
            List<String> missing = Requirements.missing(scenario);
            if (!missing.isEmpty()) {
                refused.put(name, missing.get(0));
                continue;
            }
            for (long seed = 1; seed <= SEEDS && !failed.containsKey(name); seed++) {
                ScenarioResult result = ScenarioRunner.run(scenario, seed);
                if (!result.passed()) {
                    failed.put(name, result.outcome() + " " + result.property() + ": " + result.message());
                }
            }
            if (!failed.containsKey(name)) {
                passed.add(name);
            }
        }
        assertEquals(new TreeSet<>(SKIPPED.keySet()), refused.keySet(), refused.toString());
        refused.forEach((name, why) -> assertTrue(why.contains(SKIPPED.get(name)), name + ": " + why));
        assertEquals(Set.of("election-basic", "partition-healing", "course-count", "course-unreliable-agree", "course-re-election", "course-many-elections", "course-rpc-bytes",
                "course-leader-failure", "course-rejoin", "course-backup"), failed.keySet(), failed.toString());
        // Under 10% loss a MicroRaft leader steps down when heartbeats go unanswered (its CheckQuorum is
        // always on), followers keep redirecting clients to it, and its slow elections leave a round
        // without a new entry for the round's second (seed 18: n2 stepped down at 39.2 s).
        assertTrue(failed.get("course-unreliable-agree").contains("committed index next on 1 did not hold within 1000.000ms"), failed.toString());
        assertTrue(failed.get("course-rpc-bytes").contains("bytesAtMost 6000 broke at"), failed.toString());
        assertTrue(failed.get("course-count").contains("rpcsAtMost 30 broke at") && failed.get("course-count").contains("(counting until oneLeader)"),
                failed.toString());
        assertTrue(failed.get("partition-healing").contains("splitBrainLeaders not reached"), failed.toString());
        assertTrue(failed.get("election-basic").contains("leaderElectedWithinMs 400 not reached"), failed.toString());
        // random passes seeds 1..20 with every option it now draws (snapshots, transfers, membership); its known issues, a late
        // AppendEntries moving a follower's commit index back and voters left without a leader after it removed itself
        // (seed 28), are MicroRaftKnownIssuesTest's.
        // The snapshot scenarios run with raft.snapshotEveryEntries mapped to MicroRaft's commitCountToTakeSnapshot.
        assertEquals(new TreeSet<>(List.of("course-agreement", "course-election", "crash-churn", "flaky-network", "log-replication", "random",
                "leadership-transfer", "course-follower-failure", "course-fail-agree", "course-concurrent-starts", "course-persist1",
                "course-persist2", "course-persist3", "course-figure8-noop", "course-reliable-churn", "course-reliable-churn-loop", "course-snapshot-all-crash", "course-snapshot-basic",
                "course-snapshot-init", "course-snapshot-install", "course-snapshot-install-crash", "course-snapshot-install-uncrash",
                "course-snapshot-install-unreliable", "course-unreliable-churn", "snapshot-catch-up", "remove-leader")), passed);
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnother() {
        ScenarioResult first = Simulation.of("random").implementation(MICRORAFT).seed(42).run();
        ScenarioResult second = Simulation.of("random").implementation(MICRORAFT).seed(42).run();
        ScenarioResult other = Simulation.of("random").implementation(MICRORAFT).seed(43).run();
        assertEquals(first.run().digest(), second.run().digest());
        assertEquals(first.run().steps(), second.run().steps());
        assertNotEquals(first.run().digest(), other.run().digest());
    }

    @Test
    void frequentSnapshotsRunWithTheSameDigestTwice() {
        Map<String, String> settings = Map.of("commitCountToTakeSnapshot", "10");
        ScenarioResult first = Simulation.of("random").implementation(MICRORAFT, settings).seed(1).run();
        ScenarioResult second = Simulation.of("random").implementation(MICRORAFT, settings).seed(1).run();
        assertTrue(first.passed(), first.toString());
        assertEquals(first.run().digest(), second.run().digest());
    }

    @Test
    void theNegativeControlIsCaughtAsItsExpectedProperty() {
        RaftImplementation<?> implementation = Implementations.named(MICRORAFT);
        String mistake = implementation.negativeControl();
        assertEquals("FORGET_SESSIONS", mistake);
        Scenario scenario = Catalogue.load("random").withImplementation(ImplementationChoice.of(MICRORAFT, Map.of()));
        ScenarioResult planted = ScenarioRunner.run(scenario, CONTROL_SEED, TraceSink.NONE, new TreeSet<>(Set.of(mistake)));
        assertEquals(Outcome.NOT_LINEARIZABLE, planted.outcome(), planted.toString());
        assertTrue(implementation.plantableMistake(mistake).caughtAs(planted.property()));
        assertTrue(ScenarioRunner.run(scenario, CONTROL_SEED).passed(), "the same seed passes without the mistake");
    }

    /** The first seed of random at which conform catches FORGET_SESSIONS. */
    static final long CONTROL_SEED = 1;

    @Test
    void settingsAreRefusedInOneLineNamingKeyAndValue() {
        RaftImplementation<?> implementation = Implementations.named(MICRORAFT);
        RaftConfig config = RaftConfig.defaults(5);
        SettingsException unknown = assertThrows(SettingsException.class, () -> implementation.validate(config, Map.of("speed", "9")));
        assertTrue(unknown.getMessage().startsWith("speed=9: unknown microraft setting"), unknown.getMessage());
        SettingsException zero = assertThrows(SettingsException.class, () -> implementation.validate(config, Map.of("timeScale", "0")));
        assertEquals("timeScale=0: must be in 1..1000", zero.getMessage());
        SettingsException word = assertThrows(SettingsException.class,
                () -> implementation.validate(config, Map.of("commitCountToTakeSnapshot", "often")));
        assertEquals("commitCountToTakeSnapshot=often: not a whole number", word.getMessage());
        assertFalse(zero.getMessage().contains("\n"));
    }
}
