package io.raftsim.raft.node;

import io.raftsim.harness.RaftConfig;
import io.raftsim.harness.event.RaftEvent;
import io.raftsim.harness.spi.Role;
import io.raftsim.raft.message.AppendEntries;
import io.raftsim.raft.message.AppendEntriesReply;
import io.raftsim.raft.message.InstallSnapshot;
import io.raftsim.raft.message.InstallSnapshotReply;
import io.raftsim.raft.message.RequestVoteReply;
import io.raftsim.raft.snapshot.Snapshot;
import io.raftsim.raft.snapshot.SnapshotState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Log compaction and Figure 13's InstallSnapshot rules, sentence by sentence. */
@DisplayName("Snapshots (§7, Figure 13)")
class InstallSnapshotRulesTest {
    private static final SnapshotState STATE = new SnapshotState(new TreeMap<>(java.util.Map.of("k", "v")), List.of());

    private static NodeHarness followerOfTerm2(long... logTerms) {
        NodeHarness follower = new NodeHarness(1, RaftConfig.defaults(3), new HardState(2, HardState.NO_VOTE), NodeHarness.logOfTerms(logTerms));
        follower.drain();
        return follower;
    }

    @Test
    @DisplayName("If existing log entry has same index and term as snapshot's last included entry, retain log entries following it and reply")
    void aMatchingLogKeepsTheEntriesAfterTheSnapshot() {
        NodeHarness follower = followerOfTerm2(1, 1, 2, 2, 2);
        follower.node.receive(2_000, 0, new InstallSnapshot(2, 0, new Snapshot(3, 2, STATE)));
        assertEquals(3, follower.node.log().snapshotIndex());
        assertEquals(5, follower.node.log().lastIndex(), "entries 4 and 5 kept");
        assertEquals(3, follower.node.commitIndex());
        assertTrue(follower.effects.snapshotInstalled());
        assertFalse(follower.effects.logDiscarded());
        assertTrue(follower.effects.entriesToApply().isEmpty(), "the snapshot is the state through 3: nothing to apply");
        List<InstallSnapshotReply> replies = follower.sentOfType(follower.drain(), InstallSnapshotReply.class);
        assertEquals(List.of(new InstallSnapshotReply(2, 3)), replies);
    }

    @Test
    @DisplayName("Discard the entire log when it does not hold the snapshot's last included entry")
    void aConflictingLogIsDiscarded() {
        NodeHarness follower = followerOfTerm2(1, 1, 1, 1, 1);
        follower.node.receive(2_000, 0, new InstallSnapshot(2, 0, new Snapshot(3, 2, STATE)));
        assertEquals(3, follower.node.log().snapshotIndex());
        assertEquals(3, follower.node.log().lastIndex(), "entries 4 and 5 of term 1 followed another entry 3: gone");
        assertEquals(2, follower.node.log().lastTerm());
        assertTrue(follower.effects.logDiscarded());
        assertTrue(follower.effects.events().stream().anyMatch(e -> e instanceof RaftEvent.SnapshotInstalled i && !i.logRetained()));
    }

    @Test
    @DisplayName("A snapshot the follower has already committed past changes nothing (a stale or duplicated request)")
    void aStaleSnapshotChangesNothing() {
        NodeHarness follower = followerOfTerm2(2, 2, 2, 2);
        follower.node.receive(2_000, 0, new AppendEntries(2, 0, 4, 2, List.of(), 4));
        follower.drain();
        follower.node.receive(3_000, 0, new InstallSnapshot(2, 0, new Snapshot(3, 2, STATE)));
        assertEquals(0, follower.node.log().snapshotIndex());
        assertEquals(4, follower.node.log().lastIndex());
        assertEquals(null, follower.effects.snapshot());
    }

    @Test
    @DisplayName("Reply immediately if term < currentTerm")
    void aStaleTermSnapshotIsRefused() {
        NodeHarness follower = followerOfTerm2(1);
        follower.node.receive(2_000, 0, new InstallSnapshot(1, 0, new Snapshot(3, 1, STATE)));
        assertEquals(0, follower.node.log().snapshotIndex());
        assertEquals(List.of(new InstallSnapshotReply(2, 0)), follower.sentOfType(follower.drain(), InstallSnapshotReply.class));
    }

    @Test
    @DisplayName("An AppendEntries below the snapshot is checked and appended after the snapshot's last entry")
    void anAppendOverlappingTheSnapshotAppendsWhatFollows() {
        NodeHarness follower = followerOfTerm2(1, 1, 2);
        follower.node.receive(2_000, 0, new AppendEntries(2, 0, 3, 2, List.of(), 3));
        follower.node.snapshotTaken(2_500, new Snapshot(3, 2, STATE));
        follower.drain();
        follower.node.receive(3_000, 0, new AppendEntries(2, 0, 1, 1, NodeHarness.logOfTerms(1, 1, 2, 2).subList(1, 4), 3));
        assertEquals(4, follower.node.log().lastIndex());
        assertEquals(List.of(AppendEntriesReply.accepted(2, 4)), follower.sentOfType(follower.drain(), AppendEntriesReply.class));
    }

    @Test
    @DisplayName("A leader sends its snapshot to a follower whose next entry it compacted away, and streams after the reply")
    void aLeaderSendsItsSnapshotToAFollowerBehindIt() {
        NodeHarness leader = new NodeHarness(0, RaftConfig.defaults(3), new HardState(1, HardState.NO_VOTE), NodeHarness.logOfTerms(1, 1, 1));
        leader.node.timerFired(2_000, RaftTimers.ELECTION);
        leader.node.receive(3_000, 1, new RequestVoteReply(2, true, false));
        assertSame(Role.LEADER, leader.node.role());
        leader.node.receive(4_000, 1, AppendEntriesReply.accepted(2, 4));
        assertEquals(4, leader.node.commitIndex(), "the no-op of term 2 at 4 commits with n2");
        Snapshot snapshot = new Snapshot(4, 2, STATE);
        leader.node.snapshotTaken(5_000, snapshot);
        leader.drain();
        // n3 never answered: its next entry, 4, is now in the snapshot, so the heartbeat carries the snapshot.
        leader.node.timerFired(6_000, RaftTimers.HEARTBEAT);
        List<NodeHarness.Sent> sent = leader.drain();
        assertEquals(List.of(new NodeHarness.Sent(2, new InstallSnapshot(2, 0, snapshot))),
                sent.stream().filter(s -> s.message() instanceof InstallSnapshot).toList());
        leader.node.receive(8_000, 2, new InstallSnapshotReply(2, 4));
        assertEquals(4, leader.node.progress(2).matchIndex());
        assertEquals(5, leader.node.progress(2).nextIndex());
    }
}
