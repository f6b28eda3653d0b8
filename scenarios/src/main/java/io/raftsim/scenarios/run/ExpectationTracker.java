package io.raftsim.scenarios.run;

import io.raftsim.harness.cluster.Cluster;
import io.raftsim.harness.cluster.ServerListener;
import io.raftsim.harness.spi.Role;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.sim.engine.Time;

import java.util.Map;
import java.util.TreeMap;

/**
 * Watches a run for what {@code expect} conditions talk about: when the first leader was
 * elected, which terms had several candidates, whether two servers led at once, and which
 * entries were rolled back. Reports arrive from the servers after the safety monitor's.
 */
final class ExpectationTracker implements ServerListener {
    private final Cluster cluster;
    private final ServerProbe[] nodes;
    private final Role[] lastRole;
    /** For each term, the servers that were candidates in it, as a bit mask. */
    private final TreeMap<Long, Long> candidatesByTerm = new TreeMap<>();
    private long firstLeaderMicros = -1;
    private int firstLeader = -1;
    private long splitBrainMoments;
    private String firstSplitBrain;
    private long rolledBackEntries;
    private String firstRollback;
    /** Per server, after its last step: its snapshot index and last log index. */
    private final long[] lastSnapshotIndex;
    private final long[] lastLogIndex;
    private long snapshotInstalls;
    private String firstSnapshotInstall;

    ExpectationTracker(Cluster cluster) {
        this.cluster = cluster;
        int servers = cluster.spec().servers();
        this.nodes = new ServerProbe[servers];
        this.lastRole = new Role[servers];
        this.lastSnapshotIndex = new long[servers];
        this.lastLogIndex = new long[servers];
    }

    @Override
    public void started(int id, ServerProbe node) {
        nodes[id] = node;
        lastRole[id] = Role.FOLLOWER;
        // What it reloaded (a snapshot included) is its own, not an install.
        lastSnapshotIndex[id] = node.snapshotIndex();
        lastLogIndex[id] = node.lastLogIndex();
    }

    @Override
    public void truncated(int node, long fromIndex, long previousLastIndex) {
        if (fromIndex > previousLastIndex) {
            return;
        }
        rolledBackEntries += previousLastIndex - fromIndex + 1;
        if (firstRollback == null) {
            firstRollback = "n" + (node + 1) + " discarded entries " + fromIndex + ".." + previousLastIndex + " at " + now();
        }
    }

    @Override
    public void handled(int id, ServerProbe node) {
        Role role = node.role();
        if (role == Role.CANDIDATE) {
            candidatesByTerm.merge(node.currentTerm(), 1L << id, (a, b) -> a | b);
        } else if (role == Role.LEADER && lastRole[id] != Role.LEADER) {
            if (firstLeaderMicros < 0) {
                firstLeaderMicros = cluster.engine().nowMicros();
                firstLeader = id;
            }
            checkSplitBrain(id, node);
        }
        lastRole[id] = role;
        long snapshot = node.snapshotIndex();
        if (snapshot > lastSnapshotIndex[id] && snapshot > lastLogIndex[id]) {
            // A server snapshots only entries it holds: one past its log came from a leader (Figure 13).
            snapshotInstalls++;
            if (firstSnapshotInstall == null) {
                firstSnapshotInstall = "n" + (id + 1) + " installed a snapshot through index " + snapshot + " with a log that ended at "
                        + lastLogIndex[id] + ", at " + now();
            }
        }
        lastSnapshotIndex[id] = snapshot;
        lastLogIndex[id] = node.lastLogIndex();
    }

    long snapshotInstalls() {
        return snapshotInstalls;
    }

    String firstSnapshotInstall() {
        return firstSnapshotInstall;
    }

    /** Another live server still believes it leads, in another term, while this one takes over. */
    private void checkSplitBrain(int newLeaderId, ServerProbe newLeader) {
        for (int other = 0; other < nodes.length; other++) {
            ServerProbe node = nodes[other];
            if (other != newLeaderId && node != null && cluster.engine().isUp(other)
                    && node.role() == Role.LEADER && node.currentTerm() != newLeader.currentTerm()) {
                splitBrainMoments++;
                if (firstSplitBrain == null) {
                    firstSplitBrain = "n" + (other + 1) + " (term " + node.currentTerm() + ") and n" + (newLeaderId + 1)
                            + " (term " + newLeader.currentTerm() + ") both led at " + now();
                }
            }
        }
    }

    private String now() {
        return Time.format(cluster.engine().nowMicros());
    }

    long firstLeaderMicros() {
        return firstLeaderMicros;
    }

    String firstLeaderDetail() {
        return firstLeader < 0 ? "no leader was elected" : "n" + (firstLeader + 1) + " was elected first, at " + Time.format(firstLeaderMicros);
    }

    /** Terms with two or more candidates and no leader. */
    TreeMap<Long, Long> splitVoteTerms(Map<Long, Integer> leaderOfTerm) {
        TreeMap<Long, Long> split = new TreeMap<>();
        candidatesByTerm.forEach((term, mask) -> {
            if (Long.bitCount(mask) >= 2 && !leaderOfTerm.containsKey(term)) {
                split.put(term, mask);
            }
        });
        return split;
    }

    long splitBrainMoments() {
        return splitBrainMoments;
    }

    String firstSplitBrain() {
        return firstSplitBrain;
    }

    long rolledBackEntries() {
        return rolledBackEntries;
    }

    String firstRollback() {
        return firstRollback;
    }
}
