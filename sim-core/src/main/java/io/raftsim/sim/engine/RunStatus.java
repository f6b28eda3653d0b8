package io.raftsim.sim.engine;

/** How a run ended. */
public enum RunStatus {
    /** The requested virtual time was reached (or nothing was left to happen) with no violation. */
    COMPLETED,
    /** An observer reported a violation; the result names it. */
    VIOLATION,
    /** A bound was hit (steps, virtual time, queued events); the result names which. */
    LIMIT_REACHED
}
