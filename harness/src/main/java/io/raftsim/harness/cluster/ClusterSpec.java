package io.raftsim.harness.cluster;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.spi.Implementations;
import io.raftsim.harness.client.Workload;
import io.raftsim.sim.engine.Limits;
import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.storage.SyncMode;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything that defines a cluster run except the seed and the faults.
 *
 * @param livenessBoundMicros after the last fault is healed, a leader must be elected within
 *                            this bound, and then every pending client operation must
 *                            complete within it again; default 10 x the maximum election timeout
 */
public record ClusterSpec(String implementation, Map<String, String> implementationSettings, RaftConfig raft, LinkConfig links,
                          Workload workload, SyncMode syncMode, Limits limits, int maxHistoryOperations, long livenessBoundMicros) {

    public ClusterSpec {
        implementationSettings = Collections.unmodifiableMap(new TreeMap<>(implementationSettings));
    }

    /** A spec of the project's own Raft. */
    public ClusterSpec(RaftConfig raft, LinkConfig links, Workload workload, SyncMode syncMode, Limits limits,
                       int maxHistoryOperations, long livenessBoundMicros) {
        this(Implementations.DEFAULT, new TreeMap<>(), raft, links, workload, syncMode, limits, maxHistoryOperations, livenessBoundMicros);
    }

    public static ClusterSpec defaults(int servers) {
        RaftConfig raft = RaftConfig.defaults(servers);
        return new ClusterSpec(raft, LinkConfig.DEFAULT, Workload.of(2, 20, 4), SyncMode.LOSE_UNSYNCED_ON_CRASH,
                Limits.DEFAULT, 1_000_000, 10 * raft.electionTimeoutMaxMicros());
    }

    /** The same cluster of another implementation, with its own settings. */
    public ClusterSpec withImplementation(String name, Map<String, String> settings) {
        return new ClusterSpec(name, settings, raft, links, workload, syncMode, limits, maxHistoryOperations, livenessBoundMicros);
    }

    public ClusterSpec withLivenessBound(long micros) {
        return new ClusterSpec(implementation, implementationSettings, raft, links, workload, syncMode, limits, maxHistoryOperations, micros);
    }

    public int servers() {
        return raft.clusterSize();
    }

    public ClusterSpec withRaft(RaftConfig config) {
        return new ClusterSpec(implementation, implementationSettings, config, links, workload, syncMode, limits, maxHistoryOperations, 10 * config.electionTimeoutMaxMicros());
    }

    public ClusterSpec withLinks(LinkConfig config) {
        return new ClusterSpec(implementation, implementationSettings, raft, config, workload, syncMode, limits, maxHistoryOperations, livenessBoundMicros);
    }

    public ClusterSpec withWorkload(Workload clients) {
        return new ClusterSpec(implementation, implementationSettings, raft, links, clients, syncMode, limits, maxHistoryOperations, livenessBoundMicros);
    }

    /** At most this many client operations are recorded (0: none); clients stop starting new ones at the bound. */
    public ClusterSpec withMaxHistoryOperations(int operations) {
        return new ClusterSpec(implementation, implementationSettings, raft, links, workload, syncMode, limits, operations, livenessBoundMicros);
    }

    public ClusterSpec withLimits(Limits runLimits) {
        return new ClusterSpec(implementation, implementationSettings, raft, links, workload, syncMode, runLimits, maxHistoryOperations, livenessBoundMicros);
    }
}
