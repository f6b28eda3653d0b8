package io.raftsim.harness.cluster;

import io.raftsim.raft.log.DurableEntryLog;
import io.raftsim.raft.node.HardState;
import io.raftsim.raft.node.RaftNode;
import io.raftsim.raft.server.RaftServer;
import io.raftsim.sim.fault.FaultProfile;
import io.raftsim.sim.fault.FaultSchedule;
import io.raftsim.sim.fault.FaultScheduleGenerator;
import io.raftsim.sim.network.LinkConfig;
import io.raftsim.sim.random.RandomStream;
import io.raftsim.sim.storage.DurableStorage;
import io.raftsim.sim.storage.SyncMode;
import io.raftsim.sim.trace.TraceSink;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Figure 2: persistent state is "updated on stable storage before responding to RPCs". The
 * cluster runs with storage that loses unsynced writes on a crash; after every step, what
 * each live server has synced must equal its node's term, vote and log, so a crash at any
 * step boundary loses nothing another server may already have been told.
 */
class PersistBeforeSendTest {

    @Test
    void durableStateEqualsNodeStateAfterEveryStep() {
        ClusterSpec spec = ClusterSpec.defaults(5);
        assertEquals(SyncMode.LOSE_UNSYNCED_ON_CRASH, spec.syncMode());
        Cluster cluster = new Cluster(spec, 21, TraceSink.NONE);
        RandomStream random = cluster.engine().randomStream("faults");
        FaultSchedule faults = FaultScheduleGenerator.generate(random, FaultProfile.allKinds(500_000, 400_000), 5, 0, 10_000_000, LinkConfig.DEFAULT);
        faults.installOn(cluster.engine());
        List<String> mismatches = new ArrayList<>();
        long[] checkedSteps = {0};
        cluster.engine().runUntil(10_000_000, () -> {
            checkedSteps[0]++;
            for (int id = 0; id < 5; id++) {
                RaftServer server = (RaftServer) cluster.server(id);
                if (server == null) {
                    continue;
                }
                RaftNode node = server.node();
                DurableStorage storage = cluster.engine().storage(id);
                DurableEntryLog log = DurableEntryLog.in(storage, "log");
                HardState stored = storage.get("hardState");
                boolean hardStateSynced = node.hardState().equals(stored == null ? HardState.INITIAL : stored);
                boolean logSynced = log.size() == node.log().lastIndex()
                        && (log.size() == 0 || log.get(log.size() - 1).equals(node.log().entry(node.log().lastIndex())));
                if (!hardStateSynced || !logSynced || storage.hasUnsyncedWrites()) {
                    mismatches.add("step " + cluster.engine().step() + " n" + (id + 1));
                }
            }
            return !mismatches.isEmpty();
        });
        assertTrue(mismatches.isEmpty(), "unsynced state after a step: " + mismatches);
        assertTrue(checkedSteps[0] > 2_000, "checked " + checkedSteps[0] + " steps");
        assertTrue(cluster.monitor().electionCount() > 1, "faults forced several elections");
    }
}
