package io.raftsim.harness.linearizability;

import io.raftsim.harness.kv.Get;
import io.raftsim.harness.kv.KvResult;
import io.raftsim.harness.kv.Put;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real-time order as linearizability defines it (Herlihy and Wing): an operation precedes
 * another only if it returned strictly before the other was invoked. Times in microseconds.
 */
@DisplayName("Linearizability: real-time order and the counterexample's order")
class LinearizabilityOrderTest {
    private static final long STEPS = 100_000;

    @Test
    @DisplayName("An operation invoked at the instant another returns is concurrent with it, so either order is allowed")
    void invocationAtTheInstantOfAReturnIsConcurrent() {
        List<Operation> history = List.of(
                new Operation(0, 1, new Put("x", "1"), 0, 10, KvResult.done()),
                new Operation(1, 2, new Get("x"), 10, 20, KvResult.read(null)));
        assertEquals(CheckResult.Status.LINEARIZABLE, LinearizabilityChecker.check(history, STEPS).status());
    }

    @Test
    @DisplayName("An operation invoked after another returned must see its effect")
    void invocationAfterAReturnFollowsIt() {
        List<Operation> history = List.of(
                new Operation(0, 1, new Put("x", "1"), 0, 10, KvResult.done()),
                new Operation(1, 2, new Get("x"), 11, 20, KvResult.read(null)));
        assertEquals(CheckResult.Status.NOT_LINEARIZABLE, LinearizabilityChecker.check(history, STEPS).status());
    }

    @Test
    @DisplayName("A counterexample is listed in order of invocation, whatever the order it was recorded in")
    void counterexampleIsInOrderOfInvocation() {
        Operation read = new Operation(0, 2, new Get("x"), 30, 40, KvResult.read(null));
        Operation write = new Operation(1, 1, new Put("x", "1"), 0, 10, KvResult.done());
        CheckResult result = LinearizabilityChecker.check(List.of(read, write), STEPS);
        assertEquals(CheckResult.Status.NOT_LINEARIZABLE, result.status());
        assertEquals("x", result.key());
        assertEquals(List.of(write, read), result.counterexample());
    }
}
