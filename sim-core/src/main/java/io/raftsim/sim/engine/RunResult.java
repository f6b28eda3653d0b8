package io.raftsim.sim.engine;

import io.raftsim.sim.trace.TraceDigest;

/**
 * The outcome of a run: enough to tell what happened and to reproduce it.
 *
 * @param limit which bound ended the run when {@code status} is LIMIT_REACHED, else null
 * @param violation the violation when {@code status} is VIOLATION, else null
 */
public record RunResult(RunStatus status, long steps, long virtualTimeMicros, long seed, long digest,
                        Violation violation, String limit) {
    public String digestHex() {
        return TraceDigest.hex(digest);
    }

    @Override
    public String toString() {
        String why = status == RunStatus.VIOLATION ? " " + violation
                : status == RunStatus.LIMIT_REACHED ? " (" + limit + ")" : "";
        return status + why + ", seed " + seed + ", " + steps + " steps, " + Time.format(virtualTimeMicros)
                + ", digest " + digestHex();
    }
}
