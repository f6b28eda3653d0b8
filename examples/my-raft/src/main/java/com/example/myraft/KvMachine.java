package com.example.myraft;

import io.raftsim.harness.kv.KvFingerprint;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.kv.KvStore;
import io.raftsim.harness.spi.Fingerprints;

import java.util.Map;
import java.util.TreeMap;

/**
 * The replicated state machine: raftsim's {@link KvStore} plus client sessions (§8). A
 * client retries a command with the same (clientId, sequence), and the command may then sit
 * in the log twice; the session remembers each client's last sequence and result, so the
 * second copy is answered, not applied again. Volatile: after a restart it is rebuilt by
 * applying the committed log again.
 */
final class KvMachine {
    private record Session(long sequence, KvResult result) {
    }

    private final KvStore store = new KvStore();
    /** A TreeMap: the fingerprint iterates it, and iteration order must not depend on hashing. */
    private final TreeMap<Integer, Session> sessions = new TreeMap<>();
    private long lastApplied;

    /** Applies the entry at lastApplied + 1 and returns the client's result (null for a no-op). */
    KvResult apply(Entry entry) {
        lastApplied++;
        if (entry.isNoOp()) {
            return null;
        }
        Session session = sessions.get(entry.clientId());
        if (session != null && entry.sequence() <= session.sequence()) {
            return entry.sequence() == session.sequence() ? session.result() : null;
        }
        KvResult result = store.apply(entry.command());
        sessions.put(entry.clientId(), new Session(entry.sequence(), result));
        return result;
    }

    /** The result of the client's command if it was the last one applied for that client, else null. */
    KvResult answered(int clientId, long sequence) {
        Session session = sessions.get(clientId);
        return session != null && session.sequence() == sequence ? session.result() : null;
    }

    long lastApplied() {
        return lastApplied;
    }

    /** Store and sessions together: servers that applied the same prefix must agree on it. */
    long fingerprint() {
        long hash = store.fingerprint();
        for (Map.Entry<Integer, Session> session : sessions.entrySet()) {
            KvResult result = session.getValue().result();
            hash = Fingerprints.fold(Fingerprints.fold(Fingerprints.fold(hash, session.getKey()), session.getValue().sequence()),
                    result == null ? 0 : KvFingerprint.text(result.value()) * 31 + (result.success() ? 1 : 0));
        }
        return hash;
    }
}
