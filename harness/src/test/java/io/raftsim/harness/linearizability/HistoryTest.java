package io.raftsim.harness.linearizability;

import io.raftsim.harness.kv.Get;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.kv.Put;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client history the linearizability checker reads: bounded, each operation answered at most once. */
@DisplayName("History: what clients did, bounded")
class HistoryTest {
    @Test
    @DisplayName("Operations are numbered in order of invocation and answered in place")
    void recordsInvocationsAndAnswers() {
        History history = new History(3);
        assertEquals(0, history.invoke(1, new Put("x", "1"), 100));
        assertEquals(1, history.invoke(2, new Get("x"), 150));
        history.complete(1, KvResult.read("1"), 300);
        assertEquals(2, history.size());
        assertEquals(List.of(
                new Operation(0, 1, new Put("x", "1"), 100, Operation.NEVER, null),
                new Operation(1, 2, new Get("x"), 150, 300, KvResult.read("1"))), history.operations());
        assertTrue(history.operations().get(0).outcomeUnknown());
        assertFalse(history.operations().get(1).outcomeUnknown());
        assertThrows(UnsupportedOperationException.class, () -> history.operations().clear());
    }

    @Test
    @DisplayName("An operation answered twice is a client bug")
    void answeringTwiceIsRefused() {
        History history = new History(3);
        int id = history.invoke(1, new Put("x", "1"), 100);
        history.complete(id, KvResult.done(), 200);
        assertThrows(IllegalStateException.class, () -> history.complete(id, KvResult.done(), 300));
    }

    @Test
    @DisplayName("Full at its bound: clients must stop starting operations, and one more is refused")
    void boundedAtItsSize() {
        History history = new History(2);
        assertTrue(history.recording());
        history.invoke(1, new Put("x", "1"), 100);
        assertFalse(history.isFull());
        history.invoke(1, new Put("x", "2"), 200);
        assertTrue(history.isFull());
        assertThrows(IllegalStateException.class, () -> history.invoke(1, new Put("x", "3"), 300));
        assertEquals(2, history.size());
    }

    @Test
    @DisplayName("A bound of 0 records nothing, and answers to the unrecorded id are ignored")
    void boundOfZeroRecordsNothing() {
        History history = new History(0);
        assertFalse(history.recording());
        assertEquals(-1, history.invoke(1, new Put("x", "1"), 100));
        history.complete(-1, KvResult.done(), 200);
        assertEquals(0, history.size());
        assertThrows(IllegalArgumentException.class, () -> new History(-1));
    }

    @Test
    @DisplayName("A counterexample reads one operation per line, unknown outcomes as ?")
    void describesOperationsAndResults() {
        Operation answered = new Operation(0, 2, new Get("k1"), 120, 480, KvResult.read("v3"));
        Operation unanswered = new Operation(1, 1, new Put("k1", "v4"), 130, Operation.NEVER, null);
        assertEquals("c2 [120..480] get(k1) -> v3", answered.describe());
        assertEquals("c1 [130..?] put(k1,v4) -> ?", unanswered.describe());
        CheckResult failed = new CheckResult(CheckResult.Status.NOT_LINEARIZABLE, "k1", 17, 1_000, 17, List.of(answered, unanswered), List.of());
        assertEquals("NOT_LINEARIZABLE on key k1 after 17 search steps\n  c2 [120..480] get(k1) -> v3\n  c1 [130..?] put(k1,v4) -> ?",
                failed.describe());
        assertFalse(failed.linearizable());
        CheckResult passed = new CheckResult(CheckResult.Status.LINEARIZABLE, null, 5, 1_000, 5, List.of(), List.of());
        assertEquals("LINEARIZABLE after 5 search steps", passed.describe());
        assertTrue(passed.linearizable());
    }
}
