package io.raftsim.harness.cluster;

import io.raftsim.sim.engine.RunResult;

/**
 * The judged result of a cluster run.
 *
 * @param property the failed property's name (a Figure 3 property, "Linearizability" or "Liveness"), or null
 * @param message  what exactly failed, or null
 */
public record ClusterOutcome(Verdict verdict, String property, String message, RunResult run, ClusterStats stats) {
    public boolean passed() {
        return verdict == Verdict.PASSED;
    }

    @Override
    public String toString() {
        return verdict + (property != null ? " [" + property + "] " + message : "") + " — " + run;
    }
}
