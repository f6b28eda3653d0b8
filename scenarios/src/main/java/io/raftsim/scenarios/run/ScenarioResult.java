package io.raftsim.scenarios.run;

import io.raftsim.harness.cluster.ClusterOutcome;
import io.raftsim.harness.cluster.ClusterStats;
import io.raftsim.scenarios.format.Expectation;
import io.raftsim.scenarios.format.Scenario;
import io.raftsim.sim.engine.RunResult;

import java.util.List;

/**
 * The judged run of a scenario: the cluster's verdict, the {@code expect} conditions, and
 * the counts a summary shows.
 *
 * @param property the failed property ("Election Safety", "Linearizability", "Liveness",
 *                 "Expectation", "Limit"), or null when the run passed
 */
public record ScenarioResult(Scenario scenario, long seed, Outcome outcome, String property, String message,
                             ClusterOutcome cluster, List<ExpectationResult> expectations, RunStats stats, FailedCheck failedCheck) {

    /** A result with no mid-run check missed. */
    public ScenarioResult(Scenario scenario, long seed, Outcome outcome, String property, String message,
                          ClusterOutcome cluster, List<ExpectationResult> expectations, RunStats stats) {
        this(scenario, seed, outcome, property, message, cluster, expectations, stats, null);
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    public RunResult run() {
        return cluster.run();
    }

    public ClusterStats clusterStats() {
        return cluster.stats();
    }

    /**
     * Same class and property, for an unmet condition the same condition, and for a missed
     * mid-run check the same check condition (servers named as written, so {@code $old} stays
     * {@code $old}): what a shrunk scenario must keep failing with. Missing another check
     * would be another failure.
     */
    public boolean failsLike(ScenarioResult other) {
        return outcome == other.outcome && java.util.Objects.equals(property, other.property)
                && (outcome != Outcome.EXPECTATION_NOT_MET || java.util.Objects.equals(firstUnmet(), other.firstUnmet()))
                && (outcome != Outcome.CHECK_FAILED || failedCheck != null && other.failedCheck != null
                        && failedCheck.condition().equals(other.failedCheck.condition()));
    }

    /** The first {@code expect} condition not reached, or null. */
    public Expectation firstUnmet() {
        for (ExpectationResult result : expectations) {
            if (!result.reached()) {
                return result.expectation();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return outcome + (property != null ? " [" + property + "] " + message : "") + " — " + run();
    }
}
