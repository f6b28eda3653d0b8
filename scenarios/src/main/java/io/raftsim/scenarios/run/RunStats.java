package io.raftsim.scenarios.run;

import io.raftsim.harness.check.EfficiencyStats;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the run did, beyond the cluster's own counts: elections, the terms that saw a split
 * vote, the moments two leaders coexisted, and the entries rolled back.
 *
 * @param firstLeaderMicros virtual time of the first election, or -1 when none happened
 * @param leaderOfTerm the server elected in each term that had a leader
 * @param efficiency what the efficiency checks measured: leader changes and messages per entry in quiet windows
 */
public record RunStats(long elections, long highestTerm, int distinctLeaders, int splitVoteTerms,
                       long splitBrainMoments, long rolledBackEntries, long firstLeaderMicros, long faultsApplied,
                       SortedMap<Long, Integer> leaderOfTerm, EfficiencyStats efficiency) {
    public RunStats {
        leaderOfTerm = Collections.unmodifiableSortedMap(new TreeMap<>(leaderOfTerm));
    }
}
