package io.raftsim.raft.server;

import io.raftsim.harness.kv.KvFingerprint;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.kv.KvStore;
import io.raftsim.harness.wire.StringTable;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.node.RaftRules;
import io.raftsim.raft.snapshot.SessionRecord;
import io.raftsim.raft.snapshot.Snapshot;
import io.raftsim.raft.snapshot.SnapshotState;

import io.raftsim.sim.random.RandomStream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replicated key-value state machine with client sessions (dissertation ch. 6.3): it
 * remembers, per client, the last sequence number applied and its result, so a retried
 * request is answered from the session instead of being applied twice. Clients have one
 * request outstanding at a time and number them in order, so one slot per client suffices.
 * Volatile: rebuilt after a restart from the stored snapshot, if any, then by re-applying the
 * committed log that follows it.
 */
public final class KvStateMachine {
    /**
     * A client's last applied request and its result. Updated in place: a new object per applied
     * entry, on every server, was a few percent of everything a run allocates; a snapshot copies
     * sessions into {@link SessionRecord}s, so none escapes.
     */
    private static final class Session {
        long lastSequence;
        KvResult lastResult;
    }

    /**
     * Client ids below this live in an array; the rest (the writer of a preloaded log is client
     * 1,000,000) in a sorted map, so one large id does not cost every server megabytes of array.
     */
    private static final int ARRAY_CLIENT_IDS = 1 << 12;

    private final KvStore store = new KvStore();
    /**
     * The keys this server decoded before: every applied command is decoded from its bytes, and
     * a workload writes a few keys over and over, so each would otherwise be a fresh string.
     */
    private final StringTable keys = new StringTable(64);
    /** Sessions by client id; client ids are small process ids, so an array beats a map on the hot path. */
    private Session[] sessions = new Session[16];
    /** Sessions of client ids of {@link #ARRAY_CLIENT_IDS} and above, in id order. */
    private final TreeMap<Integer, Session> distantSessions = new TreeMap<>();
    private long lastApplied;
    /** Sum of one hash per client session, kept as sessions change (see {@link #fingerprint}). */
    private long sessionsFingerprint;
    private final RaftRules rules;

    public KvStateMachine() {
        this(RaftRules.PAPER);
    }

    /** @param rules whether sessions answer retried requests ({@link RaftRules#answersRetriesFromSessions()}) */
    public KvStateMachine(RaftRules rules) {
        this.rules = rules;
    }

    /** Applies the next committed entry; returns the client's result, or null for a no-op or a stale duplicate. */
    public KvResult apply(LogEntry entry) {
        if (entry.index() != lastApplied + 1) {
            throw new IllegalStateException("apply of index " + entry.index() + " after " + lastApplied);
        }
        lastApplied = entry.index();
        if (!(entry.command() instanceof Command.ClientCommand command)) {
            return null;
        }
        Session session = session(command.clientId());
        if (session != null && command.sequence() <= session.lastSequence && rules.answersRetriesFromSessions()) {
            return command.sequence() == session.lastSequence ? session.lastResult : null;
        }
        KvResult result = store.apply(command.command(keys));
        int clientId = command.clientId();
        if (session == null) {
            session = newSession(clientId);
        } else {
            sessionsFingerprint -= sessionHash(clientId, session.lastSequence, session.lastResult);
        }
        session.lastSequence = command.sequence();
        session.lastResult = result;
        sessionsFingerprint += sessionHash(clientId, session.lastSequence, session.lastResult);
        return result;
    }

    /** An empty session for {@code clientId}, which has none yet, in its place. */
    private Session newSession(int clientId) {
        Session session = new Session();
        if (clientId >= ARRAY_CLIENT_IDS) {
            distantSessions.put(clientId, session);
            return session;
        }
        if (clientId >= sessions.length) {
            sessions = Arrays.copyOf(sessions, Math.max(clientId + 1, sessions.length * 2));
        }
        sessions[clientId] = session;
        return session;
    }

    private static long sessionHash(int clientId, long lastSequence, KvResult result) {
        long resultHash = result == null ? 0 : KvFingerprint.text(result.value()) * 31 + (result.success() ? 1 : 0);
        return RandomStream.mix64((clientId * 0x9E3779B97F4A7C15L + lastSequence) * 0xBF58476D1CE4E5B9L + resultHash);
    }

    /**
     * The state this machine reached, store and sessions together: the checks compare it with
     * the state every other server had after applying the same committed prefix.
     */
    public long fingerprint() {
        return store.fingerprint() * 0x94D049BB133111EBL + sessionsFingerprint;
    }

    /** The result of request {@code sequence} of {@code clientId} if it is the last one applied, else null. */
    public KvResult cachedResult(int clientId, long sequence) {
        if (!rules.answersRetriesFromSessions()) {
            return null; // sessions kept but never consulted: nothing to answer from
        }
        Session session = session(clientId);
        return session != null && session.lastSequence == sequence ? session.lastResult : null;
    }

    private Session session(int clientId) {
        if (clientId >= ARRAY_CLIENT_IDS) {
            return distantSessions.get(clientId);
        }
        return clientId >= 0 && clientId < sessions.length ? sessions[clientId] : null;
    }

    /** The whole state as a snapshot holds it (§7): store and sessions; the caller adds the index and term. */
    public SnapshotState snapshotState() {
        List<SessionRecord> records = new ArrayList<>();
        for (int clientId = 0; clientId < sessions.length; clientId++) {
            Session session = sessions[clientId];
            if (session != null) {
                records.add(new SessionRecord(clientId, session.lastSequence, session.lastResult));
            }
        }
        for (Map.Entry<Integer, Session> distant : distantSessions.entrySet()) { // ids above the array's, ascending
            records.add(new SessionRecord(distant.getKey(), distant.getValue().lastSequence, distant.getValue().lastResult));
        }
        return new SnapshotState(store.contents(), records);
    }

    /**
     * Figure 13, step 8: "Reset state machine using snapshot contents": the store and the sessions
     * become the snapshot's, and the next entry to apply is the one after its last included index.
     */
    public void install(Snapshot snapshot) {
        SnapshotState state = snapshot.state();
        store.replaceContents(state.values());
        Arrays.fill(sessions, null);
        distantSessions.clear();
        sessionsFingerprint = 0;
        for (SessionRecord record : state.sessions()) {
            Session session = newSession(record.clientId());
            session.lastSequence = record.lastSequence();
            session.lastResult = record.lastResult();
            sessionsFingerprint += sessionHash(record.clientId(), session.lastSequence, session.lastResult);
        }
        lastApplied = snapshot.lastIncludedIndex();
    }

    public long lastApplied() {
        return lastApplied;
    }

    public KvStore store() {
        return store;
    }
}
