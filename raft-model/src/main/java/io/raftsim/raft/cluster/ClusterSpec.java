package io.raftsim.raft.cluster;

import io.raftsim.raft.RaftConfig;
import io.raftsim.raft.client.Workload;
import io.raftsim.sim.engine.Limits;
import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.storage.SyncMode;

/**
 * Everything that defines a cluster run except the seed and the faults.
 *
 * @param livenessBoundMicros after the last fault is healed, a leader must be elected within
 *                            this bound, and then every pending client operation must
 *                            complete within it again; default 10 x the maximum election timeout
 */
public record ClusterSpec(RaftConfig raft, LinkConfig links, Workload workload, SyncMode syncMode, Limits limits,
                          int maxHistoryOperations, long livenessBoundMicros) {

    public static ClusterSpec defaults(int servers) {
        RaftConfig raft = RaftConfig.defaults(servers);
        return new ClusterSpec(raft, LinkConfig.DEFAULT, Workload.of(2, 20, 4), SyncMode.LOSE_UNSYNCED_ON_CRASH,
                Limits.DEFAULT, 1_000_000, 10 * raft.electionTimeoutMaxMicros());
    }

    public int servers() {
        return raft.clusterSize();
    }

    public ClusterSpec withRaft(RaftConfig config) {
        return new ClusterSpec(config, links, workload, syncMode, limits, maxHistoryOperations, 10 * config.electionTimeoutMaxMicros());
    }

    public ClusterSpec withLinks(LinkConfig config) {
        return new ClusterSpec(raft, config, workload, syncMode, limits, maxHistoryOperations, livenessBoundMicros);
    }

    public ClusterSpec withWorkload(Workload clients) {
        return new ClusterSpec(raft, links, clients, syncMode, limits, maxHistoryOperations, livenessBoundMicros);
    }

    /** At most this many client operations are recorded (0: none); clients stop starting new ones at the bound. */
    public ClusterSpec withMaxHistoryOperations(int operations) {
        return new ClusterSpec(raft, links, workload, syncMode, limits, operations, livenessBoundMicros);
    }

    public ClusterSpec withLimits(Limits runLimits) {
        return new ClusterSpec(raft, links, workload, syncMode, runLimits, maxHistoryOperations, livenessBoundMicros);
    }
}
