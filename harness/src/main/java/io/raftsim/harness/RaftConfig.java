package io.raftsim.harness;

/**
 * The settings of a Raft cluster. Defaults follow the paper: election timeouts drawn from
 * [150, 300) ms and heartbeats every 50 ms (§9.3), and every extension off.
 *
 * @param maxEntriesPerAppend batching: at most this many entries in one AppendEntries, so
 *                            a follower far behind is caught up in bounded messages
 * @param maxInflightAppends  pipelining: appends a leader may have unacknowledged per
 *                            follower; 1 is stop-and-wait, the paper's behaviour
 * @param fastBacktrack       the conflict-term hint of §5.3 instead of stepping nextIndex back one by one
 * @param resetElectionTimerOnHigherTerm
 *                            also restart a follower's election timer when it merely adopts a higher
 *                            term. Off by default, as in Figure 2, where only an AppendEntries from the
 *                            current leader or a granted vote restarts it: with the reset, candidates
 *                            with stale logs that keep campaigning hold back the one server that could
 *                            win (docs/election-timer.md measures both)
 * @param leaderNoOp          a new leader appends a no-op entry of its term (§8, dissertation §6.4), so it
 *                            commits what earlier terms left uncommitted without waiting for a client.
 *                            Off, a leader still commits an earlier term's entries only once an entry of
 *                            its own term commits (§5.4.2): until a client writes, they stay uncommitted.
 *                            On by default; an implementation declares {@code Feature.LEADER_NO_OP_OPTION}
 *                            when it can turn it off
 * @param snapshotEveryEntries
 *                            §7 log compaction: a server snapshots its state machine once this many applied
 *                            entries follow its previous snapshot, and a leader sends InstallSnapshot to a
 *                            follower whose next entry was compacted away; 0 (the default) never snapshots
 * @param readMode            how a leader answers reads (§6.4): through the log (the default), ReadIndex, or a lease
 * @param clockDriftBoundPpm  the assumed bound on clock drift, in parts per million: the fastest clock runs at most
 *                            (1 + bound) times as fast as the slowest. Lease reads shorten the lease by it (§6.4.1)
 */
public record RaftConfig(
        int clusterSize,
        long electionTimeoutMinMicros,
        long electionTimeoutMaxMicros,
        long heartbeatIntervalMicros,
        boolean preVote,
        boolean checkQuorum,
        boolean fastBacktrack,
        int maxEntriesPerAppend,
        int maxInflightAppends,
        boolean resetElectionTimerOnHigherTerm,
        boolean leaderNoOp,
        int snapshotEveryEntries,
        ReadMode readMode,
        long clockDriftBoundPpm) {

    /** The drift bound when none is configured: 25%, above the 0.9..1.1 rates (a ratio of 1.22) that random drift faults draw. */
    public static final long DEFAULT_CLOCK_DRIFT_BOUND_PPM = 250_000;

    /**
     * With the leader's no-op on, as §8 has it, no snapshots, reads through the log and the
     * default drift bound: the settings of every caller written before those options existed.
     */
    public RaftConfig(int clusterSize, long electionTimeoutMinMicros, long electionTimeoutMaxMicros, long heartbeatIntervalMicros,
                      boolean preVote, boolean checkQuorum, boolean fastBacktrack, int maxEntriesPerAppend, int maxInflightAppends,
                      boolean resetElectionTimerOnHigherTerm) {
        this(clusterSize, electionTimeoutMinMicros, electionTimeoutMaxMicros, heartbeatIntervalMicros, preVote, checkQuorum, fastBacktrack,
                maxEntriesPerAppend, maxInflightAppends, resetElectionTimerOnHigherTerm, true, 0, ReadMode.LOG, DEFAULT_CLOCK_DRIFT_BOUND_PPM);
    }

    public RaftConfig {
        if (readMode == null) {
            throw new IllegalArgumentException("readMode must be given");
        }
        if (clockDriftBoundPpm < 0 || clockDriftBoundPpm > 10_000_000) {
            throw new IllegalArgumentException("clockDriftBoundPpm must be in 0..10000000: " + clockDriftBoundPpm);
        }
        if (clusterSize < 1 || clusterSize > 99) {
            throw new IllegalArgumentException("clusterSize must be in 1..99: " + clusterSize);
        }
        if (electionTimeoutMinMicros <= 0 || electionTimeoutMaxMicros < electionTimeoutMinMicros) {
            throw new IllegalArgumentException("election timeout range invalid: " + electionTimeoutMinMicros + ".." + electionTimeoutMaxMicros);
        }
        if (heartbeatIntervalMicros <= 0) {
            throw new IllegalArgumentException("heartbeatIntervalMicros must be positive: " + heartbeatIntervalMicros);
        }
        if (maxEntriesPerAppend < 1 || maxInflightAppends < 1) {
            throw new IllegalArgumentException("maxEntriesPerAppend and maxInflightAppends must be >= 1");
        }
        if (snapshotEveryEntries < 0) {
            throw new IllegalArgumentException("snapshotEveryEntries must be >= 0 (0 = never): " + snapshotEveryEntries);
        }
    }

    public static RaftConfig defaults(int clusterSize) {
        return new RaftConfig(clusterSize, 150_000, 300_000, 50_000, false, false, false, 64, 1, false);
    }

    public int majority() {
        return clusterSize / 2 + 1;
    }

    public RaftConfig withElectionTimeout(long minMicros, long maxMicros) {
        return new RaftConfig(clusterSize, minMicros, maxMicros, heartbeatIntervalMicros, preVote, checkQuorum, fastBacktrack, maxEntriesPerAppend, maxInflightAppends, resetElectionTimerOnHigherTerm, leaderNoOp, snapshotEveryEntries, readMode, clockDriftBoundPpm);
    }

    public RaftConfig withHeartbeatInterval(long micros) {
        return new RaftConfig(clusterSize, electionTimeoutMinMicros, electionTimeoutMaxMicros, micros, preVote, checkQuorum, fastBacktrack, maxEntriesPerAppend, maxInflightAppends, resetElectionTimerOnHigherTerm, leaderNoOp, snapshotEveryEntries, readMode, clockDriftBoundPpm);
    }

    public RaftConfig withPreVote(boolean enabled) {
        return new RaftConfig(clusterSize, electionTimeoutMinMicros, electionTimeoutMaxMicros, heartbeatIntervalMicros, enabled, checkQuorum, fastBacktrack, maxEntriesPerAppend, maxInflightAppends, resetElectionTimerOnHigherTerm, leaderNoOp, snapshotEveryEntries, readMode, clockDriftBoundPpm);
    }

    public RaftConfig withCheckQuorum(boolean enabled) {
        return new RaftConfig(clusterSize, electionTimeoutMinMicros, electionTimeoutMaxMicros, heartbeatIntervalMicros, preVote, enabled, fastBacktrack, maxEntriesPerAppend, maxInflightAppends, resetElectionTimerOnHigherTerm, leaderNoOp, snapshotEveryEntries, readMode, clockDriftBoundPpm);
    }

    public RaftConfig withFastBacktrack(boolean enabled) {
        return new RaftConfig(clusterSize, electionTimeoutMinMicros, electionTimeoutMaxMicros, heartbeatIntervalMicros, preVote, checkQuorum, enabled, maxEntriesPerAppend, maxInflightAppends, resetElectionTimerOnHigherTerm, leaderNoOp, snapshotEveryEntries, readMode, clockDriftBoundPpm);
    }

    public RaftConfig withBatching(int maxEntries, int maxInflight) {
        return new RaftConfig(clusterSize, electionTimeoutMinMicros, electionTimeoutMaxMicros, heartbeatIntervalMicros, preVote, checkQuorum, fastBacktrack, maxEntries, maxInflight, resetElectionTimerOnHigherTerm, leaderNoOp, snapshotEveryEntries, readMode, clockDriftBoundPpm);
    }

    public RaftConfig withLeaderNoOp(boolean enabled) {
        return new RaftConfig(clusterSize, electionTimeoutMinMicros, electionTimeoutMaxMicros, heartbeatIntervalMicros, preVote, checkQuorum, fastBacktrack, maxEntriesPerAppend, maxInflightAppends, resetElectionTimerOnHigherTerm, enabled, snapshotEveryEntries, readMode, clockDriftBoundPpm);
    }

    public RaftConfig withElectionTimerResetOnHigherTerm(boolean enabled) {
        return new RaftConfig(clusterSize, electionTimeoutMinMicros, electionTimeoutMaxMicros, heartbeatIntervalMicros, preVote, checkQuorum, fastBacktrack, maxEntriesPerAppend, maxInflightAppends, enabled, leaderNoOp, snapshotEveryEntries, readMode, clockDriftBoundPpm);
    }

    /**
     * §7: the state machine takes a snapshot, and the log is compacted through it, once this many
     * applied entries follow the previous snapshot; 0 (the default) never snapshots.
     */
    public RaftConfig withSnapshotEveryEntries(int entries) {
        return new RaftConfig(clusterSize, electionTimeoutMinMicros, electionTimeoutMaxMicros, heartbeatIntervalMicros, preVote, checkQuorum, fastBacktrack, maxEntriesPerAppend, maxInflightAppends, resetElectionTimerOnHigherTerm, leaderNoOp, entries, readMode, clockDriftBoundPpm);
    }

    public boolean snapshots() {
        return snapshotEveryEntries > 0;
    }

    /** These settings with reads answered in {@code mode} (§6.4) under a clock drift bound of {@code driftBoundPpm}. */
    public RaftConfig withReads(ReadMode mode, long driftBoundPpm) {
        return new RaftConfig(clusterSize, electionTimeoutMinMicros, electionTimeoutMaxMicros, heartbeatIntervalMicros, preVote, checkQuorum, fastBacktrack, maxEntriesPerAppend, maxInflightAppends, resetElectionTimerOnHigherTerm, leaderNoOp, snapshotEveryEntries, mode, driftBoundPpm);
    }
}
