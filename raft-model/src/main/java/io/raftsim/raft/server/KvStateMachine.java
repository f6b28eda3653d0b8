package io.raftsim.raft.server;

import io.raftsim.harness.kv.KvFingerprint;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.kv.KvStore;
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

/**
 * The replicated key-value state machine with client sessions (dissertation ch. 6.3): it
 * remembers, per client, the last sequence number applied and its result, so a retried
 * request is answered from the session instead of being applied twice. Clients have one
 * request outstanding at a time and number them in order, so one slot per client suffices.
 * Volatile: rebuilt after a restart from the stored snapshot, if any, then by re-applying the
 * committed log that follows it.
 */
public final class KvStateMachine {
    private record Session(long lastSequence, KvResult lastResult) {
    }

    private final KvStore store = new KvStore();
    /** Sessions by client id; client ids are small process ids, so an array beats a map on the hot path. */
    private Session[] sessions = new Session[16];
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
        if (session != null && command.sequence() <= session.lastSequence() && rules.answersRetriesFromSessions()) {
            return command.sequence() == session.lastSequence() ? session.lastResult() : null;
        }
        KvResult result = store.apply(command.command());
        int clientId = command.clientId();
        if (clientId >= sessions.length) {
            sessions = Arrays.copyOf(sessions, Math.max(clientId + 1, sessions.length * 2));
        }
        Session previous = sessions[clientId];
        if (previous != null) {
            sessionsFingerprint -= sessionHash(clientId, previous);
        }
        sessions[clientId] = new Session(command.sequence(), result);
        sessionsFingerprint += sessionHash(clientId, sessions[clientId]);
        return result;
    }

    private static long sessionHash(int clientId, Session session) {
        KvResult result = session.lastResult();
        long resultHash = result == null ? 0 : KvFingerprint.text(result.value()) * 31 + (result.success() ? 1 : 0);
        return RandomStream.mix64((clientId * 0x9E3779B97F4A7C15L + session.lastSequence()) * 0xBF58476D1CE4E5B9L + resultHash);
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
        return session != null && session.lastSequence() == sequence ? session.lastResult() : null;
    }

    private Session session(int clientId) {
        return clientId >= 0 && clientId < sessions.length ? sessions[clientId] : null;
    }

    /** The whole state as a snapshot holds it (§7): store and sessions; the caller adds the index and term. */
    public SnapshotState snapshotState() {
        List<SessionRecord> records = new ArrayList<>();
        for (int clientId = 0; clientId < sessions.length; clientId++) {
            Session session = sessions[clientId];
            if (session != null) {
                records.add(new SessionRecord(clientId, session.lastSequence(), session.lastResult()));
            }
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
        sessionsFingerprint = 0;
        for (SessionRecord record : state.sessions()) {
            int clientId = record.clientId();
            if (clientId >= sessions.length) {
                sessions = Arrays.copyOf(sessions, Math.max(clientId + 1, sessions.length * 2));
            }
            sessions[clientId] = new Session(record.lastSequence(), record.lastResult());
            sessionsFingerprint += sessionHash(clientId, sessions[clientId]);
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
