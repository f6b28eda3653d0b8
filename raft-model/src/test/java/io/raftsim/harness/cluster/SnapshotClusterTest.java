package io.raftsim.harness.cluster;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.spi.ServerProbe;
import io.raftsim.raft.server.RaftServer;
import io.raftsim.sim.fault.FaultAction;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.fault.TimedFault;
import io.raftsim.sim.trace.TraceSink;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snapshots in whole clusters (§7): compaction keeps the logs short, and a crashed server restarts from its snapshot. */
class SnapshotClusterTest {
    private static final int SERVERS = 3;
    private static final int EVERY_ENTRIES = 10;

    private static ClusterSpec snapshotting() {
        return ClusterSpec.defaults(SERVERS).withRaft(RaftConfig.defaults(SERVERS).withSnapshotEveryEntries(EVERY_ENTRIES));
    }

    @Test
    void withSnapshotsOffNothingIsCompacted() {
        Cluster cluster = new Cluster(ClusterSpec.defaults(SERVERS), 7, TraceSink.NONE);
        ClusterOutcome outcome = cluster.run(3_000_000, FaultSchedule.EMPTY, true);
        assertTrue(outcome.passed(), outcome.toString());
        for (int id = 0; id < SERVERS; id++) {
            assertEquals(1, cluster.probe(id).firstLogIndex());
            assertEquals(0, cluster.probe(id).snapshotIndex());
        }
    }

    @Test
    void everyServerCompactsItsLogAndTheRunStaysSafe() {
        Cluster cluster = new Cluster(snapshotting(), 7, TraceSink.NONE);
        ClusterOutcome outcome = cluster.run(5_000_000, FaultSchedule.EMPTY, true);
        assertTrue(outcome.passed(), outcome.toString());
        for (int id = 0; id < SERVERS; id++) {
            ServerProbe probe = cluster.probe(id);
            assertTrue(probe.snapshotIndex() > 50, "n" + (id + 1) + " snapshot " + probe.snapshotIndex());
            assertTrue(probe.snapshotIndex() <= probe.commitIndex());
            assertTrue(probe.lastLogIndex() - probe.snapshotIndex() < 2 * EVERY_ENTRIES + 10,
                    "the log holds only the entries since the last snapshot: " + probe.firstLogIndex() + ".." + probe.lastLogIndex());
            assertEquals(probe.snapshotIndex() + 1, probe.firstLogIndex());
        }
    }

    @Test
    void aRestartedServerStartsFromItsStoredSnapshotThenCatchesUp() {
        Cluster cluster = new Cluster(snapshotting(), 3, TraceSink.NONE);
        ClusterOutcome warmUp = cluster.run(3_000_000, FaultSchedule.EMPTY, false);
        assertTrue(warmUp.passed(), warmUp.toString());
        int follower = (cluster.currentLeader() + 1) % SERVERS;
        long storedBefore = ((RaftServer) cluster.server(follower)).node().log().snapshotIndex();
        assertTrue(storedBefore > 0, "the follower snapshotted before its crash");
        long storedAtCrash = ((RaftServer) cluster.server(follower)).node().log().snapshotIndex();
        ClusterOutcome down = cluster.run(5_000_000, new FaultSchedule(List.of(new TimedFault(3_000_001, new FaultAction.Crash(follower)))), false);
        assertTrue(down.passed(), down.toString());
        ClusterOutcome restarted = cluster.run(5_000_001, new FaultSchedule(List.of(new TimedFault(5_000_000, new FaultAction.Restart(follower)))), false);
        assertTrue(restarted.passed(), restarted.toString());
        ServerProbe probe = cluster.probe(follower);
        assertEquals(storedAtCrash, probe.snapshotIndex(), "the snapshot came back from durable storage");
        assertEquals(storedAtCrash, probe.lastApplied(), "the state machine is the snapshot's, before any entry is replayed");
        ClusterOutcome outcome = cluster.run(8_000_000, FaultSchedule.EMPTY, true);
        assertTrue(outcome.passed(), outcome.toString());
        assertTrue(probe.lastApplied() > storedAtCrash + EVERY_ENTRIES,
                "caught up past what it stored: applied " + probe.lastApplied() + ", snapshot " + probe.snapshotIndex());
    }
}
