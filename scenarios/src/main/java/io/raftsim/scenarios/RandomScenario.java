package io.raftsim.scenarios;

import io.raftsim.raft.cluster.Cluster;
import io.raftsim.raft.cluster.ClusterOutcome;
import io.raftsim.raft.cluster.ClusterSpec;
import io.raftsim.sim.fault.FaultProfile;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.fault.FaultScheduleGenerator;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.trace.TraceSink;

/**
 * The "random" scenario: everything drawn from the seed, as swarm testing does. The fault
 * kinds enabled, their rate and their schedule come from the seed's "faults" stream; the
 * run is followed by the liveness phase and the linearizability check.
 */
public final class RandomScenario {
    public static final String NAME = "random";

    private RandomScenario() {
    }

    /** The faults a seed draws, for printing and replaying. */
    public static FaultSchedule faults(Cluster cluster, int nodes, long durationMicros) {
        RandomStream random = cluster.engine().randomStream("faults");
        return FaultScheduleGenerator.generate(random, FaultProfile.swarm(random), nodes, 0, durationMicros, cluster.spec().links());
    }

    public static ClusterOutcome run(long seed, int nodes, long durationMicros, TraceSink trace) {
        Cluster cluster = new Cluster(ClusterSpec.defaults(nodes), seed, trace);
        return cluster.run(durationMicros, faults(cluster, nodes, durationMicros), true);
    }
}
