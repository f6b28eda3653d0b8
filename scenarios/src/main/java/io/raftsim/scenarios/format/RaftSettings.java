package io.raftsim.scenarios.format;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.ReadMode;
import io.raftsim.sim.engine.Time;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code raft} block of a scenario. Defaults follow the paper (§9.3): election timeouts
 * from [150, 300) ms, heartbeats every 50 ms, every extension off.
 *
 * @param firstElectionTimeoutMs chosen first election timeouts by server name; a server not
 *                               listed draws a random one. Used to stage races (split votes).
 * @param leaderNoOp             a new leader appends a no-op of its term (§8, the default); off, log
 *                               indexes hold only client commands, and an earlier term's entries
 *                               commit only with a command of the leader's term (§5.4.2)
 * @param snapshotEveryEntries   §7: a server snapshots its state machine and compacts its log once this
 *                               many applied entries follow its last snapshot; 0 (default) never
 * @param readMode               how a leader answers reads (§6.4): {@code log} (the default), {@code readIndex}, {@code lease}
 * @param clockDriftBoundPpm     the clock drift the lease assumes at most (§6.4.1), in parts per million
 */
public record RaftSettings(long electionTimeoutMinMs, long electionTimeoutMaxMs, long heartbeatMs,
                           boolean preVote, boolean checkQuorum, boolean fastBacktrack,
                           int maxEntriesPerAppend, int maxInflightAppends,
                           SortedMap<String, Long> firstElectionTimeoutMs, boolean electionTimerResetOnHigherTerm,
                           boolean leaderNoOp, int snapshotEveryEntries, ReadMode readMode, long clockDriftBoundPpm) {

    public static final RaftSettings DEFAULT = new RaftSettings(150, 300, 50, false, false, false, 64, 1, new TreeMap<>(), false, true, 0,
            ReadMode.LOG, RaftConfig.DEFAULT_CLOCK_DRIFT_BOUND_PPM);

    public RaftSettings {
        firstElectionTimeoutMs = new TreeMap<>(firstElectionTimeoutMs);
    }

    /** With the leader's no-op on (§8), no snapshots and reads through the log, as every scenario before those options. */
    public RaftSettings(long electionTimeoutMinMs, long electionTimeoutMaxMs, long heartbeatMs,
                        boolean preVote, boolean checkQuorum, boolean fastBacktrack,
                        int maxEntriesPerAppend, int maxInflightAppends,
                        SortedMap<String, Long> firstElectionTimeoutMs, boolean electionTimerResetOnHigherTerm) {
        this(electionTimeoutMinMs, electionTimeoutMaxMs, heartbeatMs, preVote, checkQuorum, fastBacktrack, maxEntriesPerAppend,
                maxInflightAppends, firstElectionTimeoutMs, electionTimerResetOnHigherTerm, true, 0,
                ReadMode.LOG, RaftConfig.DEFAULT_CLOCK_DRIFT_BOUND_PPM);
    }

    public RaftConfig toConfig(int nodes) {
        return new RaftConfig(nodes, Time.ms(electionTimeoutMinMs), Time.ms(electionTimeoutMaxMs), Time.ms(heartbeatMs),
                preVote, checkQuorum, fastBacktrack, maxEntriesPerAppend, maxInflightAppends, electionTimerResetOnHigherTerm, leaderNoOp, snapshotEveryEntries,
                readMode, clockDriftBoundPpm);
    }

    /** Per server id, the chosen first timeout in microseconds or 0; null when none is chosen. */
    public long[] firstElectionTimeoutsMicros(int nodes) {
        if (firstElectionTimeoutMs.isEmpty()) {
            return null;
        }
        long[] micros = new long[nodes];
        firstElectionTimeoutMs.forEach((name, ms) -> micros[NodeRef.indexOf(name)] = Time.ms(ms));
        return micros;
    }

    public RaftSettings withPreVoteAndCheckQuorum(boolean preVoteOn, boolean checkQuorumOn) {
        return new RaftSettings(electionTimeoutMinMs, electionTimeoutMaxMs, heartbeatMs, preVoteOn, checkQuorumOn, fastBacktrack,
                maxEntriesPerAppend, maxInflightAppends, firstElectionTimeoutMs, electionTimerResetOnHigherTerm, leaderNoOp, snapshotEveryEntries,
                readMode, clockDriftBoundPpm);
    }

    /** These settings with snapshots every {@code entries} applied entries (0: never), §7. */
    public RaftSettings withSnapshotEveryEntries(int entries) {
        return new RaftSettings(electionTimeoutMinMs, electionTimeoutMaxMs, heartbeatMs, preVote, checkQuorum, fastBacktrack,
                maxEntriesPerAppend, maxInflightAppends, firstElectionTimeoutMs, electionTimerResetOnHigherTerm, leaderNoOp, entries, readMode, clockDriftBoundPpm);
    }

    /** These settings with reads answered as {@code mode}, assuming clocks drift at most {@code driftBoundPpm}. */
    public RaftSettings withReads(ReadMode mode, long driftBoundPpm) {
        return new RaftSettings(electionTimeoutMinMs, electionTimeoutMaxMs, heartbeatMs, preVote, checkQuorum, fastBacktrack,
                maxEntriesPerAppend, maxInflightAppends, firstElectionTimeoutMs, electionTimerResetOnHigherTerm, leaderNoOp, snapshotEveryEntries,
                mode, driftBoundPpm);
    }

    /** These settings with the five extensions a swarm draws set as given. */
    public RaftSettings withExtensions(boolean preVoteOn, boolean checkQuorumOn, boolean fastBacktrackOn,
                                       int entriesPerAppend, int inflightAppends) {
        return new RaftSettings(electionTimeoutMinMs, electionTimeoutMaxMs, heartbeatMs, preVoteOn, checkQuorumOn, fastBacktrackOn,
                entriesPerAppend, inflightAppends, firstElectionTimeoutMs, electionTimerResetOnHigherTerm, leaderNoOp, snapshotEveryEntries,
                readMode, clockDriftBoundPpm);
    }

    /** These settings with the leader's no-op on or off. */
    public RaftSettings withLeaderNoOp(boolean on) {
        return new RaftSettings(electionTimeoutMinMs, electionTimeoutMaxMs, heartbeatMs, preVote, checkQuorum, fastBacktrack,
                maxEntriesPerAppend, maxInflightAppends, firstElectionTimeoutMs, electionTimerResetOnHigherTerm, on, snapshotEveryEntries, readMode, clockDriftBoundPpm);
    }

    /** Without the chosen timeouts of servers at or beyond {@code nodes} (a shrunk cluster). */
    public RaftSettings forNodes(int nodes) {
        TreeMap<String, Long> kept = new TreeMap<>();
        firstElectionTimeoutMs.forEach((name, ms) -> {
            if (NodeRef.indexOf(name) < nodes) {
                kept.put(name, ms);
            }
        });
        return new RaftSettings(electionTimeoutMinMs, electionTimeoutMaxMs, heartbeatMs, preVote, checkQuorum, fastBacktrack,
                maxEntriesPerAppend, maxInflightAppends, kept, electionTimerResetOnHigherTerm, leaderNoOp, snapshotEveryEntries,
                readMode, clockDriftBoundPpm);
    }
}
