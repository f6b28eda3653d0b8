package io.raftsim.microraft;

import io.microraft.statemachine.StateMachine;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.kv.KvStore;
import io.raftsim.harness.kv.Put;
import io.raftsim.harness.spi.Fingerprints;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The harness's KV store ({@link KvStore}: its semantics and its fingerprint) as MicroRaft's
 * state machine, with client sessions so a retried (client, sequence) is applied once
 * (dissertation ch. 6). Every command, reads too, is applied from the log. Snapshots are
 * split into chunks of at most {@code keysPerChunk} keys; MicroRaft asks for one every
 * {@code RaftConfig.commitCountToTakeSnapshot} commits. {@link KvStore} has no iteration, so
 * a sorted copy of its pairs is kept for snapshots. Ordered maps only, so snapshots and
 * fingerprints never depend on hash order.
 */
public final class KvStateMachine implements StateMachine {
    private final int keysPerChunk;
    /** False only when the FORGET_SESSIONS mistake is planted: every retry is applied again. */
    private final boolean honourSessions;
    private KvStore store = new KvStore();
    private final TreeMap<String, String> pairs = new TreeMap<>();
    private final TreeMap<Integer, KvSession> sessions = new TreeMap<>();
    private long lastAppliedIndex;
    private long appliedCommandCount;
    private long snapshotsTaken;
    private long snapshotsInstalled;

    public KvStateMachine(int keysPerChunk) {
        this(keysPerChunk, true);
    }

    public KvStateMachine(int keysPerChunk, boolean honourSessions) {
        if (keysPerChunk <= 0) {
            throw new IllegalArgumentException("keysPerChunk must be positive: " + keysPerChunk);
        }
        this.keysPerChunk = keysPerChunk;
        this.honourSessions = honourSessions;
    }

    /** Returns the command's {@link KvResult}, the first one for a retry, or null for the new-term entry or a stale retry. */
    @Override
    public Object runOperation(long commitIndex, Object operation) {
        if (!(operation instanceof KvOperation op)) {
            throw new IllegalArgumentException("not a KV operation at index " + commitIndex + ": " + operation);
        }
        lastAppliedIndex = Math.max(lastAppliedIndex, commitIndex);
        if (op.isNewTerm()) {
            return null;
        }
        KvSession session = sessions.get(op.clientId());
        if (honourSessions && session != null && op.sequence() <= session.lastSequence()) {
            // A retry of the last command gets the first answer; an older one was answered already.
            return op.sequence() == session.lastSequence() ? session.lastResult() : null;
        }
        KvResult result = store.apply(op.command());
        String key = op.command().key();
        String value = store.get(key);
        if (value != null) {
            pairs.put(key, value);
        } else {
            pairs.remove(key);
        }
        appliedCommandCount++;
        sessions.put(op.clientId(), new KvSession(op.sequence(), result));
        return result;
    }

    @Override
    public void takeSnapshot(long commitIndex, Consumer<Object> snapshotChunkConsumer) {
        snapshotsTaken++;
        TreeMap<String, String> chunk = new TreeMap<>();
        boolean first = true;
        for (Map.Entry<String, String> entry : pairs.entrySet()) {
            chunk.put(entry.getKey(), entry.getValue());
            if (chunk.size() == keysPerChunk) {
                snapshotChunkConsumer.accept(new KvSnapshotChunk(chunk, first ? sessions : new TreeMap<>()));
                chunk.clear();
                first = false;
            }
        }
        if (first || !chunk.isEmpty()) {
            snapshotChunkConsumer.accept(new KvSnapshotChunk(chunk, first ? sessions : new TreeMap<>()));
        }
    }

    @Override
    public void installSnapshot(long commitIndex, List<Object> snapshotChunks) {
        snapshotsInstalled++;
        store = new KvStore();
        pairs.clear();
        sessions.clear();
        for (Object chunk : snapshotChunks) {
            KvSnapshotChunk kvChunk = (KvSnapshotChunk) chunk;
            for (Map.Entry<String, String> entry : kvChunk.entries().entrySet()) {
                store.apply(new Put(entry.getKey(), entry.getValue()));
                pairs.put(entry.getKey(), entry.getValue());
            }
            sessions.putAll(kvChunk.sessions());
        }
        lastAppliedIndex = commitIndex;
    }

    @Override
    public Object getNewTermOperation() {
        return KvOperation.NEW_TERM;
    }

    /**
     * The store's fingerprint folded with every session's client, sequence and result, in
     * client order: equal on servers that applied the same prefix.
     */
    public long fingerprint() {
        long hash = store.fingerprint();
        for (Map.Entry<Integer, KvSession> entry : sessions.entrySet()) {
            KvResult result = entry.getValue().lastResult();
            hash = Fingerprints.fold(Fingerprints.fold(hash, entry.getKey()), entry.getValue().lastSequence());
            hash = Fingerprints.fold(hash, result == null ? 0 : Fingerprints.ofText(result.toString()) ^ (result.success() ? 1 : 2));
        }
        return hash;
    }

    public String get(String key) {
        return store.get(key);
    }

    /** A copy of the whole store, in key order. */
    public TreeMap<String, String> contents() {
        return new TreeMap<>(pairs);
    }

    public long lastAppliedIndex() {
        return lastAppliedIndex;
    }

    public long appliedCommandCount() {
        return appliedCommandCount;
    }

    public long snapshotsTaken() {
        return snapshotsTaken;
    }

    public long snapshotsInstalled() {
        return snapshotsInstalled;
    }
}
