package io.raftsim.microraft;

import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.kv.KvFingerprint;
import io.raftsim.harness.spi.Fingerprints;

/**
 * One operation on the KV store, as a MicroRaft log entry carries it: the harness's
 * {@link KvCommand} with the (client id, sequence) its session is keyed by. A retry reuses
 * the sequence, so the state machine applies it once. {@code command} null is no client's:
 * the entry a new leader appends to commit its predecessors' entries (Raft §8).
 */
public record KvOperation(int clientId, long sequence, KvCommand command) {
    public static final KvOperation NEW_TERM = new KvOperation(-1, 0, null);

    public KvOperation {
        if (command != null && (clientId < 0 || sequence <= 0)) {
            throw new IllegalArgumentException("a client command needs a client id >= 0 and a positive sequence: "
                    + clientId + "/" + sequence);
        }
    }

    public boolean isNewTerm() {
        return command == null;
    }

    /** A fixed fingerprint over the command, client id and sequence; the new-term entry has its own. */
    public long fingerprint() {
        if (command == null) {
            return Fingerprints.fold(0x4E4557L, 0); // "NEW"
        }
        return Fingerprints.fold(Fingerprints.fold(KvFingerprint.of(command), clientId), sequence);
    }
}
