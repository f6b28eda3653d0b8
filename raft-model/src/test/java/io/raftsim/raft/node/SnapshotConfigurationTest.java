package io.raftsim.raft.node;

import io.raftsim.harness.RaftConfig;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.Configuration;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.message.InstallSnapshot;
import io.raftsim.raft.snapshot.Snapshot;
import io.raftsim.raft.snapshot.SnapshotState;
import io.raftsim.sim.random.RandomStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Snapshots and membership changes together: compaction removes the configuration entries from
 * the log, so the snapshot carries the configuration as of its last included entry (§7: "the
 * snapshot also includes the latest configuration in the log as of last included index").
 */
@DisplayName("A snapshot carries the configuration (§7 with chapter 4)")
class SnapshotConfigurationTest {
    private static final SnapshotState STATE = new SnapshotState(new TreeMap<>(), List.of());
    private static final Configuration INITIAL = new Configuration(List.of(0, 1, 2), List.of());
    private static final Configuration GROWN = new Configuration(List.of(0, 1, 2), List.of(3));

    @Test
    @DisplayName("A follower that installs a snapshot uses the configuration it carries, not the initial one")
    void anInstalledSnapshotBringsItsConfiguration() {
        NodeHarness follower = new NodeHarness(1, 4, INITIAL, RaftRules.PAPER);
        follower.drain();
        follower.node.receive(2_000, 0, new InstallSnapshot(2, 0, new Snapshot(3, 2, STATE, GROWN)));
        assertEquals(3, follower.node.log().snapshotIndex());
        assertEquals(GROWN, follower.node.configuration());
    }

    @Test
    @DisplayName("A restart from a stored snapshot uses its configuration, and a later snapshot carries it on")
    void aRestartFromASnapshotKeepsItsConfiguration() {
        List<LogEntry> after = List.of(new LogEntry(2, 4, Command.Noop.INSTANCE), new LogEntry(2, 5, Command.Noop.INSTANCE));
        RaftNode node = new RaftNode(1, RaftConfig.defaults(4), INITIAL, HardState.INITIAL, new Snapshot(3, 2, STATE, GROWN), after,
                new RandomStream(7), new Effects(false), RaftRules.PAPER);
        assertEquals(GROWN, node.configuration());
        assertEquals(GROWN, node.configurationAt(5), "no configuration entry after the snapshot: the snapshot's still holds");
    }
}
