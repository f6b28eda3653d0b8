package io.raftsim.raft.log;

import io.raftsim.sim.random.RandomStream;

import java.util.ArrayList;
import java.util.List;

/**
 * A node's log, indexed from 1 as in the paper (index 0 is the empty prefix, term 0). Next
 * to each entry it keeps a cumulative hash of the whole prefix through that entry, so two
 * logs agree through index i exactly when their hashes at i are equal (up to 64-bit
 * collisions): the Log Matching check becomes one comparison instead of a scan.
 *
 * <p>The hash is computed here from this log's own prefix, never taken from the sender, so
 * a follower that accepted entries onto a different prefix gets a different hash.
 */
public final class RaftLog {
    private final int node;
    private final LogListener listener;
    private final ArrayList<LogEntry> entries = new ArrayList<>();
    private long[] hashes = new long[64];

    public RaftLog(int node, LogListener listener) {
        this.node = node;
        this.listener = listener;
    }

    public long lastIndex() {
        return entries.size();
    }

    public long lastTerm() {
        return term(lastIndex());
    }

    /** Term of the entry at {@code index}; 0 for index 0. */
    public long term(long index) {
        return index == 0 ? 0 : entry(index).term();
    }

    public LogEntry entry(long index) {
        if (index < 1 || index > entries.size()) {
            throw new IndexOutOfBoundsException("log index " + index + " outside 1.." + entries.size() + " on node " + node);
        }
        return entries.get((int) (index - 1));
    }

    /** Cumulative hash of entries 1..index; a fixed constant for index 0. */
    public long hash(long index) {
        return index == 0 ? 0 : hashes[(int) (index - 1)];
    }

    public boolean contains(long index, long term) {
        return index <= lastIndex() && term(index) == term;
    }

    /** Rebuilds the log from durable storage after a restart; listeners are not told (nothing changed). */
    public void restore(List<LogEntry> persisted) {
        if (!entries.isEmpty()) {
            throw new IllegalStateException("restore into a non-empty log on node " + node);
        }
        for (LogEntry entry : persisted) {
            appendQuietly(entry);
        }
    }

    /** Appends one entry, which must be the next index. */
    public void append(LogEntry entry) {
        long hash = appendQuietly(entry);
        listener.appended(node, entry, hash);
    }

    private long appendQuietly(LogEntry entry) {
        if (entry.index() != lastIndex() + 1) {
            throw new IllegalStateException("append of index " + entry.index() + " onto last index " + lastIndex() + " on node " + node);
        }
        long hash = chain(hash(lastIndex()), entry);
        int position = entries.size();
        if (position == hashes.length) {
            long[] grown = new long[hashes.length * 2];
            System.arraycopy(hashes, 0, grown, 0, position);
            hashes = grown;
        }
        hashes[position] = hash;
        entries.add(entry);
        return hash;
    }

    /** Removes entries {@code fromIndex} and after. */
    public void truncateFrom(long fromIndex) {
        long previousLast = lastIndex();
        if (fromIndex < 1 || fromIndex > previousLast) {
            throw new IllegalArgumentException("truncate from " + fromIndex + " of log 1.." + previousLast + " on node " + node);
        }
        entries.subList((int) (fromIndex - 1), entries.size()).clear();
        listener.truncated(node, fromIndex, previousLast);
    }

    /** Entries {@code fromIndex..toIndex} inclusive, as an immutable copy that a message can carry as is. */
    public List<LogEntry> slice(long fromIndex, long toIndex) {
        if (fromIndex > toIndex) {
            return List.of();
        }
        return List.copyOf(entries.subList((int) (fromIndex - 1), (int) toIndex));
    }

    /** The first index holding {@code term}, searching back from {@code fromIndex}: the fast-backtracking hint. */
    public long firstIndexOfTerm(long term, long fromIndex) {
        long index = Math.min(fromIndex, lastIndex());
        while (index > 1 && term(index - 1) == term) {
            index--;
        }
        return index;
    }

    /** Last index whose term is at most {@code term}, searching back from {@code fromIndex}. */
    public long lastIndexAtOrBelowTerm(long term, long fromIndex) {
        long index = Math.min(fromIndex, lastIndex());
        while (index > 0 && term(index) > term) {
            index--;
        }
        return index;
    }

    static long chain(long previousHash, LogEntry entry) {
        return RandomStream.mix64(previousHash * 0x9E3779B97F4A7C15L + entry.term() * 0xC2B2AE3D27D4EB4FL + entry.command().fingerprint());
    }
}
