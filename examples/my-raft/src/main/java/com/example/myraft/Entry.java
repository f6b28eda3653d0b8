package com.example.myraft;

import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.kv.KvFingerprint;
import io.raftsim.harness.spi.Fingerprints;

/**
 * One log entry (§5.3): the term it was created in, and a client command with the session
 * identity that lets the state machine apply it once (§8), or no command at all: the no-op a
 * new leader appends (§8).
 */
public record Entry(long term, int clientId, long sequence, KvCommand command) {
    public static Entry noOp(long term) {
        return new Entry(term, -1, 0, null);
    }

    public boolean isNoOp() {
        return command == null;
    }

    /** A fingerprint of the payload by a fixed formula, equal on every server and JDK (never hashCode). */
    public long fingerprint() {
        if (isNoOp()) {
            return 0x4E4F4F50L;
        }
        return Fingerprints.fold(Fingerprints.fold(KvFingerprint.of(command), clientId), sequence);
    }

    public String describe() {
        return isNoOp() ? "noop" : "c" + clientId + "#" + sequence + " " + command.describe();
    }
}
