package io.raftsim.raft.log;

import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.kv.KvFingerprint;
import io.raftsim.harness.kv.KvWire;
import io.raftsim.harness.wire.StringTable;
import io.raftsim.harness.wire.WireReader;
import io.raftsim.harness.wire.WireWriter;
import io.raftsim.sim.random.RandomStream;

import java.util.Arrays;

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

    /**
     * A client's command with its session identity, so a retry is applied at most once.
     *
     * <p>The command is held as the bytes the wire carries it in ({@link KvWire}), the way
     * etcd's entries carry {@code Data []byte}: only the state machine reads it, when it applies
     * the entry. Every server decodes its own copy of every entry it receives (messages cross
     * the network as bytes), so a log entry that holds one small array instead of a graph of
     * strings keeps five logs nearly as cheap to hold as one was when servers shared entries.
     * A value, immutable: the array is never written after construction and never handed out.
     */
    final class ClientCommand implements Command {
        private final int clientId;
        private final long sequence;
        private final byte[] encodedCommand;
        private final long fingerprint;
        /**
         * The command itself when this server made it from one it decoded (a leader's proposal of
         * a client's request, an immutable value of its own): applying it then decodes nothing.
         * Null for a command read from a message or a log, whose bytes are decoded when applied.
         * Not part of the value: equal commands are equal with it or without.
         */
        private final KvCommand decoded;

        public ClientCommand(int clientId, long sequence, KvCommand command) {
            this(clientId, sequence, KvWire.toBytes(command), RandomStream.mix64(KvFingerprint.of(command) * 31 + clientId) ^ sequence, command);
        }

        private ClientCommand(int clientId, long sequence, byte[] encodedCommand, long fingerprint, KvCommand decoded) {
            this.clientId = clientId;
            this.sequence = sequence;
            this.encodedCommand = encodedCommand;
            this.fingerprint = fingerprint;
            this.decoded = decoded;
        }

        /**
         * The command a message carries: its bytes are read (and checked, as {@link KvWire#readCommand}
         * checks them) from {@code in} into an array of its own; the fingerprint travels with it, as
         * recomputing it from the strings at every delivery would double its cost.
         */
        public static ClientCommand read(int clientId, long sequence, long fingerprint, WireReader in) {
            return new ClientCommand(clientId, sequence, KvWire.readCommandBytes(in), fingerprint, null);
        }

        /** A command whose bytes a log kept in its columns ({@link EntryColumns}): {@code encodedCommand} becomes this command's own. */
        static ClientCommand ofEncoded(int clientId, long sequence, byte[] encodedCommand, long fingerprint) {
            return new ClientCommand(clientId, sequence, encodedCommand, fingerprint, null);
        }

        /** The command's bytes themselves, for a log to copy into its columns; never written to. */
        byte[] encodedCommand() {
            return encodedCommand;
        }

        /** Writes the command's bytes, as {@link KvWire#write} writes the command. */
        public void writeCommand(WireWriter out) {
            out.writeBytes(encodedCommand);
        }

        public int clientId() {
            return clientId;
        }

        public long sequence() {
            return sequence;
        }

        /** The command, decoded afresh from its bytes at every call: the state machine calls it once, when it applies the entry. */
        public KvCommand command() {
            return KvWire.fromBytes(encodedCommand);
        }

        /**
         * {@link #command()}, with keys the equal ones {@code keys} holds (one server's table: see
         * {@link StringTable}); the command this server made this one from, if it did.
         */
        public KvCommand command(StringTable keys) {
            return decoded != null ? decoded : KvWire.fromBytes(encodedCommand, keys);
        }

        @Override
        public long fingerprint() {
            return fingerprint;
        }

        @Override
        public String describe() {
            return "c" + clientId + "#" + sequence + " " + command().describe();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ClientCommand that && clientId == that.clientId && sequence == that.sequence
                    && fingerprint == that.fingerprint && Arrays.equals(encodedCommand, that.encodedCommand);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(RandomStream.mix64(fingerprint * 31 + clientId) ^ sequence) * 31 + Arrays.hashCode(encodedCommand);
        }

        @Override
        public String toString() {
            return "ClientCommand[clientId=" + clientId + ", sequence=" + sequence + ", command=" + command() + ", fingerprint=" + fingerprint + "]";
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
