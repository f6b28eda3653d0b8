package io.raftsim.scenarios.run;

import io.raftsim.harness.cluster.Verdict;

/**
 * How a scenario run ends, most severe first. Each class has its own exit code in the
 * command line, so a script can tell a broken Raft from a scenario that missed its point.
 */
public enum Outcome {
    PASSED(0),
    /** A safety property of Figure 3 (or term/vote/commit monotonicity) failed. */
    SAFETY_VIOLATION(1),
    /** The client history has no linearization. */
    NOT_LINEARIZABLE(1),
    /** After healing, no leader or no progress within the bound. */
    LIVENESS_FAILURE(3),
    /**
     * A mid-run {@code check} (or a step's {@code when}) missed its deadline or broke in its
     * window: the run ended at once, naming the step, the virtual time and the condition.
     */
    CHECK_FAILED(7),
    /** Every check held, but an {@code expect} condition was not reached. */
    EXPECTATION_NOT_MET(4),
    /** A run bound (steps, virtual time, queued events) was hit before the run could be judged. */
    LIMIT_REACHED(5),
    /**
     * Every check held as far as it could be decided, but the linearizability search ran out
     * of steps on some key: no verdict, so never passed, and not a failure of Raft either.
     */
    UNDECIDED(6);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** True for every outcome but {@link #PASSED}: a failure or an undecided run. */
    public boolean failed() {
        return this != PASSED;
    }

    static Outcome of(Verdict verdict) {
        return switch (verdict) {
            case PASSED -> PASSED;
            case SAFETY_VIOLATION -> SAFETY_VIOLATION;
            case NOT_LINEARIZABLE -> NOT_LINEARIZABLE;
            case LIVENESS_FAILURE -> LIVENESS_FAILURE;
            case LIMIT_REACHED -> LIMIT_REACHED;
            case UNDECIDED -> UNDECIDED;
        };
    }
}
