package io.raftsim.microraft;

import io.microraft.model.RaftModelFactory;
import io.microraft.model.log.LogEntry;
import io.microraft.model.log.RaftGroupMembersView;
import io.microraft.model.log.SnapshotChunk;
import io.microraft.model.log.SnapshotEntry;
import io.microraft.model.persistence.RaftEndpointPersistentState;
import io.microraft.model.persistence.RaftTermPersistentState;
import io.microraft.persistence.RaftStore;
import io.microraft.persistence.RestoredRaftState;
import io.raftsim.sim.storage.DurableLog;
import io.raftsim.sim.storage.DurableStorage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * MicroRaft's store over sim-core's {@link DurableStorage}: what MicroRaft flushes survives
 * a crash; what it only persisted may not (in {@code LOSE_UNSYNCED_ON_CRASH}). Everything is
 * stored encoded, so a restarted node decodes fresh objects and never shares one with its
 * previous incarnation.
 *
 * <p>Layout. Cells: {@code mr.endpoint}, {@code mr.members} (initial members),
 * {@code mr.term}, {@code mr.snapshots} (the indexes with chunks, an immutable sorted set),
 * per snapshot its chunk count {@code mr.snapshot.<index>.count} and one cell per chunk,
 * {@code mr.snapshot.<index>.<chunk>}. Log {@code mr.log}: encoded
 * entries in strictly increasing index order. Since a {@code DurableLog} truncates only
 * its suffix, {@code truncateLogEntriesUntil} (prefix compaction after a snapshot) keeps
 * the entries and restore skips those at or below the snapshot; memory grows with the
 * run, which a simulation can afford.
 *
 * <p>Why restore is consistent: storage returns to exactly its state at the last sync,
 * and MicroRaft flushes a snapshot's chunks before it truncates the log behind it, so a
 * restored snapshot and the entries after it always come from one moment.
 */
public final class DurableRaftStore implements RaftStore {
    static final String ENDPOINT = "mr.endpoint";
    static final String MEMBERS = "mr.members";
    static final String TERM = "mr.term";
    static final String SNAPSHOTS = "mr.snapshots";
    static final String LOG = "mr.log";

    private final DurableStorage storage;
    private final MicroRaftCodec codec;
    private final DurableLog<byte[]> log;
    /** The index of each record of {@link #log}, decoded once; rebuilt from storage on open. */
    private final ArrayList<Long> logIndexes = new ArrayList<>();
    private long flushCount;

    public DurableRaftStore(DurableStorage storage, MicroRaftCodec codec) {
        this.storage = storage;
        this.codec = codec;
        this.log = storage.log(LOG);
        for (int position = 0; position < log.size(); position++) {
            logIndexes.add(codec.decodeLogEntry(log.get(position)).getIndex());
        }
    }

    @Override
    public void persistAndFlushLocalEndpoint(RaftEndpointPersistentState localEndpointPersistentState) {
        storage.put(ENDPOINT, codec.encodeLocalEndpoint(localEndpointPersistentState));
        flush();
    }

    @Override
    public void persistAndFlushInitialGroupMembers(RaftGroupMembersView initialGroupMembers) {
        storage.put(MEMBERS, codec.encodeMembersView(initialGroupMembers));
        flush();
    }

    @Override
    public void persistAndFlushTerm(RaftTermPersistentState termPersistentState) {
        storage.put(TERM, codec.encodeTermState(termPersistentState));
        flush();
    }

    @Override
    public void persistLogEntries(List<LogEntry> logEntries) {
        for (LogEntry entry : logEntries) {
            long last = logIndexes.isEmpty() ? 0 : logIndexes.get(logIndexes.size() - 1);
            if (entry.getIndex() <= last) {
                throw new IllegalStateException("log entry " + entry.getIndex() + " persisted after " + last
                        + " without truncating first");
            }
            log.append(codec.encodeLogEntry(entry));
            logIndexes.add(entry.getIndex());
        }
    }

    @Override
    public void persistSnapshotChunk(SnapshotChunk chunk) {
        storage.put(chunkKey(chunk.getIndex(), chunk.getSnapshotChunkIndex()), codec.encodeSnapshotChunk(chunk));
        TreeSet<Long> indexes = snapshotIndexes();
        if (indexes.add(chunk.getIndex())) {
            storage.put(SNAPSHOTS, Collections.unmodifiableSortedSet(indexes));
            storage.put(countKey(chunk.getIndex()), chunk.getSnapshotChunkCount());
        }
        if (completeSnapshot(chunk.getIndex()).isPresent()) {
            // The new snapshot is whole: the older ones are no longer needed.
            for (long older : new ArrayList<>(indexes.headSet(chunk.getIndex()))) {
                deleteSnapshotChunks(older, chunkCountOf(older));
            }
        }
    }

    /** Removes the entries at {@code logIndexInclusive} and after (a follower's conflicting suffix). */
    @Override
    public void truncateLogEntriesFrom(long logIndexInclusive) {
        int position = Collections.binarySearch(logIndexes, logIndexInclusive);
        if (position < 0) {
            position = -position - 1; // the first record above the index
        }
        log.truncateFrom(position);
        logIndexes.subList(position, logIndexes.size()).clear();
    }

    /** Prefix compaction behind a snapshot; kept as a no-op (see the class comment). */
    @Override
    public void truncateLogEntriesUntil(long logIndexInclusive) {
    }

    @Override
    public void deleteSnapshotChunks(long snapshotIndex, int snapshotChunkCount) {
        for (int chunk = 0; chunk < snapshotChunkCount; chunk++) {
            storage.put(chunkKey(snapshotIndex, chunk), null);
        }
        TreeSet<Long> indexes = snapshotIndexes();
        if (indexes.remove(snapshotIndex)) {
            storage.put(SNAPSHOTS, Collections.unmodifiableSortedSet(indexes));
            storage.put(countKey(snapshotIndex), null);
        }
    }

    @Override
    public void flush() {
        flushCount++;
        storage.sync();
    }

    public long flushCount() {
        return flushCount;
    }

    /**
     * What a restarted node continues from, or empty when this storage never saw a node
     * start (then the node is built fresh from its endpoint and the initial members).
     */
    public static Optional<RestoredRaftState> restore(DurableStorage storage, MicroRaftCodec codec,
                                                      RaftModelFactory factory) {
        byte[] endpoint = storage.get(ENDPOINT);
        byte[] members = storage.get(MEMBERS);
        if (endpoint == null || members == null) {
            return Optional.empty();
        }
        DurableRaftStore store = new DurableRaftStore(storage, codec);
        byte[] term = storage.get(TERM);
        RaftTermPersistentState termState = term != null ? codec.decodeTermState(term)
                : factory.createRaftTermPersistentStateBuilder().setTerm(0).setVotedFor(null).build();
        SnapshotEntry snapshot = store.latestCompleteSnapshot(factory).orElse(null);
        long snapshotIndex = snapshot == null ? 0 : snapshot.getIndex();
        List<LogEntry> entries = new ArrayList<>();
        for (int position = 0; position < store.log.size(); position++) {
            if (store.logIndexes.get(position) > snapshotIndex) {
                entries.add(codec.decodeLogEntry(store.log.get(position)));
            }
        }
        return Optional.of(new RestoredRaftState(codec.decodeLocalEndpoint(endpoint), codec.decodeMembersView(members),
                termState, snapshot, entries));
    }

    private Optional<SnapshotEntry> latestCompleteSnapshot(RaftModelFactory factory) {
        for (long index : snapshotIndexes().descendingSet()) {
            Optional<List<SnapshotChunk>> chunks = completeSnapshot(index);
            if (chunks.isPresent()) {
                SnapshotChunk first = chunks.get().get(0);
                return Optional.of(factory.createSnapshotEntryBuilder().setIndex(index).setTerm(first.getTerm())
                        .setSnapshotChunks(chunks.get()).setGroupMembersView(first.getGroupMembersView()).build());
            }
        }
        return Optional.empty();
    }

    /** The chunks of the snapshot at {@code index} in chunk order, if all are stored. */
    private Optional<List<SnapshotChunk>> completeSnapshot(long index) {
        int count = chunkCountOf(index);
        List<SnapshotChunk> chunks = new ArrayList<>(count);
        for (int chunk = 0; chunk < count; chunk++) {
            byte[] bytes = storage.get(chunkKey(index, chunk));
            if (bytes == null) {
                return Optional.empty();
            }
            chunks.add(codec.decodeSnapshotChunk(bytes));
        }
        return count == 0 ? Optional.empty() : Optional.of(chunks);
    }

    /** How many chunks the snapshot at {@code index} has; 0 if none is stored. */
    private int chunkCountOf(long index) {
        Integer count = storage.get(countKey(index));
        return count == null ? 0 : count;
    }

    private TreeSet<Long> snapshotIndexes() {
        SortedSet<Long> indexes = storage.get(SNAPSHOTS);
        return indexes == null ? new TreeSet<>() : new TreeSet<>(indexes);
    }

    private static String countKey(long snapshotIndex) {
        return "mr.snapshot." + snapshotIndex + ".count";
    }

    private static String chunkKey(long snapshotIndex, int chunkIndex) {
        return "mr.snapshot." + snapshotIndex + "." + chunkIndex;
    }
}
