package io.raftsim.harness.linearizability;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Known linearizable and known non-linearizable histories (times in microseconds). */
class LinearizabilityCheckerTest {
    private final List<Operation> history = new ArrayList<>();

    private void op(int client, KvCommand command, long invoke, long complete, KvResult result) {
        history.add(new Operation(history.size(), client, command, invoke, complete, result));
    }

    private void unknown(int client, KvCommand command, long invoke) {
        history.add(new Operation(history.size(), client, command, invoke, Operation.NEVER, null));
    }

    private CheckResult check() {
        return LinearizabilityChecker.check(history, 1_000_000);
    }

    @Test
    void sequentialHistoryIsLinearizable() {
        op(1, new Put("x", "1"), 0, 10, KvResult.done());
        op(1, new Get("x"), 20, 30, KvResult.read("1"));
        op(2, new Append("x", "2"), 40, 50, KvResult.done());
        op(2, new Get("x"), 60, 70, KvResult.read("12"));
        op(1, new Cas("x", "12", "3"), 80, 90, KvResult.cas(true));
        op(1, new Cas("x", "12", "4"), 100, 110, KvResult.cas(false));
        op(2, new Get("x"), 120, 130, KvResult.read("3"));
        assertTrue(check().linearizable(), check().describe());
    }

    @Test
    void concurrentWritesMayBeReadInEitherOrder() {
        op(1, new Put("x", "a"), 0, 100, KvResult.done());
        op(2, new Put("x", "b"), 10, 90, KvResult.done());
        op(3, new Get("x"), 95, 120, KvResult.read("a"));
        assertTrue(check().linearizable());
        history.set(2, new Operation(2, 3, new Get("x"), 95, 120, KvResult.read("b")));
        assertTrue(check().linearizable());
    }

    @Test
    void staleReadAfterACompletedWriteIsNotLinearizable() {
        op(1, new Put("x", "1"), 0, 10, KvResult.done());
        op(2, new Put("y", "9"), 0, 10, KvResult.done());
        op(1, new Put("x", "2"), 20, 30, KvResult.done());
        op(2, new Get("x"), 40, 50, KvResult.read("1")); // invoked after put(x,2) returned
        op(2, new Get("y"), 60, 70, KvResult.read("9"));
        CheckResult result = check();
        assertEquals(CheckResult.Status.NOT_LINEARIZABLE, result.status());
        assertEquals("x", result.key());
        assertEquals(List.of("put(x,1)", "put(x,2)", "get(x)"),
                result.counterexample().stream().map(o -> o.command().describe()).toList(),
                "the stale read shrinks to the write it saw, the write it missed, and the read: " + result.describe());
        assertEquals(CheckResult.Status.NOT_LINEARIZABLE, LinearizabilityChecker.check(result.counterexample(), 1_000_000).status(),
                "the counterexample itself must fail");
        assertTrue(result.describe().contains("get(x) -> 1"), result.describe());
    }

    @Test
    void lostWriteIsNotLinearizable() {
        op(1, new Put("x", "1"), 0, 10, KvResult.done());
        op(2, new Get("x"), 20, 30, KvResult.read(null));
        assertEquals(CheckResult.Status.NOT_LINEARIZABLE, check().status());
    }

    @Test
    void twoCasSuccessesFromTheSameExpectedValueAreNotLinearizable() {
        op(1, new Put("x", "0"), 0, 10, KvResult.done());
        op(1, new Cas("x", "0", "a"), 20, 40, KvResult.cas(true));
        op(2, new Cas("x", "0", "b"), 20, 40, KvResult.cas(true));
        assertEquals(CheckResult.Status.NOT_LINEARIZABLE, check().status());
    }

    @Test
    void readOfAValueNeverWrittenIsNotLinearizable() {
        op(1, new Put("x", "1"), 0, 10, KvResult.done());
        op(2, new Get("x"), 5, 30, KvResult.read("7"));
        assertEquals(CheckResult.Status.NOT_LINEARIZABLE, check().status());
    }

    @Test
    void timedOutWriteMayTakeEffectLaterOrNever() {
        unknown(1, new Put("x", "1"), 0);
        op(2, new Get("x"), 100, 110, KvResult.read(null));
        op(2, new Get("x"), 200, 210, KvResult.read("1"));
        assertTrue(check().linearizable(), "it took effect between the two reads");
        history.clear();
        unknown(1, new Put("x", "1"), 0);
        op(2, new Get("x"), 100, 110, KvResult.read(null));
        assertTrue(check().linearizable(), "it never took effect");
    }

    @Test
    void timedOutWriteCannotTakeEffectBeforeItWasInvoked() {
        op(2, new Get("x"), 0, 10, KvResult.read("1"));
        unknown(1, new Put("x", "1"), 50);
        assertEquals(CheckResult.Status.NOT_LINEARIZABLE, check().status());
    }

    @Test
    void equalTimesAreConcurrentNotOrdered() {
        op(1, new Put("x", "1"), 0, 10, KvResult.done());
        op(2, new Get("x"), 10, 20, KvResult.read(null)); // invoked at the instant the put returned: concurrent
        assertTrue(check().linearizable());
    }

    @Test
    void stepBoundEndsTheSearchUndecidedNeverPassed() {
        for (int i = 0; i < 30; i++) {
            op(i, new Put("x", "v" + i), 0, 1_000, KvResult.done());
        }
        op(99, new Get("x"), 2_000, 2_010, KvResult.read("nobody wrote this"));
        CheckResult result = LinearizabilityChecker.check(history, 50);
        assertEquals(CheckResult.Status.UNDECIDED, result.status());
        assertFalse(result.linearizable());
        assertEquals(List.of(new CheckResult.UndecidedKey("x", 31, 50)), result.undecidedKeys());
        assertEquals(50, result.searchSteps(), "the bound is exact");
        assertEquals(50, result.mostStepsForOneKey());
    }

    /**
     * Twelve concurrent puts to "a" and then a read of the value the search tries first: the
     * history is linearizable (v0 last), but the depth-first search only finds that after
     * thousands of steps.
     */
    private void twelveConcurrentPutsThenAReadOfTheFirst(String key) {
        for (int i = 0; i < 12; i++) {
            op(i, new Put(key, "v" + i), 0, 1_000, KvResult.done());
        }
        op(20, new Get(key), 2_000, 2_010, KvResult.read("v0"));
    }

    @Test
    void aKeyTooHardToDecideDoesNotHideAViolationOnAnotherKey() {
        twelveConcurrentPutsThenAReadOfTheFirst("a");
        op(30, new Get("b"), 0, 10, KvResult.read("nobody wrote this"));
        CheckResult result = LinearizabilityChecker.check(history, 1_000);
        assertEquals(CheckResult.Status.NOT_LINEARIZABLE, result.status(), result.describe());
        assertEquals("b", result.key(), result.describe());
        assertEquals(List.of(new CheckResult.UndecidedKey("a", 13, 1_000)), result.undecidedKeys(), result.describe());
        assertTrue(result.describe().contains("also undecided: key a (13 operations, 1000 search steps)"), result.describe());
    }

    @Test
    void withEnoughStepsTheHardKeyIsLinearizable() {
        twelveConcurrentPutsThenAReadOfTheFirst("a");
        CheckResult result = LinearizabilityChecker.check(history, 1_000_000);
        assertTrue(result.linearizable(), result.describe());
        assertTrue(result.mostStepsForOneKey() > 1_000, "the example must really need more than the small budget: " + result.describe());
    }

    @Test
    void aKeyTooHardToDecideLeavesTheHistoryUndecided() {
        twelveConcurrentPutsThenAReadOfTheFirst("a");
        op(30, new Put("b", "1"), 0, 10, KvResult.done());
        op(31, new Get("b"), 20, 30, KvResult.read("1"));
        CheckResult result = LinearizabilityChecker.check(history, 1_000);
        assertEquals(CheckResult.Status.UNDECIDED, result.status(), result.describe());
        assertEquals(List.of("a"), result.undecidedKeys().stream().map(CheckResult.UndecidedKey::key).toList());
        assertTrue(result.describe().startsWith("UNDECIDED"), result.describe());
    }

    @Test
    void everyKeyHasItsOwnBudget() {
        twelveConcurrentPutsThenAReadOfTheFirst("a");
        twelveConcurrentPutsThenAReadOfTheFirst("c");
        long oneKeyNeeds = LinearizabilityChecker.check(history.subList(0, 13), 1_000_000).searchSteps();
        CheckResult result = LinearizabilityChecker.check(history, oneKeyNeeds);
        assertTrue(result.linearizable(), "the first key must not spend the second key's steps: " + result.describe());
        assertEquals(2 * oneKeyNeeds, result.searchSteps());
    }

    @Test
    void longSingleKeyHistoryDoesNotOverflowTheStack() {
        for (int i = 0; i < 10_000; i++) {
            op(1, new Put("x", "v" + i), i * 10L, i * 10L + 5, KvResult.done());
        }
        assertTrue(LinearizabilityChecker.check(history, 10_000_000).linearizable());
    }
}
