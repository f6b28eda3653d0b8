package io.raftsim.raft.cluster;

import io.raftsim.sim.fault.FaultProfile;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.fault.FaultScheduleGenerator;
import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.trace.TraceSink;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random seeds x random (swarm) fault schedules x 3, 5 and 7 nodes: every safety property
 * holds after every step, the liveness phase succeeds, and the history is linearizable.
 */
class ClusterSafetyProperties {

    @Property(tries = 60)
    void safetyAndLivenessHoldUnderRandomFaults(@ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed,
                                                @ForAll @IntRange(min = 1, max = 3) int sizeChoice) {
        int servers = 2 * sizeChoice + 1;
        Cluster cluster = new Cluster(ClusterSpec.defaults(servers), seed, TraceSink.NONE);
        RandomStream random = cluster.engine().randomStream("faults");
        FaultSchedule faults = FaultScheduleGenerator.generate(random, FaultProfile.swarm(random), servers, 0, 8_000_000, LinkConfig.DEFAULT);
        ClusterOutcome outcome = cluster.run(8_000_000, faults, true);
        assertTrue(outcome.passed(), servers + " nodes, seed " + seed + ": " + outcome + "\nfaults:\n" + faults);
    }
}
