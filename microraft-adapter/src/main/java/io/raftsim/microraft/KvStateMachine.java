package io.raftsim.microraft;

import io.microraft.statemachine.StateMachine;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A tiny KV store as MicroRaft's state machine: put, get, append and compare-and-set on
 * string keys, with client sessions so a retried (client, sequence) is applied once.
 * Snapshots are split into chunks of at most {@code keysPerChunk} keys; MicroRaft asks for
 * one every {@code RaftConfig.commitCountToTakeSnapshot} commits. Ordered maps only, so
 * snapshots and fingerprints never depend on hash order.
 */
public final class KvStateMachine implements StateMachine {
    private final int keysPerChunk;
    private final TreeMap<String, String> data = new TreeMap<>();
    private final TreeMap<Long, KvSession> sessions = new TreeMap<>();
    private long lastAppliedIndex;
    private long appliedCommandCount;
    private long snapshotsTaken;
    private long snapshotsInstalled;

    public KvStateMachine(int keysPerChunk) {
        if (keysPerChunk <= 0) {
            throw new IllegalArgumentException("keysPerChunk must be positive: " + keysPerChunk);
        }
        this.keysPerChunk = keysPerChunk;
    }

    @Override
    public Object runOperation(long commitIndex, Object operation) {
        if (!(operation instanceof KvCommand command)) {
            throw new IllegalArgumentException("not a KV command at index " + commitIndex + ": " + operation);
        }
        lastAppliedIndex = Math.max(lastAppliedIndex, commitIndex);
        if (command.kind() == KvCommand.Kind.NEW_TERM) {
            return null;
        }
        KvSession session = sessions.get(command.clientId());
        if (session != null && command.sequence() <= session.lastSequence()) {
            // A retry of the last command gets the first answer; an older one was answered already.
            return command.sequence() == session.lastSequence() ? session.lastResult() : null;
        }
        KvResult result = apply(command);
        appliedCommandCount++;
        sessions.put(command.clientId(), new KvSession(command.sequence(), result));
        return result;
    }

    private KvResult apply(KvCommand command) {
        String key = command.key();
        String current = data.get(key);
        return switch (command.kind()) {
            case PUT -> {
                data.put(key, command.value());
                yield new KvResult(true, current);
            }
            case GET -> new KvResult(true, current);
            case APPEND -> {
                String appended = (current == null ? "" : current) + command.value();
                data.put(key, appended);
                yield new KvResult(true, appended);
            }
            case CAS -> {
                if (java.util.Objects.equals(current, command.expected())) {
                    data.put(key, command.value());
                    yield new KvResult(true, command.value());
                }
                yield new KvResult(false, current);
            }
            case NEW_TERM -> throw new IllegalStateException("handled by the caller");
        };
    }

    @Override
    public void takeSnapshot(long commitIndex, Consumer<Object> snapshotChunkConsumer) {
        snapshotsTaken++;
        TreeMap<String, String> chunk = new TreeMap<>();
        boolean first = true;
        for (Map.Entry<String, String> entry : data.entrySet()) {
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
        data.clear();
        sessions.clear();
        for (Object chunk : snapshotChunks) {
            KvSnapshotChunk kvChunk = (KvSnapshotChunk) chunk;
            data.putAll(kvChunk.entries());
            sessions.putAll(kvChunk.sessions());
        }
        lastAppliedIndex = commitIndex;
    }

    @Override
    public Object getNewTermOperation() {
        return KvCommand.newTerm();
    }

    public String get(String key) {
        return data.get(key);
    }

    /** A copy of the whole store, in key order. */
    public TreeMap<String, String> contents() {
        return new TreeMap<>(data);
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
