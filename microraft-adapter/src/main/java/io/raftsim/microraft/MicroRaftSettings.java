package io.raftsim.microraft;

import io.raftsim.harness.spi.SettingsException;

import java.util.Map;
import java.util.TreeMap;

/**
 * MicroRaft's own settings under the harness, and how the common timing maps onto MicroRaft's
 * coarse {@code RaftConfig}.
 *
 * <p><b>Time scale.</b> MicroRaft time = virtual time x {@code timeScale}: the node's clock and
 * executor run {@code timeScale} times faster than the simulation, so MicroRaft's whole-second
 * heartbeat settings can stand for the tens of milliseconds the catalogue uses. With the
 * default 20, the catalogue's 50 ms heartbeat is MicroRaft's 1 s period and its 150 ms
 * minimum election timeout is 3 s; MicroRaft's hard-coded 100 ms election jitter and 250 ms
 * backoff reset become 5 ms and 12.5 ms of virtual time.
 * <ul>
 *   <li>{@code leaderHeartbeatPeriodSecs} = heartbeat interval x scale, rounded to whole seconds, at least 1;
 *   <li>{@code leaderHeartbeatTimeoutSecs} = minimum election timeout x scale, rounded, at least the period:
 *       how long a follower hears nothing before it pre-votes, and a leader without a quorum before
 *       it steps down;
 *   <li>{@code leaderElectionTimeoutMillis} = minimum election timeout x scale in ms: how long a
 *       (pre-)vote round waits, plus MicroRaft's own random 0..99 ms.
 * </ul>
 * MicroRaft draws no election timeout from a range: the range's maximum is not used, and the
 * follower's check runs only once per heartbeat period, so timing is honoured to a period,
 * not exactly (no {@code EXACT_TIMING}).
 *
 * @param timeScale                     MicroRaft microseconds per virtual microsecond
 * @param commitCountToTakeSnapshot     MicroRaft takes a snapshot every this many commits; the
 *                                      default, MicroRaft's own 50,000, is never reached by the catalogue
 * @param appendEntriesRequestBatchSize at most this many entries per AppendEntries (MicroRaft's default 1,000)
 */
public record MicroRaftSettings(long timeScale, int commitCountToTakeSnapshot, int appendEntriesRequestBatchSize) {
    public static final String TIME_SCALE = "timeScale";
    public static final String COMMIT_COUNT_TO_TAKE_SNAPSHOT = "commitCountToTakeSnapshot";
    public static final String APPEND_ENTRIES_REQUEST_BATCH_SIZE = "appendEntriesRequestBatchSize";

    public static final long DEFAULT_TIME_SCALE = 20;
    public static final long MAX_TIME_SCALE = 1_000;
    public static final MicroRaftSettings DEFAULT = new MicroRaftSettings(DEFAULT_TIME_SCALE,
            io.microraft.RaftConfig.DEFAULT_COMMIT_COUNT_TO_TAKE_SNAPSHOT, io.microraft.RaftConfig.DEFAULT_APPEND_ENTRIES_REQUEST_BATCH_SIZE);

    /** The settings in {@code settings} over the defaults; the first unknown key or bad value is refused in one line. */
    public static MicroRaftSettings parse(Map<String, String> settings) throws SettingsException {
        long timeScale = DEFAULT.timeScale;
        int snapshotEvery = DEFAULT.commitCountToTakeSnapshot;
        int batchSize = DEFAULT.appendEntriesRequestBatchSize;
        for (Map.Entry<String, String> setting : new TreeMap<>(settings).entrySet()) {
            String key = setting.getKey();
            String value = setting.getValue();
            switch (key) {
                case TIME_SCALE -> timeScale = number(key, value, 1, MAX_TIME_SCALE);
                case COMMIT_COUNT_TO_TAKE_SNAPSHOT -> snapshotEvery = (int) number(key, value, 1, 1_000_000);
                case APPEND_ENTRIES_REQUEST_BATCH_SIZE -> batchSize = (int) number(key, value, 1, 1_000_000);
                default -> throw new SettingsException(key, value, "unknown microraft setting; known: "
                        + String.join(", ", TIME_SCALE, COMMIT_COUNT_TO_TAKE_SNAPSHOT, APPEND_ENTRIES_REQUEST_BATCH_SIZE));
            }
        }
        return new MicroRaftSettings(timeScale, snapshotEvery, batchSize);
    }

    private static long number(String key, String value, long min, long max) throws SettingsException {
        long number;
        try {
            number = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new SettingsException(key, value, "not a whole number");
        }
        if (number < min || number > max) {
            throw new SettingsException(key, value, "must be in " + min + ".." + max);
        }
        return number;
    }

    /** MicroRaft's configuration for the common settings, through the time scale. */
    public io.microraft.RaftConfig raftConfig(io.raftsim.harness.RaftConfig common) {
        long periodSecs = Math.max(1, roundedSeconds(common.heartbeatIntervalMicros()));
        long timeoutSecs = Math.max(periodSecs, roundedSeconds(common.electionTimeoutMinMicros()));
        long electionMillis = Math.max(1, Math.multiplyExact(common.electionTimeoutMinMicros(), timeScale) / 1_000);
        return io.microraft.RaftConfig.newBuilder()
                .setLeaderHeartbeatPeriodSecs(periodSecs)
                .setLeaderHeartbeatTimeoutSecs(timeoutSecs)
                .setLeaderElectionTimeoutMillis(electionMillis)
                .setCommitCountToTakeSnapshot(snapshotEvery(common))
                .setAppendEntriesRequestBatchSize(appendEntriesRequestBatchSize)
                .build();
    }

    /**
     * The common {@code raft.snapshotEveryEntries} maps to MicroRaft's commit count, unless the
     * scenario set {@code commitCountToTakeSnapshot} itself, which then wins.
     */
    int snapshotEvery(io.raftsim.harness.RaftConfig common) {
        boolean ownSettingGiven = commitCountToTakeSnapshot != DEFAULT.commitCountToTakeSnapshot;
        return common.snapshots() && !ownSettingGiven ? common.snapshotEveryEntries() : commitCountToTakeSnapshot;
    }

    private long roundedSeconds(long virtualMicros) {
        return (Math.multiplyExact(virtualMicros, timeScale) + 500_000) / 1_000_000;
    }

    /** MicroRaft time for a virtual time. */
    public long toMicroRaftMicros(long virtualMicros) {
        return Math.multiplyExact(virtualMicros, timeScale);
    }

    /** The virtual delay until MicroRaft time {@code dueMicroRaft}, rounded up so the task is due when the timer fires. */
    public long virtualDelayMicros(long dueMicroRaft, long nowMicroRaft) {
        return Math.max(0, Math.floorDiv(dueMicroRaft - nowMicroRaft + timeScale - 1, timeScale));
    }
}
