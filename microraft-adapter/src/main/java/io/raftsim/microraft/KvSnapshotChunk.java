package io.raftsim.microraft;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One chunk of a KV snapshot: a run of keys in order, and (in the first chunk only) the
 * client sessions. Immutable, so MicroRaft and the store may share it.
 */
public record KvSnapshotChunk(SortedMap<String, String> entries, SortedMap<Integer, KvSession> sessions) {
    public KvSnapshotChunk {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        sessions = Collections.unmodifiableSortedMap(new TreeMap<>(sessions));
    }
}
