package io.raftsim.harness.kv;

import io.raftsim.harness.wire.StringTable;
import io.raftsim.harness.wire.WireReader;
import io.raftsim.harness.wire.WireWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Key-value commands and results survive the wire unchanged, and a byte that names no kind fails. */
class KvWireTest {
    @Test
    void everyCommandRoundTrips() {
        List<KvCommand> commands = List.of(new Put("k", "v"), new Put("", ""), new Get("k\u00e9"), new Append("k", "tail"),
                new Cas("k", "old", "new"), new Cas("k", null, "first"));
        WireWriter out = new WireWriter();
        for (KvCommand command : commands) {
            KvWire.write(out, command);
        }
        WireReader in = new WireReader(out.toBytes());
        List<KvCommand> read = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            read.add(KvWire.readCommand(in));
        }
        in.end();
        assertEquals(commands, read);
    }

    @Test
    void everyResultRoundTrips() {
        List<KvResult> results = Arrays.asList(KvResult.done(), KvResult.read(null), KvResult.read("value"), KvResult.read(""),
                KvResult.cas(true), KvResult.cas(false), null);
        WireWriter out = new WireWriter();
        for (KvResult result : results) {
            KvWire.write(out, result);
        }
        WireReader in = new WireReader(out.toBytes());
        List<KvResult> read = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            read.add(KvWire.readResult(in));
        }
        in.end();
        assertEquals(results, read);
    }

    /**
     * A log that keeps commands as bytes reads them without decoding a string: it must take
     * exactly the bytes write wrote, and fail exactly where decoding would, so a malformed
     * command is refused at the delivery, not when it is applied.
     */
    @Test
    void commandBytesAreWhatWriteWroteAndFailWhereDecodingFails() {
        List<KvCommand> commands = List.of(new Put("k", "v"), new Get("k\u00e9"), new Append("k", "tail"), new Cas("k", null, "first"),
                new Cas("k", "old", "new"));
        for (KvCommand command : commands) {
            byte[] written = KvWire.toBytes(command);
            WireReader in = new WireReader(written);
            assertArrayEquals(written, KvWire.readCommandBytes(in));
            in.end();
            assertEquals(command, KvWire.fromBytes(written));
            for (int length = 0; length < written.length; length++) {
                byte[] cut = Arrays.copyOf(written, length);
                assertThrows(IllegalArgumentException.class, () -> KvWire.readCommand(new WireReader(cut)));
                assertThrows(IllegalArgumentException.class, () -> KvWire.readCommandBytes(new WireReader(cut)), command + " cut to " + length);
            }
        }
        byte[] unknownKind = {9, 0};
        assertThrows(IllegalArgumentException.class, () -> KvWire.readCommandBytes(new WireReader(unknownKind)));
        byte[] hugeString = {1, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, 0x7F};
        assertThrows(IllegalArgumentException.class, () -> KvWire.readCommandBytes(new WireReader(hugeString)));
    }

    @Test
    void unknownKindsAreMalformed() {
        assertThrows(IllegalArgumentException.class, () -> KvWire.readCommand(new WireReader(new byte[] {9})));
        assertThrows(IllegalArgumentException.class, () -> KvWire.readCommand(new WireReader(new byte[] {0})));
        assertThrows(IllegalArgumentException.class, () -> KvWire.readResult(new WireReader(new byte[] {2})));
        assertThrows(IllegalArgumentException.class, () -> KvWire.readCommand(new WireReader(new byte[] {1, 2, 'k'}))); // a put cut short
    }

    @Test
    void aReadValueWithAFailedFlagIsMalformed() {
        // No command returns a value and failure: decoding it as a successful read would be a silent default.
        byte[] bytes = new WireWriter().writeByte(1).writeString("v").writeBoolean(false).toBytes();
        assertThrows(IllegalArgumentException.class, () -> KvWire.readResult(new WireReader(bytes)));
    }

    /**
     * A state machine decodes every command it applies with its own key table: the commands must
     * equal those decoded without one (non-ASCII, empty and null strings too), a key seen before
     * must come back as the very string decoded then, and a different key never as another's.
     */
    @Test
    void aKeyTableGivesEqualCommandsAndReusesKeysItHolds() {
        List<KvCommand> commands = List.of(new Put("k1", "v"), new Put("", ""), new Get("k\u00e9"), new Append("k1", "tail"),
                new Cas("k2", "old", "new"), new Cas("k1", null, "first"), new Get("k\u00e9"), new Get(""));
        StringTable keys = new StringTable(64);
        List<KvCommand> read = new ArrayList<>();
        for (KvCommand command : commands) {
            read.add(KvWire.fromBytes(KvWire.toBytes(command), keys));
        }
        assertEquals(commands, read);
        String first = ((Put) read.get(0)).key();
        assertSame(first, ((Append) read.get(3)).key(), "k1 decoded again while the table holds it");
        // Many distinct keys through a table of one slot: each must still decode as itself.
        StringTable oneSlot = new StringTable(1);
        for (int i = 0; i < 50; i++) {
            String key = "k" + (i % 7);
            assertEquals(new Get(key), KvWire.fromBytes(KvWire.toBytes(new Get(key)), oneSlot));
        }
        assertThrows(IllegalArgumentException.class, () -> new StringTable(3));
    }
}
