package io.raftsim.scenarios.run;

/**
 * What the run did, beyond the cluster's own counts: elections, the terms that saw a split
 * vote, the moments two leaders coexisted, and the entries rolled back.
 *
 * @param firstLeaderMicros virtual time of the first election, or -1 when none happened
 */
public record RunStats(long elections, long highestTerm, int distinctLeaders, int splitVoteTerms,
                       long splitBrainMoments, long rolledBackEntries, long firstLeaderMicros, long faultsApplied) {
}
