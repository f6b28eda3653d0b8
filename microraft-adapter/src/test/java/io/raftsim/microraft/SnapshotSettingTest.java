package io.raftsim.microraft;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.spi.SettingsException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The common raft.snapshotEveryEntries reaches MicroRaft as its commit count to take a snapshot. */
class SnapshotSettingTest {
    private static final RaftConfig EVERY_10 = RaftConfig.defaults(3).withSnapshotEveryEntries(10);

    @Test
    void theCommonSettingBecomesMicroRaftsCommitCount() throws SettingsException {
        assertEquals(10, MicroRaftSettings.parse(Map.of()).raftConfig(EVERY_10).getCommitCountToTakeSnapshot());
    }

    @Test
    void withoutItMicroRaftKeepsItsOwnDefault() throws SettingsException {
        assertEquals(io.microraft.RaftConfig.DEFAULT_COMMIT_COUNT_TO_TAKE_SNAPSHOT,
                MicroRaftSettings.parse(Map.of()).raftConfig(RaftConfig.defaults(3)).getCommitCountToTakeSnapshot());
    }

    @Test
    void microRaftsOwnSettingWins() throws SettingsException {
        MicroRaftSettings own = MicroRaftSettings.parse(Map.of(MicroRaftSettings.COMMIT_COUNT_TO_TAKE_SNAPSHOT, "25"));
        assertEquals(25, own.raftConfig(EVERY_10).getCommitCountToTakeSnapshot());
    }
}
