package io.raftsim.harness.check;

import io.raftsim.harness.RaftConfig;
import io.raftsim.raft.log.Configuration;
import io.raftsim.raft.bugs.Bug;
import io.raftsim.raft.bugs.PlantedRules;
import io.raftsim.raft.message.AppendEntries;
import io.raftsim.raft.node.Effects;
import io.raftsim.raft.node.HardState;
import io.raftsim.raft.node.RaftNode;
import io.raftsim.raft.node.RaftRules;
import io.raftsim.raft.snapshot.Snapshot;
import io.raftsim.raft.snapshot.SnapshotState;
import io.raftsim.sim.engine.Violation;
import io.raftsim.sim.random.RandomStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot Safety (§7: "each server takes snapshots independently, covering just the committed
 * entries in its log"), stated on probe data: a server's snapshot index never exceeds what the
 * cluster has committed, and the state it reports at the snapshot is the committed prefix's.
 */
@DisplayName("SafetyMonitor: Snapshot Safety")
class SnapshotSafetyCheckTest extends MonitoredNodes {
    private static final SnapshotState EMPTY = new SnapshotState(new TreeMap<>(), List.of());

    /** A started node following {@code rules}, with no-op entries of {@code logTerms}, announced to the monitor. */
    private RaftNode node(int id, RaftRules rules, long... logTerms) {
        RaftNode node = new RaftNode(id, RaftConfig.defaults(SERVERS), Configuration.allOf(SERVERS), new HardState(1, HardState.NO_VOTE), null, entries(logTerms),
                new RandomStream(id), new Effects(false), rules);
        node.start(0);
        probes[id] = new NodeProbe(node);
        monitor.started(id, probes[id]);
        endStep(id);
        return node;
    }

    /** Leader n3 tells {@code follower} that entries 1..{@code commit} are committed. */
    private void commitThrough(RaftNode follower, long commit) {
        deliver(1_000, follower, 2, new AppendEntries(1, 2, follower.log().lastIndex(), 1, List.of(), commit));
        assertEquals(commit, follower.commitIndex());
    }

    private void snapshotThrough(RaftNode node, long index, long state) {
        node.snapshotTaken(2_000, new Snapshot(index, node.log().term(index), EMPTY));
        probes[node.id()].lastApplied = index;
        probes[node.id()].stateFingerprint = state;
        endStep(node);
    }

    @Test
    @DisplayName("a snapshot of committed entries is quiet")
    void aSnapshotOfCommittedEntriesIsQuiet() {
        RaftNode follower = node(0, RaftRules.PAPER, 1, 1, 1);
        commitThrough(follower, 3);
        snapshotThrough(follower, 2, 22);
        assertNull(monitor.violation());
        assertEquals(3, probes[0].firstLogIndex());
        assertEquals(2, probes[0].snapshotIndex());
        assertEquals(1, probes[0].termAt(2), "the snapshot's last term, at firstLogIndex - 1");
    }

    @Test
    @DisplayName("a snapshot through an index nobody committed fires")
    void aSnapshotPastEveryCommitFires() {
        RaftNode committed = node(0, RaftRules.PAPER, 1, 1, 1);
        commitThrough(committed, 2);
        RaftNode ahead = node(1, PlantedRules.plant(Set.of(Bug.SNAPSHOT_PAST_COMMIT)), 1, 1, 1, 1);
        snapshotThrough(ahead, 4, 44);
        Violation violation = monitor.violation();
        assertNotNull(violation);
        assertEquals(SafetyProperty.SNAPSHOT_COMMITTED.displayName(), violation.property());
        assertTrue(violation.message().startsWith("n2 holds a snapshot through index 4, beyond every commit index seen (2)"), violation.message());
    }

    @Test
    @DisplayName("a snapshot whose state differs from the committed prefix's fires")
    void aSnapshotWithAnotherStateFires() {
        RaftNode first = node(0, RaftRules.PAPER, 1, 1, 1);
        commitThrough(first, 3);
        apply(0, 3, 33);
        RaftNode second = node(1, RaftRules.PAPER, 1, 1, 1);
        commitThrough(second, 3);
        snapshotThrough(second, 3, 34);
        Violation violation = monitor.violation();
        assertNotNull(violation);
        assertEquals(SafetyProperty.SNAPSHOT_COMMITTED.displayName(), violation.property());
        assertTrue(violation.message().startsWith("n2's state machine at its snapshot through index 3 differs"), violation.message());
    }
}
