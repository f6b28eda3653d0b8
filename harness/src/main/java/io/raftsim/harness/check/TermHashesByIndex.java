package io.raftsim.harness.check;

import io.raftsim.harness.cluster.ChunkedLongArray;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * Log Matching's memory (Figure 3): for each log index, the cumulative hash of the first
 * entry seen there in each term. Nearly every index only ever holds entries of one term, so
 * that first pair lives in two flat arrays grown by chunks (16 bytes per index, no object); the pairs of
 * further terms, which only conflicting leaders create, go to a small ordered map.
 */
final class TermHashesByIndex {
    /** No entry seen at this index yet (a term is never negative). */
    private static final long NONE = -1;

    private final ChunkedLongArray firstTerm = new ChunkedLongArray(NONE);
    private final ChunkedLongArray firstHash = new ChunkedLongArray(0);
    /** Index -> (term, hash) pairs after the first, in the order seen. */
    private final TreeMap<Long, long[]> laterTerms = new TreeMap<>();

    /**
     * Whether an entry of {@code term} at {@code index} over the prefix {@code cumulativeHash}
     * agrees with the first one seen of that term there; the first one of its term is recorded and agrees.
     */
    boolean agreesOrRecords(long index, long term, long cumulativeHash) {
        long position = index - 1;
        if (position >= firstTerm.capacity() || firstTerm.get(position) == NONE) {
            firstTerm.set(position, term);
            firstHash.set(position, cumulativeHash);
            return true;
        }
        if (firstTerm.get(position) == term) {
            return firstHash.get(position) == cumulativeHash;
        }
        long[] seen = laterTerms.get(index);
        if (seen != null) {
            for (int i = 0; i < seen.length; i += 2) {
                if (seen[i] == term) {
                    return seen[i + 1] == cumulativeHash;
                }
            }
        }
        long[] grown = seen == null ? new long[2] : Arrays.copyOf(seen, seen.length + 2);
        grown[grown.length - 2] = term;
        grown[grown.length - 1] = cumulativeHash;
        laterTerms.put(index, grown);
        return true;
    }
}
