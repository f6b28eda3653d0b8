package io.raftsim.raft.log;


import java.util.Arrays;
import java.util.List;

/**
 * A node's log, indexed from 1 as in the paper. Entries through {@link #snapshotIndex()} may
 * have been compacted into a snapshot (§7, dissertation ch. 5): the log then keeps only the
 * snapshot's last included index and term as its base, and holds entries
 * {@code snapshotIndex + 1 .. lastIndex}. Without a snapshot the base is index 0, term 0 (the
 * empty prefix). It tells nobody of its changes: the harness's checks keep their own cumulative
 * hashes of it, read through the server's probe after every step (harness LogMirror).
 *
 * <p>The entries are held as columns ({@link EntryColumns}), not as objects: terms and
 * fingerprints are read without making any, and {@link #entry} and {@link #slice} hand out the
 * entry object appended when it is one of the last {@value #RECENT_ENTRIES} appended, else make
 * an equal one. Nearly every read is of a recent entry (a leader's AppendEntries of a new
 * command to each follower, the entries a step commits), so reads allocate little, while the
 * objects kept are a fixed few per server, not one per entry.
 */
public final class RaftLog {
    private final int node;
    /** Entries snapshotIndex + 1 .. lastIndex, in order. */
    private final EntryColumns entries = new EntryColumns();
    private static final int RECENT_ENTRIES = 64;
    /**
     * The entry objects appended last, each at its index modulo the length, when it is still
     * the entry at that index; a slot is emptied when its entry leaves the log.
     */
    private final LogEntry[] recent = new LogEntry[RECENT_ENTRIES];
    /** The snapshot's last included index and term: the base the entries follow (0, 0 with none). */
    private long snapshotIndex;
    private long snapshotTerm;

    public RaftLog(int node) {
        this.node = node;
    }

    public long lastIndex() {
        return snapshotIndex + entries.size();
    }

    public long lastTerm() {
        return term(lastIndex());
    }

    /** The first index the log still holds an entry for (lastIndex + 1 when it holds none). */
    public long firstIndex() {
        return snapshotIndex + 1;
    }

    /** The last index the snapshot covers; 0 without one. */
    public long snapshotIndex() {
        return snapshotIndex;
    }

    /** The term of the snapshot's last included entry; 0 without one. */
    public long snapshotTerm() {
        return snapshotTerm;
    }

    /** Term of the entry at {@code index}, for snapshotIndex..lastIndex: at the base, the snapshot's last term (0 for index 0). */
    public long term(long index) {
        if (index == snapshotIndex) {
            return snapshotTerm;
        }
        checkHolds(index);
        return entries.term(index);
    }

    /** The entry at {@code index}, made afresh (equal to the one appended there, not the same object). */
    public LogEntry entry(long index) {
        checkHolds(index);
        LogEntry cached = recent[slot(index)];
        return cached != null && cached.index() == index ? cached : entries.entry(index);
    }

    private static int slot(long index) {
        return (int) (index & (RECENT_ENTRIES - 1));
    }

    /** The fingerprint of the command at {@code index} ({@link Command#fingerprint()}), without making the entry. */
    public long fingerprint(long index) {
        checkHolds(index);
        return entries.fingerprint(index);
    }

    /** Whether the entry at {@code index} is client {@code clientId}'s command {@code sequence}, without making the entry. */
    public boolean holdsClientCommand(long index, int clientId, long sequence) {
        checkHolds(index);
        return entries.holdsClientCommand(index, clientId, sequence);
    }

    private void checkHolds(long index) {
        if (index <= snapshotIndex || index > lastIndex()) {
            throw new IndexOutOfBoundsException("log index " + index + " outside " + firstIndex() + ".." + lastIndex() + " on node " + node);
        }
    }

    /** Whether the log holds an entry of {@code term} at {@code index} (the snapshot's last entry included). */
    public boolean contains(long index, long term) {
        return index >= snapshotIndex && index <= lastIndex() && term(index) == term;
    }

    /**
     * Rebuilds the log from durable storage after a restart: entries that follow the snapshot, if
     * any. A {@link DurableEntryLog}'s list is copied column by column, without entry objects.
     */
    public void restore(List<LogEntry> persisted) {
        if (!entries.isEmpty()) {
            throw new IllegalStateException("restore into a non-empty log on node " + node);
        }
        if (persisted instanceof EntryColumns.View view && !view.isEmpty()) {
            EntryColumns source = view.columns;
            if (source.firstIndex() != lastIndex() + 1) {
                throw new IllegalStateException("restore of index " + source.firstIndex() + " onto last index " + lastIndex() + " on node " + node);
            }
            entries.shareFrom(source, source.firstIndex(), source.lastIndex()); // the durable log's chunks, copied only when written
            return;
        }
        for (LogEntry entry : persisted) {
            appendQuietly(entry);
        }
    }

    /** The columns themselves, for the durable log to share ({@link DurableEntryLog#appendFrom}). */
    EntryColumns columns() {
        return entries;
    }

    /** Appends one entry, which must be the next index. */
    public void append(LogEntry entry) {
        appendQuietly(entry);
    }

    private void appendQuietly(LogEntry entry) {
        if (entry.index() != lastIndex() + 1) {
            throw new IllegalStateException("append of index " + entry.index() + " onto last index " + lastIndex() + " on node " + node);
        }
        entries.append(entry);
        recent[slot(entry.index())] = entry;
    }

    /** Removes entries {@code fromIndex} and after. */
    public void truncateFrom(long fromIndex) {
        long previousLast = lastIndex();
        if (fromIndex <= snapshotIndex || fromIndex > previousLast) {
            throw new IllegalArgumentException("truncate from " + fromIndex + " of log " + firstIndex() + ".." + previousLast + " on node " + node);
        }
        entries.truncateFrom(fromIndex);
        forgetRecent(fromIndex, previousLast);
    }

    /** Empties the slots of the entries {@code fromIndex..toIndex}, which left the log. */
    private void forgetRecent(long fromIndex, long toIndex) {
        for (long index = Math.max(fromIndex, toIndex - RECENT_ENTRIES + 1); index <= toIndex; index++) {
            recent[slot(index)] = null;
        }
    }

    /**
     * §7: the entries through {@code index} are now in a snapshot; the log keeps the entries
     * after it, with the entry at {@code index}'s term as the base's term.
     */
    public void compactThrough(long index) {
        if (index <= snapshotIndex || index > lastIndex()) {
            throw new IllegalArgumentException("compact through " + index + " of log " + firstIndex() + ".." + lastIndex() + " on node " + node);
        }
        long term = term(index);
        entries.dropThrough(index);
        forgetRecent(snapshotIndex + 1, index);
        snapshotIndex = index;
        snapshotTerm = term;
    }

    /**
     * Figure 13, InstallSnapshot receiver step 7: "Discard the entire log"; the log starts
     * afresh after the snapshot's last included entry. Also the start of a restart from a
     * stored snapshot, before {@link #restore}.
     */
    public void resetTo(long lastIncludedIndex, long lastIncludedTerm) {
        if (lastIncludedIndex < 0 || lastIncludedTerm < 0 || (lastIncludedIndex == 0) != (lastIncludedTerm == 0)) {
            throw new IllegalArgumentException("snapshot base " + lastIncludedIndex + ":" + lastIncludedTerm + " on node " + node);
        }
        entries.clear(lastIncludedIndex + 1);
        Arrays.fill(recent, null);
        snapshotIndex = lastIncludedIndex;
        snapshotTerm = lastIncludedTerm;
    }

    /** Entries {@code fromIndex..toIndex} inclusive, as an immutable copy that a message can carry as is. */
    public List<LogEntry> slice(long fromIndex, long toIndex) {
        if (fromIndex > toIndex) {
            return List.of();
        }
        if (fromIndex <= snapshotIndex) {
            throw new IndexOutOfBoundsException("slice from " + fromIndex + " of log " + firstIndex() + ".." + lastIndex() + " on node " + node);
        }
        checkHolds(toIndex);
        if (fromIndex == toIndex) {
            // One entry is what a leader sends for each new command.
            return List.of(entry(fromIndex));
        }
        LogEntry[] slice = new LogEntry[(int) (toIndex - fromIndex + 1)];
        for (int i = 0; i < slice.length; i++) {
            slice[i] = entry(fromIndex + i);
        }
        return List.of(slice);
    }

    /** The first index holding {@code term}, searching back from {@code fromIndex}: the fast-backtracking hint. */
    public long firstIndexOfTerm(long term, long fromIndex) {
        long index = Math.min(fromIndex, lastIndex());
        while (index > snapshotIndex + 1 && term(index - 1) == term) {
            index--;
        }
        return index;
    }

    /** Last index whose term is at most {@code term}, searching back from {@code fromIndex} (no further than the snapshot's). */
    public long lastIndexAtOrBelowTerm(long term, long fromIndex) {
        long index = Math.min(fromIndex, lastIndex());
        while (index > snapshotIndex && term(index) > term) {
            index--;
        }
        return index;
    }

}
