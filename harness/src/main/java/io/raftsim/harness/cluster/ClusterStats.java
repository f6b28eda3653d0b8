package io.raftsim.harness.cluster;

/**
 * Counts that describe a run for summaries and sweeps.
 *
 * @param learnedCommittedHashes committed entries the checks never saw on the server that committed them first (it
 *                               compacted them in the same step: a sole voter), whose hashes they learned from a later server
 * @param unknownCommittedHashes such entries no server showed by the end: compared by state fingerprint only
 */
public record ClusterStats(long elections, long highestTerm, long committedIndex, int operationsInvoked,
                           int operationsCompleted, int operationsUnknown, long learnedCommittedHashes, int unknownCommittedHashes) {

    /** A run in which the checks saw every committed entry. */
    public ClusterStats(long elections, long highestTerm, long committedIndex, int operationsInvoked, int operationsCompleted, int operationsUnknown) {
        this(elections, highestTerm, committedIndex, operationsInvoked, operationsCompleted, operationsUnknown, 0, 0);
    }
}
