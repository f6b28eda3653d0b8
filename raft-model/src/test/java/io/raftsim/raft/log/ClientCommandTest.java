package io.raftsim.raft.log;

import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.kv.Put;
import io.raftsim.harness.wire.StringTable;
import io.raftsim.harness.wire.WireReader;
import io.raftsim.harness.wire.WireWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A client command is its bytes; the command a server made it from is kept, so applying it decodes nothing. */
@DisplayName("A client command")
class ClientCommandTest {
    private static final KvCommand PUT = new Put("k3", "c7.12");

    @Test
    @DisplayName("made from a command, applies that very command; read from bytes, an equal one decoded afresh")
    void proposedCommandIsNotDecodedAgain() {
        Command.ClientCommand proposed = new Command.ClientCommand(7, 12, PUT);
        assertSame(PUT, proposed.command(new StringTable(4)));

        WireWriter out = new WireWriter();
        proposed.writeCommand(out);
        Command.ClientCommand received = Command.ClientCommand.read(7, 12, proposed.fingerprint(), new WireReader(out.toBytes()));
        KvCommand decoded = received.command(new StringTable(4));
        assertNotSame(PUT, decoded);
        assertEquals(PUT, decoded);
        assertEquals(proposed, received, "the command kept is not part of the value");
        assertEquals(proposed.hashCode(), received.hashCode());
    }
}
