package io.raftsim.raft.snapshot;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The key-value state machine's whole state as a snapshot holds it: every key's value and every
 * client session (dissertation §6.3: sessions are part of the state machine, so a snapshot that
 * left them out would let a retried command apply twice after an install or a restart).
 *
 * @param values   every key and its value, in key order
 * @param sessions one per client that has a session, by ascending client id
 */
public record SnapshotState(SortedMap<String, String> values, List<SessionRecord> sessions) {
    public SnapshotState {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        sessions = List.copyOf(sessions);
        for (int i = 1; i < sessions.size(); i++) {
            if (sessions.get(i - 1).clientId() >= sessions.get(i).clientId()) {
                throw new IllegalArgumentException("sessions out of client order at " + sessions.get(i).clientId());
            }
        }
    }
}
