package io.raftsim.raft.bugs;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.ClusterOutcome;
import io.raftsim.harness.cluster.ClusterSpec;
import io.raftsim.sim.fault.FaultKind;
import io.raftsim.sim.fault.FaultProfile;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.fault.FaultScheduleGenerator;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.trace.TraceSink;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Planted bugs leave correct runs alone: with none planted the first seeds of the random
 * scenario pass, and run digests equal those of the code before bugs could be planted. Which
 * bug the sweep catches, and within how many seeds, is asked of the catalogue's random
 * scenario itself, through the scenario runner (scenarios: SweepCatchesPlantedBugsTest), since
 * that scenario also draws the Raft options and the network now; a copy of its draws here
 * would drift from it.
 */
class PlantedBugsTest {
    private static final int NODES = 5;
    private static final long DURATION_MICROS = 20_000_000;

    /** The random scenario with faults only (the catalogue's draws before Raft options and the network were drawn), bugs planted. */
    static ClusterOutcome randomScenario(long seed, Set<Bug> bugs) {
        return randomScenario(seed, bugs, FaultProfile::swarm);
    }

    private static ClusterOutcome randomScenario(long seed, Set<Bug> bugs, Function<RandomStream, FaultProfile> profile) {
        return randomScenario(seed, bugs, profile, ClusterSpec.defaults(NODES));
    }

    private static ClusterOutcome randomScenario(long seed, Set<Bug> bugs, Function<RandomStream, FaultProfile> profile, ClusterSpec spec) {
        Set<String> names = new java.util.TreeSet<>();
        for (Bug bug : bugs) {
            names.add(bug.name()); // planted mistakes are named through the seam
        }
        Cluster cluster = new Cluster(spec, seed, TraceSink.NONE, names);
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
