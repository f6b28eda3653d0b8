package io.raftsim.microraft;

import java.util.Objects;

/**
 * One operation on the KV store, as a log entry carries it. A client numbers its commands
 * 1, 2, 3...; a retry reuses the number so the state machine applies it once.
 * Client id 0 is no client: the leader's new-term entry.
 */
public record KvCommand(long clientId, long sequence, Kind kind, String key, String value, String expected) {
    public enum Kind { PUT, GET, APPEND, CAS, NEW_TERM }

    public KvCommand {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.NEW_TERM) {
            Objects.requireNonNull(key, "key");
            if (clientId <= 0 || sequence <= 0) {
                throw new IllegalArgumentException("client commands need a positive client id and sequence: " + clientId + "/" + sequence);
            }
        }
    }

    public static KvCommand put(long clientId, long sequence, String key, String value) {
        return new KvCommand(clientId, sequence, Kind.PUT, key, Objects.requireNonNull(value), null);
    }

    public static KvCommand get(long clientId, long sequence, String key) {
        return new KvCommand(clientId, sequence, Kind.GET, key, null, null);
    }

    public static KvCommand append(long clientId, long sequence, String key, String suffix) {
        return new KvCommand(clientId, sequence, Kind.APPEND, key, Objects.requireNonNull(suffix), null);
    }

    /** Sets {@code key} to {@code value} only if it now holds {@code expected} ({@code null}: absent). */
    public static KvCommand cas(long clientId, long sequence, String key, String expected, String value) {
        return new KvCommand(clientId, sequence, Kind.CAS, key, Objects.requireNonNull(value), expected);
    }

    /** The entry a new leader appends to commit its predecessors' entries (Raft §8). */
    public static KvCommand newTerm() {
        return new KvCommand(0, 0, Kind.NEW_TERM, null, null, null);
    }
}
