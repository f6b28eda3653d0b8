package io.raftsim.raft.message;

import io.raftsim.harness.kv.Append;
import io.raftsim.harness.kv.Cas;
import io.raftsim.harness.kv.Get;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.kv.Put;
import io.raftsim.harness.spi.MessageView;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.Configuration;
import io.raftsim.raft.log.LogEntry;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Messages cross the simulated network as bytes: every message type decodes to an equal message
 * with the same fingerprint, kind and term, and bytes that are not a message fail with an
 * IllegalArgumentException, never a half-read message or another exception.
 */
class MessageCodecsTest {
    private static final MessageCodecs CODEC = MessageCodecs.INSTANCE;

    /** One or more of every message type, with every command and result kind, nulls and extreme values. */
    static List<Message> everyType() {
        List<LogEntry> entries = List.of(
                new LogEntry(1, 5, Command.Noop.INSTANCE),
                new LogEntry(2, 6, new Command.ClientCommand(7, 3, new Put("k", "v"))),
                new LogEntry(2, 7, new Command.ClientCommand(8, 1, new Get("k"))),
                new LogEntry(3, 8, new Command.ClientCommand(9, 2, new Append("k", "\u00e9"))),
                new LogEntry(3, 9, new Command.ClientCommand(1_000_000, Long.MAX_VALUE, new Cas("k", null, "x"))),
                new LogEntry(3, 10, new Command.ConfigChange(new Configuration(List.of(0, 2, 4), List.of(1, 98)))),
                // A joint configuration (§4.3): C_new's voters, learners, then C_old's voters.
                new LogEntry(3, 11, new Command.ConfigChange(new Configuration(List.of(0, 5, 6), List.of(7), List.of(0, 1, 2)))));
        return List.of(
                new AppendEntries(3, 1, 4, 1, entries, 6),
                new AppendEntries(Long.MAX_VALUE, 4, 0, 0, List.of(), 0),
                AppendEntriesReply.accepted(3, 9),
                AppendEntriesReply.rejected(3, 4, 2, 3, 12),
                new RequestVote(5, 2, 9, 3, false),
                new RequestVote(6, 0, 0, 0, true),
                new RequestVoteReply(5, true, false),
                new RequestVoteReply(6, false, true),
                new ClientRequest(5, 1, new Put("key", "value")),
                new ClientRequest(6, 2, new Cas("key", "old", "new")),
                new ClientReply(5, 1, ClientReply.Status.OK, KvResult.read("value"), 0),
                new ClientReply(5, 2, ClientReply.Status.OK, KvResult.read(null), 0),
                new ClientReply(6, 2, ClientReply.Status.OK, KvResult.cas(false), 1),
                new ClientReply(6, 3, ClientReply.Status.NOT_LEADER, null, -1),
                new InstallSnapshot(4, 2, new io.raftsim.raft.snapshot.Snapshot(12, 3, new io.raftsim.raft.snapshot.SnapshotState(
                        new java.util.TreeMap<>(java.util.Map.of("a", "1", "b", "\u00e9")),
                        List.of(new io.raftsim.raft.snapshot.SessionRecord(5, 7, KvResult.read("1")),
                                new io.raftsim.raft.snapshot.SessionRecord(6, 2, null),
                                new io.raftsim.raft.snapshot.SessionRecord(9, 1, KvResult.cas(false)))))),
                new InstallSnapshot(4, 0, new io.raftsim.raft.snapshot.Snapshot(1, 1, new io.raftsim.raft.snapshot.SnapshotState(
                        new java.util.TreeMap<>(), List.of()))),
                new InstallSnapshot(4, 0, new io.raftsim.raft.snapshot.Snapshot(2, 1, new io.raftsim.raft.snapshot.SnapshotState(
                        new java.util.TreeMap<>(), List.of()), new Configuration(List.of(1, 2), List.of(3)))),
                new InstallSnapshot(4, 0, new io.raftsim.raft.snapshot.Snapshot(3, 1, new io.raftsim.raft.snapshot.SnapshotState(
                        new java.util.TreeMap<>(), List.of()), new Configuration(List.of(1, 2), List.of(), List.of(0, 1, 2)))),
                new InstallSnapshotReply(4, 12),
                new InstallSnapshotReply(5, 0),
                new ConfirmLeadership(7, 2, 41),
                new ConfirmLeadershipReply(Long.MAX_VALUE, 41),
                new TimeoutNow(8, 3),
                new RequestVote(9, 3, 12, 8, false, true));
    }

    @Test
    void everyMessageTypeRoundTrips() {
        for (Message message : everyType()) {
            byte[] bytes = CODEC.encode(message);
            Message decoded = CODEC.decode(bytes);
            assertEquals(message, decoded);
            assertEquals(CODEC.fingerprint(message), CODEC.fingerprint(decoded), "fingerprint of " + message);
            assertEquals(CODEC.kind(message), CODEC.kind(decoded));
            assertEquals(CODEC.term(message), CODEC.term(decoded));
            assertEquals(CODEC.summary(message), CODEC.summary(decoded));
        }
    }

    /**
     * A log entry keeps its command as bytes until it is applied: those bytes are its own copy,
     * so scribbling over the delivered packet afterwards (a corruption, a duplicate decoded
     * again) changes nothing a server already holds.
     */
    @Test
    void aDecodedEntryHoldsItsOwnCopyOfTheBytes() {
        Message message = everyType().get(0);
        byte[] bytes = CODEC.encode(message);
        Message decoded = CODEC.decode(bytes);
        Arrays.fill(bytes, (byte) 0x55);
        assertEquals(message, decoded);
        Command.ClientCommand command = (Command.ClientCommand) ((AppendEntries) decoded).entries().get(1).command();
        assertEquals(new Put("k", "v"), command.command());
        assertEquals("c7#3 put(k,v)", command.describe());
    }

    @Test
    void everyKindIsCovered() {
        var kinds = new java.util.TreeSet<String>();
        for (Message message : everyType()) {
            kinds.add(message.getClass().getSimpleName());
        }
        assertEquals(List.of("AppendEntries", "AppendEntriesReply", "ClientReply", "ClientRequest", "ConfirmLeadership", "ConfirmLeadershipReply",
                        "InstallSnapshot", "InstallSnapshotReply", "RequestVote", "RequestVoteReply", "TimeoutNow"),
                List.copyOf(kinds), "a new message type needs a round trip here");
        assertEquals(MessageView.Kind.APPEND_REQUEST, CODEC.kind(everyType().get(0)));
    }

    @Test
    void garbageBytesAreAnIllegalArgumentException() {
        assertThrows(IllegalArgumentException.class, () -> CODEC.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> CODEC.decode(new byte[] {0}));
        assertThrows(IllegalArgumentException.class, () -> CODEC.decode(new byte[] {99, 1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> CODEC.decode("not a message".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        // An AppendEntries claiming a million entries in a few bytes, and a reply with a status past the enum.
        assertThrows(IllegalArgumentException.class, () -> CODEC.decode(new byte[] {1, 2, 2, 0, 0, 0, (byte) 0x80, (byte) 0x89, 0x7A}));
        assertThrows(IllegalArgumentException.class, () -> CODEC.decode(new byte[] {6, 2, 2, 9, 0, 0}));
    }

    @Test
    void everyCutOrPaddedEncodingIsAnIllegalArgumentException() {
        for (Message message : everyType()) {
            byte[] bytes = CODEC.encode(message);
            for (int length = 0; length < bytes.length; length++) {
                byte[] cut = Arrays.copyOf(bytes, length);
                assertThrows(IllegalArgumentException.class, () -> CODEC.decode(cut), message + " cut to " + length + " bytes");
            }
            byte[] padded = Arrays.copyOf(bytes, bytes.length + 1);
            assertThrows(IllegalArgumentException.class, () -> CODEC.decode(padded), message + " with a byte more");
        }
    }

    @Test
    void randomBytesDecodeOrFailWithIllegalArgumentExceptionOnly() {
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[1 + random.nextInt(40)];
            random.nextBytes(bytes);
            bytes[0] = (byte) (1 + random.nextInt(6)); // a known kind, so the fields themselves are garbage
            try {
                CODEC.decode(bytes);
            } catch (IllegalArgumentException expected) {
                // the promised failure
            } catch (RuntimeException other) {
                fail("decoding " + Arrays.toString(bytes) + " threw " + other);
            }
        }
    }
}
