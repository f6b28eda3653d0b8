package io.raftsim.raft.log;

import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.kv.KvFingerprint;
import io.raftsim.sim.random.RandomStream;

/** What a log entry asks the state machine to do. */
public sealed interface Command {
    /** A fixed-formula fingerprint of the command, for log hashes and the run digest. */
    long fingerprint();

    String describe();

    /**
     * The blank entry a new leader appends at the start of its term (§8): committing it
     * commits every earlier entry, so the leader learns the commit index without client load.
     */
    record Noop() implements Command {
        public static final Noop INSTANCE = new Noop();

        @Override
        public long fingerprint() {
            return 0x4E4F4F50L;
        }

        @Override
        public String describe() {
            return "noop";
        }
    }

    /** A client's command with its session identity, so a retry is applied at most once. */
    record ClientCommand(int clientId, long sequence, KvCommand command, long fingerprint) implements Command {
        public ClientCommand(int clientId, long sequence, KvCommand command) {
            this(clientId, sequence, command, RandomStream.mix64(KvFingerprint.of(command) * 31 + clientId) ^ sequence);
        }

        @Override
        public String describe() {
            return "c" + clientId + "#" + sequence + " " + command.describe();
        }
    }

    /**
     * A configuration entry (dissertation §4.1): the whole new configuration, which every server
     * uses as soon as the entry is in its log, committed or not. The state machine ignores it.
     */
    record ConfigChange(Configuration configuration) implements Command {
        @Override
        public long fingerprint() {
            return configuration.fingerprint();
        }

        @Override
        public String describe() {
            return "config " + configuration.describe();
        }
    }
}
