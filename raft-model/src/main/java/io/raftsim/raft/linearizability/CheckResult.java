package io.raftsim.raft.linearizability;

import java.util.List;

/**
 * The verdict of a linearizability check. On failure, {@code key} is the key whose history
 * has no linearization and {@code counterexample} a small sub-history that still has none.
 */
public record CheckResult(Status status, String key, long searchSteps, List<Operation> counterexample) {
    public enum Status { LINEARIZABLE, NOT_LINEARIZABLE, UNKNOWN_STEP_BOUND }

    public CheckResult {
        counterexample = List.copyOf(counterexample);
    }

    public boolean linearizable() {
        return status == Status.LINEARIZABLE;
    }

    /** One operation per line, e.g. {@code c2 [120..480] get(k1) -> v3}. */
    public String describe() {
        StringBuilder text = new StringBuilder(status.toString());
        if (key != null) {
            text.append(" on key ").append(key);
        }
        text.append(" after ").append(searchSteps).append(" search steps");
        for (Operation operation : counterexample) {
            text.append("\n  ").append(operation.describe());
        }
        return text.toString();
    }
}
