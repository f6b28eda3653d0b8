package io.raftsim.microraft;

import io.microraft.model.RaftModelFactory;
import io.microraft.model.impl.DefaultRaftModelFactory;
import io.microraft.model.log.LogEntry;
import io.microraft.model.log.RaftGroupMembersView;
import io.microraft.model.log.SnapshotChunk;
import io.microraft.persistence.RestoredRaftState;
import io.raftsim.sim.storage.DurableStorage;
import io.raftsim.sim.storage.SyncMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurableRaftStoreTest {
    private static final SimEndpoint N1 = SimEndpoint.of(1);
    private static final SimEndpoint N2 = SimEndpoint.of(2);
    private final RaftModelFactory factory = new DefaultRaftModelFactory();
    private final MicroRaftCodec codec = new MicroRaftCodec(factory);
    private final DurableStorage storage = new DurableStorage(SyncMode.LOSE_UNSYNCED_ON_CRASH);
    private final DurableRaftStore store = new DurableRaftStore(storage, codec);

    private RaftGroupMembersView members() {
        return factory.createRaftGroupMembersViewBuilder().setLogIndex(0).setMembers(List.of(N1, N2))
                .setVotingMembers(List.of(N1, N2)).build();
    }

    private List<LogEntry> entries(long from, long to, int term) {
        List<LogEntry> entries = new ArrayList<>();
        for (long index = from; index <= to; index++) {
            entries.add(factory.createLogEntryBuilder().setIndex(index).setTerm(term)
                    .setOperation(new KvOperation(1, index, new io.raftsim.harness.kv.Put("k" + index, "t" + term))).build());
        }
        return entries;
    }

    private void persistInitialState() {
        store.persistAndFlushLocalEndpoint(factory.createRaftEndpointPersistentStateBuilder()
                .setLocalEndpoint(N1).setVoting(true).build());
        store.persistAndFlushInitialGroupMembers(members());
        store.persistAndFlushTerm(factory.createRaftTermPersistentStateBuilder().setTerm(2).setVotedFor(N2).build());
    }

    private RestoredRaftState crashAndRestore() {
        storage.loseUnsyncedWrites();
        return DurableRaftStore.restore(storage, codec, factory).orElseThrow();
    }

    private static List<Long> indexes(RestoredRaftState state) {
        List<Long> indexes = new ArrayList<>();
        for (LogEntry entry : state.getLogEntries()) {
            indexes.add(entry.getIndex());
        }
        return indexes;
    }

    private List<SnapshotChunk> snapshot(long index, int chunkCount) {
        List<SnapshotChunk> chunks = new ArrayList<>();
        for (int chunk = 0; chunk < chunkCount; chunk++) {
            chunks.add(factory.createSnapshotChunkBuilder().setIndex(index).setTerm(2)
                    .setOperation(new KvSnapshotChunk(new TreeMap<>(Map.of("c" + chunk, "v")), new TreeMap<>()))
                    .setSnapshotChunkIndex(chunk).setSnapshotChunkCount(chunkCount).setGroupMembersView(members())
                    .build());
        }
        return chunks;
    }

    @Test
    void aStorageThatNeverSawANodeRestoresNothing() {
        assertTrue(DurableRaftStore.restore(storage, codec, factory).isEmpty());
    }

    @Test
    void flushedWritesSurviveACrashAndUnflushedOnesDoNot() {
        persistInitialState();
        store.persistLogEntries(entries(1, 5, 2));
        store.flush();
        store.persistLogEntries(entries(6, 8, 2));
        store.persistAndFlushTerm(factory.createRaftTermPersistentStateBuilder().setTerm(3).setVotedFor(null).build());
        store.persistLogEntries(entries(9, 9, 3)); // never flushed

        RestoredRaftState restored = crashAndRestore();
        assertEquals(N1, restored.getLocalEndpointPersistentState().getLocalEndpoint());
        assertEquals(3, restored.getTermPersistentState().getTerm());
        assertNull(restored.getTermPersistentState().getVotedFor());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), indexes(restored), "entry 9 was never flushed");
        assertNull(restored.getSnapshotEntry());
    }

    @Test
    void truncatingASuffixThenAppendingReplacesTheConflictingEntries() {
        persistInitialState();
        store.persistLogEntries(entries(1, 6, 2));
        store.truncateLogEntriesFrom(4);
        store.persistLogEntries(entries(4, 5, 3));
        store.flush();
        RestoredRaftState restored = crashAndRestore();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), indexes(restored));
        assertEquals(3, restored.getLogEntries().get(3).getTerm());
        assertThrows(IllegalStateException.class, () -> store.persistLogEntries(entries(5, 5, 3)),
                "an index at or below the last needs a truncation first");
    }

    @Test
    void aCompleteSnapshotIsRestoredWithOnlyTheEntriesAfterIt() {
        persistInitialState();
        store.persistLogEntries(entries(1, 12, 2));
        for (SnapshotChunk chunk : snapshot(10, 3)) {
            store.persistSnapshotChunk(chunk);
        }
        store.flush();
        store.truncateLogEntriesUntil(10);
        RestoredRaftState restored = crashAndRestore();
        assertEquals(10, restored.getSnapshotEntry().getIndex());
        assertEquals(3, restored.getSnapshotEntry().getSnapshotChunkCount());
        @SuppressWarnings("unchecked")
        List<SnapshotChunk> chunks = (List<SnapshotChunk>) restored.getSnapshotEntry().getOperation();
        for (int chunk = 0; chunk < 3; chunk++) {
            assertEquals(chunk, chunks.get(chunk).getSnapshotChunkIndex(), "chunks in chunk order");
        }
        assertEquals(List.of(11L, 12L), indexes(restored));
    }

    @Test
    void anIncompleteOrUnflushedSnapshotIsIgnoredAndANewerCompleteOneReplacesTheOlder() {
        persistInitialState();
        store.persistLogEntries(entries(1, 30, 2));
        snapshot(10, 2).forEach(store::persistSnapshotChunk);
        store.flush();
        List<SnapshotChunk> newer = snapshot(20, 3);
        store.persistSnapshotChunk(newer.get(2)); // chunks may arrive out of order
        store.persistSnapshotChunk(newer.get(0));
        store.flush();
        assertEquals(10, crashAndRestore().getSnapshotEntry().getIndex(), "20 lacks chunk 1");

        store.persistSnapshotChunk(newer.get(1));
        assertEquals(10, crashAndRestore().getSnapshotEntry().getIndex(), "chunk 1 was not flushed");

        store.persistSnapshotChunk(newer.get(1));
        store.flush();
        RestoredRaftState restored = crashAndRestore();
        assertEquals(20, restored.getSnapshotEntry().getIndex());
        assertEquals(10, indexes(restored).size());
        assertNull(storage.get("mr.snapshot.10.0"), "the older snapshot is deleted once a newer one is whole");
    }

    @Test
    void deletedSnapshotChunksAreGone() {
        persistInitialState();
        snapshot(10, 2).forEach(store::persistSnapshotChunk);
        store.deleteSnapshotChunks(10, 2);
        store.flush();
        assertNull(crashAndRestore().getSnapshotEntry());
    }
}
