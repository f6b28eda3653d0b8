package io.raftsim.harness.cluster;

import io.raftsim.harness.RaftConfig;
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
 * Random seeds x random (swarm) fault schedules x 3, 5 and 7 nodes x every Raft option
 * (PreVote, CheckQuorum, fast backtracking, batching, pipelining): every safety property
 * holds after every step, the liveness phase succeeds, and the history is linearizable.
 */
class ClusterSafetyProperties {

    @Property(tries = 80)
    void safetyAndLivenessHoldUnderRandomFaults(@ForAll @LongRange(min = 1, max = 1_000_000_000L) long seed,
                                                @ForAll @IntRange(min = 1, max = 3) int sizeChoice,
                                                @ForAll boolean preVote, @ForAll boolean checkQuorum, @ForAll boolean fastBacktrack,
                                                @ForAll @IntRange(min = 1, max = 64) int maxEntriesPerAppend,
                                                @ForAll @IntRange(min = 1, max = 4) int maxInflightAppends) {
        int servers = 2 * sizeChoice + 1;
        RaftConfig raft = RaftConfig.defaults(servers).withPreVote(preVote).withCheckQuorum(checkQuorum)
                .withFastBacktrack(fastBacktrack).withBatching(maxEntriesPerAppend, maxInflightAppends);
        Cluster cluster = new Cluster(ClusterSpec.defaults(servers).withRaft(raft), seed, TraceSink.NONE);
        RandomStream random = cluster.engine().randomStream("faults");
        FaultSchedule faults = FaultScheduleGenerator.generate(random, FaultProfile.swarm(random), servers, 0, 8_000_000, LinkConfig.DEFAULT);
        ClusterOutcome outcome = cluster.run(8_000_000, faults, true);
        assertTrue(outcome.passed(), servers + " nodes, seed " + seed + ", " + raft + ": " + outcome + "\nfaults:\n" + faults);
    }
}
