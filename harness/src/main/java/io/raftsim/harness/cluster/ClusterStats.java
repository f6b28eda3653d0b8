package io.raftsim.harness.cluster;

/** Counts that describe a run for summaries and sweeps. */
public record ClusterStats(long elections, long highestTerm, long committedIndex, int operationsInvoked,
                           int operationsCompleted, int operationsUnknown) {
}
