package io.raftsim.raft.log;


import java.util.ArrayList;
import java.util.List;

/**
 * A node's log, indexed from 1 as in the paper (index 0 is the empty prefix, term 0). It
 * tells nobody of its changes: the harness's checks keep their own cumulative hashes of it,
 * read through the server's probe after every step (harness LogMirror).
 */
public final class RaftLog {
    private final int node;
    private final ArrayList<LogEntry> entries = new ArrayList<>();

    public RaftLog(int node) {
        this.node = node;
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

    public boolean contains(long index, long term) {
        return index <= lastIndex() && term(index) == term;
    }

    /** Rebuilds the log from durable storage after a restart. */
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
        appendQuietly(entry);
    }

    private void appendQuietly(LogEntry entry) {
        if (entry.index() != lastIndex() + 1) {
            throw new IllegalStateException("append of index " + entry.index() + " onto last index " + lastIndex() + " on node " + node);
        }
        entries.add(entry);
    }

    /** Removes entries {@code fromIndex} and after. */
    public void truncateFrom(long fromIndex) {
        long previousLast = lastIndex();
        if (fromIndex < 1 || fromIndex > previousLast) {
            throw new IllegalArgumentException("truncate from " + fromIndex + " of log 1.." + previousLast + " on node " + node);
        }
        entries.subList((int) (fromIndex - 1), entries.size()).clear();
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

}
