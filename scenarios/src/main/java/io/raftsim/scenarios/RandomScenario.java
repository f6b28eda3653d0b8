package io.raftsim.scenarios;

import io.raftsim.raft.bugs.Bug;
import io.raftsim.raft.cluster.Cluster;
import io.raftsim.raft.cluster.ClusterOutcome;
import io.raftsim.raft.cluster.ClusterSpec;
import io.raftsim.sim.fault.FaultProfile;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.fault.FaultScheduleGenerator;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.trace.TraceSink;

import java.util.EnumSet;
import java.util.Set;

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
        return run(seed, nodes, durationMicros, trace, EnumSet.noneOf(Bug.class));
    }

    /** The same run with known mistakes planted in every server, to show the checks catch them. */
    public static ClusterOutcome run(long seed, int nodes, long durationMicros, TraceSink trace, Set<Bug> bugs) {
        Cluster cluster = new Cluster(ClusterSpec.defaults(nodes), seed, trace, bugs);
        return cluster.run(durationMicros, faults(cluster, nodes, durationMicros), true);
    }
}
