package io.raftsim.harness.linearizability;

import java.util.List;

/**
 * The verdict of a linearizability check over every key of a history. A violation on any
 * key wins: then {@code key} is the first key (in key order) whose history has no
 * linearization and {@code counterexample} a small sub-history of it that still has none.
 * Otherwise, a key whose search used its whole budget leaves the history
 * {@link Status#UNDECIDED}: never passed, and {@code undecidedKeys} says which keys and what
 * they cost. Undecided keys are listed whatever the status, so a violation does not hide them.
 *
 * @param searchSteps        steps spent over all keys (not counting the counterexample's shrinking)
 * @param maxStepsPerKey     the budget each key had
 * @param mostStepsForOneKey the most steps any one key took: how close the history came to the budget
 */
public record CheckResult(Status status, String key, long searchSteps, long maxStepsPerKey, long mostStepsForOneKey,
                          List<Operation> counterexample, List<UndecidedKey> undecidedKeys) {
    public enum Status {
        LINEARIZABLE,
        NOT_LINEARIZABLE,
        /** Some key could be neither linearized nor refuted within its step budget, and no key failed. */
        UNDECIDED
    }

    /** A key whose search ran out of steps: {@code operations} in its history, {@code searchSteps} spent on it. */
    public record UndecidedKey(String key, int operations, long searchSteps) {
        public String describe() {
            return "key " + key + " (" + operations + " operations, " + searchSteps + " search steps)";
        }
    }

    public CheckResult {
        counterexample = List.copyOf(counterexample);
        undecidedKeys = List.copyOf(undecidedKeys);
        if (status == Status.UNDECIDED && undecidedKeys.isEmpty()) {
            throw new IllegalArgumentException("an undecided check names the keys it could not decide");
        }
        if (status == Status.LINEARIZABLE && !undecidedKeys.isEmpty()) {
            throw new IllegalArgumentException("a history with undecided keys is not linearizable: " + undecidedKeys);
        }
    }

    public boolean linearizable() {
        return status == Status.LINEARIZABLE;
    }

    /**
     * One line for the verdict, then one operation per line for a counterexample, e.g.
     * {@code c2 [120..480] get(k1) -> v3}.
     */
    public String describe() {
        StringBuilder text = new StringBuilder(status.toString());
        if (status == Status.NOT_LINEARIZABLE) {
            text.append(" on key ").append(key);
        }
        text.append(" after ").append(searchSteps).append(" search steps");
        if (!undecidedKeys.isEmpty()) {
            text.append(status == Status.UNDECIDED ? ": " : "; also undecided: ");
            text.append(String.join(", ", undecidedKeys.stream().map(UndecidedKey::describe).toList()))
                    .append(" not decided within ").append(maxStepsPerKey).append(" steps per key");
        }
        for (Operation operation : counterexample) {
            text.append("\n  ").append(operation.describe());
        }
        return text.toString();
    }
}
