package io.raftsim.harness.cluster;

/** How a cluster run is classified; each class has its own exit code in the command line. */
public enum Verdict {
    PASSED,
    /** A safety property of Figure 3 (or term/vote/commit monotonicity) failed. */
    SAFETY_VIOLATION,
    /** The client history has no linearization. */
    NOT_LINEARIZABLE,
    /** After healing, no leader or no progress within the bound. */
    LIVENESS_FAILURE,
    /** A run bound (steps, virtual time, queue) was hit before the run could be judged. */
    LIMIT_REACHED,
    /**
     * The linearizability search ran out of steps on some key and no key failed: neither
     * passed nor failed, so never counted as passed.
     */
    UNDECIDED
}
