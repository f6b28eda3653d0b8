package io.raftsim.harness.kv;

import io.raftsim.harness.wire.WireReader;
import io.raftsim.harness.wire.WireWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
