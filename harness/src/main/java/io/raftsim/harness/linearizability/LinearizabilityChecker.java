package io.raftsim.harness.linearizability;

import io.raftsim.harness.kv.Get;
import io.raftsim.harness.kv.KvStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks a key-value history for linearizability: Wing and Gong's search ("Testing and
 * verifying concurrent objects", 1993) with Lowe's memoisation of (linearized set, state)
 * ("Testing for linearizability", 2017), as Knossos and Porcupine do. Every command touches
 * one key, so each key is checked on its own (P-compositionality: Herlihy and Wing's
 * locality, 1990). The search runs on an explicit stack and counts its steps against a
 * bound per key, so it always ends, and a key that needs more is reported as undecided.
 *
 * <p>An operation of unknown outcome (the client timed out) may take effect at any point
 * after its invocation, or never: it has no return event, accepts any result, and need not
 * be linearized for the history to pass.
 */
public final class LinearizabilityChecker {
    private LinearizabilityChecker() {
    }

    /**
     * Checks every key, each with its own budget of {@code maxStepsPerKey} search steps: a key
     * too hard to decide neither stops the others nor spends their budget, so it cannot hide a
     * violation elsewhere. A violation on any key decides the history; otherwise one undecided
     * key leaves it undecided, never passed.
     */
    public static CheckResult check(List<Operation> operations, long maxStepsPerKey) {
        if (maxStepsPerKey < 1) {
            throw new IllegalArgumentException("maxStepsPerKey must be >= 1: " + maxStepsPerKey);
        }
        TreeMap<String, List<Operation>> byKey = new TreeMap<>();
        for (Operation operation : operations) {
            byKey.computeIfAbsent(operation.command().key(), unused -> new ArrayList<>()).add(operation);
        }
        long stepsUsed = 0;
        long mostForOneKey = 0;
        String failedKey = null;
        List<CheckResult.UndecidedKey> undecided = new ArrayList<>();
        for (var entry : byKey.entrySet()) {
            Search search = new Search(entry.getValue(), maxStepsPerKey);
            Search.Outcome outcome = search.run();
            stepsUsed += search.steps;
            mostForOneKey = Math.max(mostForOneKey, search.steps);
            if (outcome == Search.Outcome.UNKNOWN) {
                undecided.add(new CheckResult.UndecidedKey(entry.getKey(), entry.getValue().size(), search.steps));
            } else if (outcome == Search.Outcome.NOT_LINEARIZABLE && failedKey == null) {
                failedKey = entry.getKey();
            }
        }
        if (failedKey != null) {
            List<Operation> small = shrink(byKey.get(failedKey), maxStepsPerKey);
            return new CheckResult(CheckResult.Status.NOT_LINEARIZABLE, failedKey, stepsUsed, maxStepsPerKey, mostForOneKey, small, undecided);
        }
        CheckResult.Status status = undecided.isEmpty() ? CheckResult.Status.LINEARIZABLE : CheckResult.Status.UNDECIDED;
        return new CheckResult(status, null, stepsUsed, maxStepsPerKey, mostForOneKey, List.of(), undecided);
    }

    /**
     * Greedily drops operations while the rest still has no linearization, within the step
     * budget. A write whose value a remaining read returned is kept: dropping it would turn a
     * stale read into a "read of a value never written", which fails too but explains less.
     */
    private static List<Operation> shrink(List<Operation> failing, long budget) {
        List<Operation> current = new ArrayList<>(failing);
        long spent = 0;
        for (int i = current.size() - 1; i >= 0 && spent < budget; i--) {
            if (explainsARead(current.get(i), current)) {
                continue;
            }
            List<Operation> without = new ArrayList<>(current);
            without.remove(i);
            Search search = new Search(without, budget - spent);
            Search.Outcome outcome = search.run();
            spent += search.steps;
            if (outcome == Search.Outcome.NOT_LINEARIZABLE) {
                current = without;
            }
        }
        current.sort(Comparator.comparingLong(Operation::invokeMicros).thenComparingInt(Operation::id));
        return current;
    }

    private static boolean explainsARead(Operation write, List<Operation> history) {
        String written = KvStore.valueAfter(write.command(), "");
        if (write.command() instanceof Get || written == null || written.isEmpty()) {
            return false;
        }
        for (Operation other : history) {
            if (other.command() instanceof Get && other.result() != null
                    && other.result().value() != null && other.result().value().contains(written)) {
                return true;
            }
        }
        return false;
    }

    /** The search over one key's history. */
    private static final class Search {
        enum Outcome { LINEARIZABLE, NOT_LINEARIZABLE, UNKNOWN }

        /** A call or return event in a doubly linked list ordered by time (calls first at equal times). */
        private static final class Node {
            final int op;
            final boolean call;
            final long timeMicros;
            Node match;
            Node prev;
            Node next;

            Node(int op, boolean call, long timeMicros) {
                this.op = op;
                this.call = call;
                this.timeMicros = timeMicros;
            }
        }

        private record Frame(Node call, String stateBefore) {
        }

        private record Memo(long[] linearized, String state) {
        }

        private static final Comparator<Memo> MEMO_ORDER = (a, b) -> {
            int byBits = Arrays.compare(a.linearized, b.linearized);
            return byBits != 0 ? byBits : Comparator.<String>nullsFirst(Comparator.naturalOrder()).compare(a.state, b.state);
        };

        private final List<Operation> operations;
        private final long maxSteps;
        private final Node head = new Node(-1, false, Long.MIN_VALUE);
        long steps;

        Search(List<Operation> operations, long maxSteps) {
            this.operations = operations;
            this.maxSteps = maxSteps;
        }

        Outcome run() {
            int knownRemaining = buildList();
            BitSet linearized = new BitSet(operations.size());
            TreeSet<Memo> seen = new TreeSet<>(MEMO_ORDER);
            List<Frame> stack = new ArrayList<>();
            String state = null;
            Node entry = head.next;
            while (knownRemaining > 0) {
                if (steps == maxSteps) {
                    return Outcome.UNKNOWN;
                }
                steps++;
                if (entry != null && entry.call) {
                    Operation operation = operations.get(entry.op);
                    boolean fits = operation.outcomeUnknown()
                            || Objects.equals(KvStore.resultAt(operation.command(), state), operation.result());
                    String after = KvStore.valueAfter(operation.command(), state);
                    if (fits) {
                        linearized.set(entry.op);
                        if (seen.add(new Memo(linearized.toLongArray(), after))) {
                            stack.add(new Frame(entry, state));
                            state = after;
                            lift(entry);
                            if (!operation.outcomeUnknown()) {
                                knownRemaining--;
                            }
                            entry = head.next;
                            continue;
                        }
                        linearized.clear(entry.op);
                    }
                    entry = entry.next;
                } else {
                    // A return whose call is not linearized (or the end of the list): back up.
                    if (stack.isEmpty()) {
                        return Outcome.NOT_LINEARIZABLE;
                    }
                    Frame frame = stack.remove(stack.size() - 1);
                    state = frame.stateBefore();
                    linearized.clear(frame.call().op);
                    if (!operations.get(frame.call().op).outcomeUnknown()) {
                        knownRemaining++;
                    }
                    unlift(frame.call());
                    entry = frame.call().next;
                }
            }
            return Outcome.LINEARIZABLE;
        }

        /** Builds the event list; returns how many operations have a known outcome. */
        private int buildList() {
            List<Node> events = new ArrayList<>();
            int known = 0;
            for (int i = 0; i < operations.size(); i++) {
                Operation operation = operations.get(i);
                Node call = new Node(i, true, operation.invokeMicros());
                events.add(call);
                if (!operation.outcomeUnknown()) {
                    Node ret = new Node(i, false, operation.completeMicros());
                    call.match = ret;
                    ret.match = call;
                    events.add(ret);
                    known++;
                }
            }
            // A precedes B only if A returned strictly before B was invoked: at equal times, calls first.
            events.sort(Comparator.comparingLong((Node n) -> n.timeMicros).thenComparing(n -> n.call ? 0 : 1).thenComparingInt(n -> n.op));
            Node last = head;
            for (Node event : events) {
                last.next = event;
                event.prev = last;
                last = event;
            }
            return known;
        }

        /** Removes a call and its return from the list (the operation is linearized). */
        private static void lift(Node call) {
            call.prev.next = call.next;
            if (call.next != null) {
                call.next.prev = call.prev;
            }
            Node ret = call.match;
            if (ret != null) {
                ret.prev.next = ret.next;
                if (ret.next != null) {
                    ret.next.prev = ret.prev;
                }
            }
        }

        /** Puts a lifted call and its return back, in reverse order of removal. */
        private static void unlift(Node call) {
            Node ret = call.match;
            if (ret != null) {
                ret.prev.next = ret;
                if (ret.next != null) {
                    ret.next.prev = ret;
                }
            }
            call.prev.next = call;
            if (call.next != null) {
                call.next.prev = call;
            }
        }
    }
}
