package io.raftsim.raft.server;

import io.raftsim.harness.kv.Append;
import io.raftsim.harness.kv.Get;
import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.kv.Put;
import io.raftsim.raft.log.Command;
import io.raftsim.raft.log.LogEntry;
import io.raftsim.raft.snapshot.SessionRecord;
import io.raftsim.raft.snapshot.Snapshot;
import io.raftsim.raft.snapshot.SnapshotState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Client sessions (dissertation ch. 6.3) for small client ids and for a large one (a preloaded
 * log's writer is client 1,000,000, kept apart from the array of small ids): a retry is answered
 * from the session, a snapshot lists every session in id order, and installing it restores them.
 */
class KvStateMachineTest {
    private static final int LARGE_CLIENT = 1_000_000;

    @Test
    void sessionsOfSmallAndLargeClientIdsAnswerRetriesAndSurviveASnapshot() {
        KvStateMachine machine = new KvStateMachine();
        long index = 0;
        machine.apply(entry(++index, 7, 1, new Put("k", "a")));
        machine.apply(entry(++index, LARGE_CLIENT, 1, new Put("k", "b")));
        KvResult read = machine.apply(entry(++index, LARGE_CLIENT, 2, new Get("k")));
        assertEquals(KvResult.read("b"), read);
        machine.apply(entry(++index, 3, 5, new Append("k", "c")));

        // A retry of the last request is answered from the session, not applied twice.
        assertEquals(read, machine.apply(entry(++index, LARGE_CLIENT, 2, new Get("k"))));
        assertNull(machine.apply(entry(++index, 7, 0, new Append("k", "again"))), "an older request of a client is not applied");
        assertEquals("bc", machine.store().get("k"));
        assertEquals(read, machine.cachedResult(LARGE_CLIENT, 2));
        assertNull(machine.cachedResult(LARGE_CLIENT, 1));

        SnapshotState state = machine.snapshotState();
        assertEquals(List.of(new SessionRecord(3, 5, KvResult.done()), new SessionRecord(7, 1, KvResult.done()),
                new SessionRecord(LARGE_CLIENT, 2, read)), state.sessions());

        KvStateMachine restored = new KvStateMachine();
        restored.apply(entry(1, LARGE_CLIENT, 9, new Put("other", "x"))); // replaced by the install
        restored.install(new Snapshot(index, 1, state));
        assertEquals(machine.fingerprint(), restored.fingerprint());
        assertEquals(read, restored.cachedResult(LARGE_CLIENT, 2));
        assertNull(restored.cachedResult(LARGE_CLIENT, 9));
        assertEquals(state, restored.snapshotState());

        // Both go on alike: the same next entry leaves the same state.
        machine.apply(entry(++index, LARGE_CLIENT, 3, new Append("k", "d")));
        restored.apply(entry(index, LARGE_CLIENT, 3, new Append("k", "d")));
        assertEquals(machine.fingerprint(), restored.fingerprint());
        assertEquals("bcd", restored.store().get("k"));
    }

    private static LogEntry entry(long index, int clientId, long sequence, KvCommand command) {
        return new LogEntry(1, index, new Command.ClientCommand(clientId, sequence, command));
    }
}
