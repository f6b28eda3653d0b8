package io.raftsim.microraft;

import io.raftsim.harness.kv.Append;
import io.raftsim.harness.kv.Cas;
import io.raftsim.harness.kv.Get;
import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.kv.Put;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KvStateMachineTest {
    private final KvStateMachine machine = new KvStateMachine(2);
    private long index;

    private Object apply(int client, long sequence, KvCommand command) {
        return machine.runOperation(++index, new KvOperation(client, sequence, command));
    }

    @Test
    void theHarnessStoreSemantics() {
        assertEquals(KvResult.done(), apply(1, 1, new Put("a", "x")));
        assertEquals(KvResult.read("x"), apply(1, 2, new Get("a")));
        assertEquals(KvResult.done(), apply(1, 3, new Append("a", "y")));
        assertEquals(KvResult.read(null), apply(1, 4, new Get("b")));
        assertEquals(KvResult.cas(false), apply(1, 5, new Cas("a", "nope", "w")));
        assertEquals(KvResult.cas(true), apply(1, 6, new Cas("a", "xy", "w")));
        assertEquals(KvResult.cas(true), apply(1, 7, new Cas("c", null, "n")));
        assertEquals("w", machine.get("a"));
        assertNull(machine.runOperation(++index, KvOperation.NEW_TERM));
        assertEquals(7, machine.appliedCommandCount());
        assertEquals(8, machine.lastAppliedIndex());
        assertThrows(IllegalArgumentException.class, () -> machine.runOperation(++index, "not an operation"));
    }

    @Test
    void aRetriedCommandIsAppliedOnceAndGetsTheFirstAnswer() {
        KvResult first = (KvResult) apply(7, 1, new Append("log", "a"));
        Object retry = apply(7, 1, new Append("log", "a"));
        assertEquals(first, retry);
        assertEquals("a", machine.get("log"));
        apply(7, 2, new Append("log", "b"));
        assertNull(apply(7, 1, new Append("log", "a")), "an older command was answered already");
        assertEquals("ab", machine.get("log"));
        apply(8, 1, new Append("log", "c"));
        assertEquals("abc", machine.get("log"), "sessions are per client");
    }

    @Test
    void withTheMistakePlantedARetryIsAppliedAgain() {
        KvStateMachine forgetful = new KvStateMachine(2, false);
        forgetful.runOperation(1, new KvOperation(7, 1, new Append("log", "a")));
        forgetful.runOperation(2, new KvOperation(7, 1, new Append("log", "a")));
        assertEquals("aa", forgetful.get("log"));
    }

    @Test
    void theFingerprintCoversTheStoreAndTheSessions() {
        KvStateMachine other = new KvStateMachine(2);
        apply(1, 1, new Put("k", "v"));
        other.runOperation(1, new KvOperation(2, 1, new Put("k", "v")));
        assertNotEquals(machine.fingerprint(), other.fingerprint(), "same store, different sessions");
        other.runOperation(2, new KvOperation(1, 1, new Put("k", "v")));
        KvStateMachine third = new KvStateMachine(2);
        third.runOperation(1, new KvOperation(2, 1, new Put("k", "v")));
        third.runOperation(2, new KvOperation(1, 1, new Put("k", "v")));
        assertEquals(other.fingerprint(), third.fingerprint());
    }

    @Test
    void aSnapshotInChunksRestoresTheStoreAndTheSessions() {
        for (int i = 0; i < 5; i++) {
            apply(3, i + 1, new Put("k" + i, "v" + i));
        }
        List<Object> chunks = new ArrayList<>();
        machine.takeSnapshot(index, chunks::add);
        assertEquals(3, chunks.size(), "5 keys in chunks of 2");

        KvStateMachine copy = new KvStateMachine(2);
        copy.runOperation(1, new KvOperation(99, 1, new Put("stale", "gone")));
        copy.installSnapshot(index, chunks);
        assertEquals(machine.contents(), copy.contents());
        assertEquals(machine.fingerprint(), copy.fingerprint());
        assertEquals(index, copy.lastAppliedIndex());
        assertEquals(KvResult.done(), copy.runOperation(index + 1, new KvOperation(3, 5, new Put("k4", "again"))),
                "the session came with the snapshot: the retry is answered, not applied");
        assertEquals("v4", copy.get("k4"));

        List<Object> empty = new ArrayList<>();
        new KvStateMachine(2).takeSnapshot(0, empty::add);
        assertEquals(1, empty.size(), "an empty store is still one chunk");
    }
}
