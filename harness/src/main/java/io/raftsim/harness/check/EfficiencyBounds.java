package io.raftsim.harness.check;

import io.raftsim.harness.RaftConfig;
import io.raftsim.sim.network.LinkConfig;

/**
 * The efficiency bounds of a cluster, derived from its timing settings (docs/efficiency.md
 * states each derivation). Emin, Emax: the election timeout range; H: the heartbeat
 * interval; Lmin, Lmax: the fastest and slowest delivery on an unfaulted link (the long-tail
 * maximum when the tail is on).
 *
 * <p>The quiet-window bounds rely on Raft's own timing requirement (§5.6, broadcastTime ≪
 * electionTimeout) in a concrete form: a heartbeat always lands before a follower's timeout
 * ({@code H + Lmax - Lmin < Emin}), a new leader's first AppendEntries reaches a voter before
 * the timer that voter restarted can run out ({@code 4 Lmax < Emin}), and an append is
 * acknowledged within one heartbeat ({@code 2 Lmax < H}), on links that neither lose nor
 * duplicate. Where the settings break one of these, no window counts as quiet and only the
 * wasted-election rule, which needs none of them, is checked.
 */
public record EfficiencyBounds(long electionTimeoutMinMicros, long electionTimeoutMaxMicros, long heartbeatIntervalMicros,
                               long latencyMinMicros, long latencyMaxMicros, int clusterSize, int maxInflightAppends,
                               boolean quietWindowsApply) {

    public static EfficiencyBounds of(RaftConfig raft, LinkConfig links) {
        long latencyMax = links.tailProbability() > 0 ? links.tailMaxMicros() : links.latencyMaxMicros();
        long latencyMin = links.latencyMinMicros();
        long emin = raft.electionTimeoutMinMicros();
        long heartbeat = raft.heartbeatIntervalMicros();
        boolean timely = heartbeat + latencyMax - latencyMin < emin && 4 * latencyMax < emin && 2 * latencyMax < heartbeat;
        boolean reliable = links.dropRate() == 0.0 && links.duplicateRate() == 0.0;
        return new EfficiencyBounds(emin, raft.electionTimeoutMaxMicros(), heartbeat, latencyMin, latencyMax,
                raft.clusterSize(), raft.maxInflightAppends(), timely && reliable);
    }

    /**
     * The longest a quiet cluster may go without an established leader: {@code settle + H +
     * (rounds + 1)(Emax + 3 Lmax)}. Before the first round, stray heartbeats of a leader about
     * to learn it is deposed can restart timers for up to {@code settle + H + 2 Lmax}, and
     * every timer then runs out within Emax; after each round (a candidacy or pre-candidacy),
     * every timer it restarted (votes granted within Lmax of it) runs out within
     * {@code Emax + Lmax}, or a leader is elected within {@code 2 Lmax} and heard by all
     * within one more Lmax.
     */
    public long leaderRecoveryBoundMicros(long settleMicros, long rounds) {
        return settleMicros + heartbeatIntervalMicros + (rounds + 1) * (electionTimeoutMaxMicros + 3 * latencyMaxMicros);
    }

    /**
     * The most RPCs a stable leader's term may deliver in a quiet interval: per peer, a
     * request and a reply for each entry appended in the interval, each heartbeat period, and
     * each append already in flight when the interval began, plus, per peer, for each index it
     * may have to be probed back over a probe and its rejection, and for each index it may then
     * lack an append and its reply ({@code catchUpIndexes}: the leader's last index above the
     * peer's commit index, whose prefix matches the leader's).
     *
     * <p>With pipelining (W = maxInflightAppends above 1) over a link that reorders, an append
     * that overtakes its predecessor is rejected, sends the leader back to probing and has the
     * appends then in flight sent again (etcd's Progress does the same): each index may go out
     * up to W times. With W = 1 the bound is the plain one. Found by sweep random seed 33226, a
     * pipelined catch-up of 55 indexes over a reordering link that flapped between REPLICATE and
     * PROBE and delivered 484 RPCs against a bound of 476 that counted each index once.
     */
    public long messageBoundForInterval(long entriesAppended, long heartbeatPeriods, long catchUpIndexes) {
        long peers = clusterSize - 1L;
        long sendsPerIndex = maxInflightAppends;
        return 2 * peers * (entriesAppended * sendsPerIndex + heartbeatPeriods + maxInflightAppends + 3)
                + (2 + 2 * sendsPerIndex) * catchUpIndexes;
    }
}
