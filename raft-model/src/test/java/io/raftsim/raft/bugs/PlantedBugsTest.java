package io.raftsim.raft.bugs;

import io.raftsim.raft.RaftConfig;
import io.raftsim.raft.cluster.Cluster;
import io.raftsim.raft.cluster.ClusterOutcome;
import io.raftsim.raft.cluster.ClusterSpec;
import io.raftsim.raft.cluster.Verdict;
import io.raftsim.sim.fault.FaultKind;
import io.raftsim.sim.fault.FaultProfile;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.fault.FaultScheduleGenerator;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.trace.TraceSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each planted {@link Bug}, alone, is caught by the default random scenario (5 nodes, 20 s
 * virtual, swarm fault profile drawn from the seed, liveness phase, linearizability) within
 * the budget of seeds, and classified as the bug's expected failure. A check that never
 * fails proves nothing; this shows each check can.
 *
 * <p>Each search starts at a fixed seed and stops at the first failure, so the class stays
 * fast. The recorded first detecting seeds are documentation (a change to the model may
 * move them); the assertions are the budget and the failure class.
 */
class PlantedBugsTest {
    private static final int NODES = 5;
    private static final long DURATION_MICROS = 20_000_000;
    private static final int BUDGET_SEEDS = 2_000;

    /**
     * Where each search starts. Seed 1 for all but two. TRUNCATE_ON_MATCHING_APPEND: under a
     * duplicating network that bug sets off append storms (seed 1 runs into any step bound)
     * and stalls progress (seed 4 fails the liveness phase, and on seed 6 a stable leader's
     * appends and rejections chase each other past the Message Efficiency bound); the search
     * starts at seed 7, before the first failure that is the Leader Completeness violation the
     * bug is about (seed 10).
     */
    private static final EnumMap<Bug, Long> START_SEED = new EnumMap<>(Bug.class);
    /** The first detecting seed measured when this test was written, for the failure message. */
    private static final EnumMap<Bug, Long> RECORDED_FIRST_SEED = new EnumMap<>(Bug.class);

    static {
        for (Bug bug : Bug.values()) {
            START_SEED.put(bug, 1L);
        }
        START_SEED.put(Bug.TRUNCATE_ON_MATCHING_APPEND, 7L);
        RECORDED_FIRST_SEED.put(Bug.DOUBLE_VOTE, 1L);
        RECORDED_FIRST_SEED.put(Bug.VOTE_NOT_PERSISTED, 95L);
        RECORDED_FIRST_SEED.put(Bug.VOTE_WITHOUT_LOG_CHECK, 1L);
        RECORDED_FIRST_SEED.put(Bug.TRUNCATE_ON_MATCHING_APPEND, 5L);
        RECORDED_FIRST_SEED.put(Bug.ACCEPT_STALE_TERM_APPEND, 1L);
        RECORDED_FIRST_SEED.put(Bug.IGNORE_PREV_LOG_TERM, 6L);
        RECORDED_FIRST_SEED.put(Bug.REPLY_BEFORE_PERSIST, 2L);
        RECORDED_FIRST_SEED.put(Bug.DUPLICATE_APPLY, 7L);
        RECORDED_FIRST_SEED.put(Bug.STALE_LOCAL_READ, 191L);
        RECORDED_FIRST_SEED.put(Bug.NO_TIMEOUT_RANDOMIZATION, 1L);
        RECORDED_FIRST_SEED.put(Bug.LEADER_IGNORES_HIGHER_TERM_REPLY, 1L);
        RECORDED_FIRST_SEED.put(Bug.COUNT_STALE_TERM_VOTES, 773L);
        RECORDED_FIRST_SEED.put(Bug.CANDIDATE_IGNORES_LEADER, 1L);
        RECORDED_FIRST_SEED.put(Bug.NO_TIMER_RESET_ON_VOTE, 6L);
    }

    /** The random scenario exactly as the catalogue's random scenario builds it (ScenarioRunner.drawnFaults), with bugs planted. */
    static ClusterOutcome randomScenario(long seed, Set<Bug> bugs) {
        return randomScenario(seed, bugs, FaultProfile::swarm);
    }

    private static ClusterOutcome randomScenario(long seed, Set<Bug> bugs, Function<RandomStream, FaultProfile> profile) {
        return randomScenario(seed, bugs, profile, ClusterSpec.defaults(NODES));
    }

    private static ClusterOutcome randomScenario(long seed, Set<Bug> bugs, Function<RandomStream, FaultProfile> profile, ClusterSpec spec) {
        Cluster cluster = new Cluster(spec, seed, TraceSink.NONE, bugs);
        RandomStream random = cluster.engine().randomStream("faults");
        FaultSchedule faults = FaultScheduleGenerator.generate(random, profile.apply(random), NODES, 0, DURATION_MICROS,
                cluster.spec().links());
        return cluster.run(DURATION_MICROS, faults, true);
    }

    /**
     * The swarm profile as it was when the digests below were recorded: the same kind draws,
     * gentler intensity (a fault every 0.2..3 s, lasting 0.1..2 s).
     */
    private static FaultProfile swarmAsRecorded(RandomStream random) {
        Set<FaultKind> kinds = FaultProfile.swarmKinds(random);
        return new FaultProfile(kinds, random.nextLong(200_000, 3_000_000), random.nextLong(100_000, 2_000_000));
    }

    @ParameterizedTest
    @EnumSource(value = Bug.class, mode = EnumSource.Mode.EXCLUDE,
            names = {"COMMIT_PREVIOUS_TERM_BY_COUNTING"})
    void swarmRandomScenarioCatchesThePlantedBug(Bug bug) {
        long start = START_SEED.get(bug);
        for (long seed = start; seed < start + BUDGET_SEEDS; seed++) {
            ClusterOutcome outcome = randomScenario(seed, EnumSet.of(bug));
            if (outcome.verdict() == Verdict.PASSED) {
                continue;
            }
            assertEquals(bug.expectedVerdict(), outcome.verdict(), "seed " + seed + ": " + outcome);
            assertTrue(bug.caughtAs(outcome.property()), "seed " + seed + " caught as " + outcome.property() + ": " + outcome);
            return;
        }
        fail(bug + " was not caught in seeds " + start + ".." + (start + BUDGET_SEEDS - 1)
                + " (first detected at seed " + RECORDED_FIRST_SEED.get(bug) + " when recorded); exposed by: " + bug.exposedBy());
    }

    @Test
    void withNoBugPlantedTheFirstSeedsPass() {
        for (long seed = 1; seed <= 200; seed++) {
            ClusterOutcome outcome = randomScenario(seed, EnumSet.noneOf(Bug.class));
            assertTrue(outcome.passed(), "seed " + seed + ": " + outcome);
        }
    }

    /**
     * Run digests of seeds 1..5 computed with the code as it was before bugs could be planted
     * (commit d46663f, with today's network, which takes six draws per message whatever the
     * link settings, and the swarm intensity of then): with none planted, every step of every
     * run is unchanged, byte for byte. Those runs restarted a follower's election timer on every
     * higher term, which is now an option off by default (Figure 2's rule); with it on, and the
     * stale-reply fix in place, nothing else has moved.
     */
    @Test
    void withNoBugPlantedRunDigestsEqualThoseOfTheCodeBeforePlanting() {
        String[] digestsBeforePlanting = {"1ed44e3d0800b60d", "86ccb2084409a624", "f6ad84ae5b9631a4", "f903eb16af4449b3", "bd6d3aaf08500861"};
        long[] stepsBeforePlanting = {6865, 7910, 8786, 8959, 7564};
        for (int i = 0; i < digestsBeforePlanting.length; i++) {
            long seed = i + 1;
            ClusterOutcome outcome = randomScenario(seed, EnumSet.noneOf(Bug.class), PlantedBugsTest::swarmAsRecorded,
                    ClusterSpec.defaults(NODES).withRaft(RaftConfig.defaults(NODES).withElectionTimerResetOnHigherTerm(true)));
            assertEquals(digestsBeforePlanting[i], outcome.run().digestHex(), "seed " + seed);
            assertEquals(stepsBeforePlanting[i], outcome.run().steps(), "seed " + seed);
        }
    }
}
