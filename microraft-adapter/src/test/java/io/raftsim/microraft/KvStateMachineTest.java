package io.raftsim.microraft;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KvStateMachineTest {
    private final KvStateMachine machine = new KvStateMachine(2);
    private long index;

    private Object apply(KvCommand command) {
        return machine.runOperation(++index, command);
    }

    @Test
    void putGetAppendAndCompareAndSet() {
        assertEquals(new KvResult(true, null), apply(KvCommand.put(1, 1, "a", "x")));
        assertEquals(new KvResult(true, "x"), apply(KvCommand.get(1, 2, "a")));
        assertEquals(new KvResult(true, "xy"), apply(KvCommand.append(1, 3, "a", "y")));
        assertEquals(new KvResult(true, "z"), apply(KvCommand.append(1, 4, "b", "z")));
        assertEquals(new KvResult(false, "xy"), apply(KvCommand.cas(1, 5, "a", "nope", "w")));
        assertEquals(new KvResult(true, "w"), apply(KvCommand.cas(1, 6, "a", "xy", "w")));
        assertEquals(new KvResult(true, "n"), apply(KvCommand.cas(1, 7, "c", null, "n")));
        assertEquals("w", machine.get("a"));
        assertNull(apply(KvCommand.newTerm()));
        assertEquals(7, machine.appliedCommandCount());
        assertEquals(8, machine.lastAppliedIndex());
        assertThrows(IllegalArgumentException.class, () -> apply(null));
    }

    @Test
    void aRetriedCommandIsAppliedOnceAndGetsTheFirstAnswer() {
        KvResult first = (KvResult) apply(KvCommand.append(7, 1, "log", "a"));
        Object retry = apply(KvCommand.append(7, 1, "log", "a"));
        assertEquals(first, retry);
        assertEquals("a", machine.get("log"));
        apply(KvCommand.append(7, 2, "log", "b"));
        assertNull(apply(KvCommand.append(7, 1, "log", "a")), "an older command was answered already");
        assertEquals("ab", machine.get("log"));
        apply(KvCommand.append(8, 1, "log", "c"));
        assertEquals("abc", machine.get("log"), "sessions are per client");
    }

    @Test
    void aSnapshotInChunksRestoresTheStoreAndTheSessions() {
        for (int i = 0; i < 5; i++) {
            apply(KvCommand.put(3, i + 1, "k" + i, "v" + i));
        }
        List<Object> chunks = new ArrayList<>();
        machine.takeSnapshot(index, chunks::add);
        assertEquals(3, chunks.size(), "5 keys in chunks of 2");

        KvStateMachine copy = new KvStateMachine(2);
        copy.runOperation(1, KvCommand.put(99, 1, "stale", "gone"));
        copy.installSnapshot(index, chunks);
        assertEquals(machine.contents(), copy.contents());
        assertEquals(index, copy.lastAppliedIndex());
        assertEquals(new KvResult(true, null), copy.runOperation(index + 1, KvCommand.put(3, 5, "k4", "again")),
                "the session came with the snapshot: the retry is answered, not applied");
        assertEquals("v4", copy.get("k4"));

        List<Object> empty = new ArrayList<>();
        new KvStateMachine(2).takeSnapshot(0, empty::add);
        assertEquals(1, empty.size(), "an empty store is still one chunk");
    }
}
